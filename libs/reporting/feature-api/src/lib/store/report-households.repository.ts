import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportHousehold, ReportHouseholdPhone } from './report-household.schema';
import { bulkReplace } from './report-store.repository';

/** The funnel's households. The worker's projection writes them (platform scope); the API reads them scoped. */
@Injectable()
export class ReportHouseholdsRepository extends ScopedRepository<ReportHousehold> {
  private readonly projection = DataScope.platform('reporting: funnel projection of training and seller events');

  /** Whether this process has made sure the phone lookups cover households written before they existed. */
  private phonesFilled: Promise<void> | null = null;

  constructor(
    @InjectModel(ReportHousehold.name) model: Model<ReportHousehold>,
    @InjectModel(ReportHouseholdPhone.name) private readonly phones: Model<ReportHouseholdPhone>,
  ) {
    super(model, { province: 'provinceCode' });
  }

  /**
   * Households by `_id`, one `_id: { $in }` read (MongoDB's `_id` index; our FerretDB build pushes it down too,
   * tools/infra/ferretdb-id-lookup.patch): id → household, the missing ones absent.
   */
  async getMany(ids: string[]): Promise<Map<string, ReportHousehold>> {
    const found = new Map<string, ReportHousehold>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const docs = await this.model.find(this.scoped(this.projection, { _id: { $in: unique.slice(i, i + IN_CHUNK) } })).lean<ReportHousehold[]>().exec();
      for (const doc of docs) found.set(doc._id, doc);
    }
    return found;
  }

  /**
   * The household ids the phone lookups name for some (province, phone) pairs, one `_id: { $in }` read: `<province>:<phone>`
   * → household id. An entry may be stale (the household's phone changed): check the household's phone when using it.
   */
  async phoneEntries(pairs: Array<{ provinceCode: string; phone: string }>): Promise<Map<string, string>> {
    await this.ensurePhonesFilled();
    const found = new Map<string, string>();
    const keys = [...new Set(pairs.map((p) => phoneKey(p.provinceCode, p.phone)))];
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const docs = await this.phones.find({ _id: { $in: keys.slice(i, i + IN_CHUNK) } }).lean<ReportHouseholdPhone[]>().exec();
      for (const doc of docs) found.set(doc._id, doc.householdId);
    }
    return found;
  }

  /**
   * Writes a page of the projection in a few round trips (bulkReplace: 50 households a command), in an order a crash anywhere leaves harmless (the projection
   * applied again writes what differs): the phone lookups of the households (a lookup naming a household not written
   * yet finds nothing, as if there were no lookup), then the households (replaced by `_id`), then the removals (a
   * household trained by phone merged into the seller's, removed only once the merged one is written).
   */
  async writeMany(puts: ReportHousehold[], removals: string[]): Promise<void> {
    const phoneDocs = puts.flatMap((doc) => (doc.sellerId && doc.phone ? [{ _id: phoneKey(doc.provinceCode, doc.phone), householdId: doc._id }] : []));
    await bulkReplace(this.phones, phoneDocs.map((doc) => ({ id: doc._id, doc })));
    await bulkReplace(this.model, puts.map((doc) => ({ id: doc._id, doc })));
    for (let i = 0; i < removals.length; i += IN_CHUNK) await this.model.deleteMany({ _id: { $in: removals.slice(i, i + IN_CHUNK) } }).exec();
  }

  private ensurePhonesFilled(): Promise<void> {
    // A fill that failed (database away) is tried again by the next call, not remembered as failed for good.
    return (this.phonesFilled ??= this.fillPhones().catch((error: unknown) => {
      this.phonesFilled = null;
      throw error;
    }));
  }

  private async putPhone(doc: Pick<ReportHousehold, '_id' | 'provinceCode' | 'phone'>): Promise<void> {
    const _id = phoneKey(doc.provinceCode, doc.phone as string);
    await this.phones.replaceOne({ _id }, { _id, householdId: doc._id }, { upsert: true }).exec();
  }

  /**
   * Once per process: households with an account written before the phone lookups existed get theirs (one scan, only
   * when the lookups are empty and such households exist; writing one twice is harmless).
   */
  private async fillPhones(): Promise<void> {
    if (await this.phones.exists({})) return;
    const cursor = this.model.find({ sellerId: { $ne: null }, phone: { $ne: null } }, { provinceCode: 1, phone: 1 }).lean<ReportHousehold>().cursor();
    for await (const doc of cursor) await this.putPhone(doc);
  }

  /** The households of a province (optionally one commune row) for the funnel. */
  list(scope: DataScope, filter: FilterQuery<ReportHousehold>): Promise<ReportHousehold[]> {
    return this.model.find(this.scoped(scope, filter)).lean<ReportHousehold[]>().exec();
  }
}

/** Ids per `$in` read (FerretDB pushes lists of up to 10,000 down; a page of the ingest needs a few hundred). */
const IN_CHUNK = 1_000;

export function phoneKey(provinceCode: string, phone: string): string {
  return `${provinceCode}:${phone}`;
}
