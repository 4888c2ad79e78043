import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@nss/server-core';
import { vnDayStart } from '@nss/util-vn';
import { SellerEvent } from '../sellers/seller-event.schema';
import { Seller } from '../sellers/seller.schema';
import { TrainingEvent } from '../training/training-event.schema';
import { TrainingAttendance, TrainingSession } from '../training/training.schema';

const PAGE = 500;
/** The name of an attendee the session does not tell apart (the event requires one; staff see it in the follow-up list). */
const UNKNOWN_NAME = 'Hộ tham gia tập huấn (không rõ tên) / training attendee (name not recorded)';

/** Inserts events, skipping the keys already there (a live write or an earlier run): counts the ones written. */
async function insertNew<T>(model: Model<T>, docs: Array<Partial<T>>): Promise<number> {
  if (!docs.length) return 0;
  try {
    // A document the schema refuses must fail the run, not be skipped silently.
    await model.insertMany(docs, { ordered: false, throwOnValidationError: true });
    return docs.length;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Written meanwhile by the live code: those keys were not written by this run.
    return docs.length - ((error as { writeErrors?: unknown[] }).writeErrors?.length ?? docs.length);
  }
}

/** The keys among `keys` that already have an event. */
async function existingKeys(model: Model<TrainingEvent> | Model<SellerEvent>, keys: string[]): Promise<Set<string>> {
  const docs = await model.collection.find({ key: { $in: keys } }, { projection: { key: 1 } }).toArray();
  return new Set(docs.map((d) => String(d['key'])));
}

/**
 * Onboarding's events for records made before the events existed (reporting counts events only): a
 * `training.attended:<attendanceId>` for each attendance without one, and the `milestone:<sellerId>:accountAt` of each
 * seller with a user but no such milestone. The keys are the ones the live code writes, and unique: running this twice,
 * or while the API writes the same events, writes each once. Reads every record in `_id` pages (a one-off, platform-wide).
 */
@Injectable()
export class OnboardingEventsBackfillRepository {
  private readonly logger = new Logger(OnboardingEventsBackfillRepository.name);

  constructor(
    @InjectModel(TrainingAttendance.name) private readonly attendances: Model<TrainingAttendance>,
    @InjectModel(TrainingSession.name) private readonly sessions: Model<TrainingSession>,
    @InjectModel(TrainingEvent.name) private readonly trainingEvents: Model<TrainingEvent>,
    @InjectModel(Seller.name) private readonly sellers: Model<Seller>,
    @InjectModel(SellerEvent.name) private readonly sellerEvents: Model<SellerEvent>,
  ) {}

  async trainingEventsOfAttendances(): Promise<number> {
    let written = 0;
    for (let after: Types.ObjectId | null = null; ; ) {
      const page: Array<TrainingAttendance & { createdAt?: Date }> = await this.attendances.find(after ? { _id: { $gt: after } } : {}).sort({ _id: 1 }).limit(PAGE).lean<Array<TrainingAttendance & { createdAt?: Date }>>().exec();
      if (!page.length) break;
      after = page[page.length - 1]?._id ?? null;
      const have = await existingKeys(this.trainingEvents, page.map((a) => `training.attended:${a._id.toHexString()}`));
      const missing = page.filter((a) => !have.has(`training.attended:${a._id.toHexString()}`));
      const sessionIds = [...new Set(missing.map((a) => a.sessionId))].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
      const sessions = new Map((await this.sessions.find({ _id: { $in: sessionIds } }).lean<Array<TrainingSession & { _id: Types.ObjectId }>>().exec()).map((s) => [s._id.toHexString(), s]));
      const events = missing.map((a) => {
        const session = sessions.get(a.sessionId);
        // By seller or phone; a household known by name only is found when it is the session's only such attendee.
        const nameOnly = session?.attendees.filter((p) => !p.phone && !p.sellerId) ?? [];
        const attendee =
          session?.attendees.find((p) => (a.sellerId && p.sellerId === a.sellerId) || (a.phone && p.phone === a.phone)) ??
          (!a.phone && !a.sellerId && nameOnly.length === 1 ? nameOnly[0] : undefined);
        return {
          key: `training.attended:${a._id.toHexString()}`,
          type: 'training.attended' as const,
          sessionId: a.sessionId,
          provinceCode: a.provinceCode,
          communeCode: a.communeCode,
          adminEra: '2025' as const,
          dayVn: a.date,
          at: a.createdAt ?? vnDayStart(a.date),
          agentUserId: session?.agentUserId ?? '',
          householdKey: a.householdKey,
          sellerId: a.sellerId,
          name: attendee?.name || UNKNOWN_NAME,
          phone: a.phone,
        };
      });
      written += await insertNew(this.trainingEvents, events);
      if (page.length < PAGE) break;
    }
    if (written) this.logger.log(`training.attended written for ${written} earlier attendances`);
    return written;
  }

  async accountMilestonesOfSellers(): Promise<number> {
    let written = 0;
    for (let after: Types.ObjectId | null = null; ; ) {
      const page: Array<Seller & { _id: Types.ObjectId; createdAt?: Date }> = await this.sellers.find(after ? { _id: { $gt: after } } : {}).sort({ _id: 1 }).limit(PAGE).lean<Array<Seller & { _id: Types.ObjectId; createdAt?: Date }>>().exec();
      if (!page.length) break;
      after = page[page.length - 1]?._id ?? null;
      const keyOf = (s: { _id: Types.ObjectId }) => `milestone:${s._id.toHexString()}:accountAt`;
      const have = await existingKeys(this.sellerEvents, page.map(keyOf));
      // The live milestone is written once the seller and its user both exist.
      const events = page
        .filter((s) => s.userId && !have.has(keyOf(s)))
        .map((s) => ({
          key: keyOf(s),
          sellerId: s._id.toHexString(),
          provinceCode: s.provinceCode,
          communeCode: s.communeCode,
          kind: 'accountAt',
          actorUserId: s.managedByAgentId ?? s.userId,
          at: s.funnel?.accountAt ?? s.createdAt ?? s._id.getTimestamp(),
          data: { channel: s.onboardingSource, agentUserId: s.registeredByAgentId ?? null, name: s.displayName, phone: s.phone },
        }));
      written += await insertNew(this.sellerEvents, events);
      if (page.length < PAGE) break;
    }
    if (written) this.logger.log(`accountAt milestones written for ${written} earlier sellers`);
    return written;
  }
}
