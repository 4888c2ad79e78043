import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { OtpPurpose } from '@nss/contracts';
import { OneTimeCode, OneTimeCodeDocument } from './one-time-code.schema';

/**
 * Queries of one_time_codes. State changes are guarded single-document updates, which is atomic on MongoDB but not
 * on FerretDB 1.24's SQLite backend (it reads, then writes: FerretDB issue #3040); the service therefore arbitrates
 * races (attempt counting, single use) in Redis and keeps these guards as a second line on MongoDB.
 */
@Injectable()
export class OneTimeCodesRepository {
  constructor(@InjectModel(OneTimeCode.name) private readonly model: Model<OneTimeCode>) {}

  insert(doc: Pick<OneTimeCode, 'phone' | 'purpose' | 'codeHash' | 'subjectId' | 'expiresAt'> & { _id: Types.ObjectId }) {
    return this.model.create({ ...doc, attempts: 0, consumedAt: null, invalidatedAt: null });
  }

  /** Invalidates the live codes of a phone and purpose that are older than `newestId`. */
  async invalidateOlder(phone: string, purpose: OtpPurpose, newestId: Types.ObjectId, now: Date): Promise<void> {
    await this.model
      .updateMany(
        { phone, purpose, _id: { $lt: newestId }, consumedAt: null, invalidatedAt: null },
        { $set: { invalidatedAt: now } },
      )
      .exec();
  }

  /** The newest live code of a phone and purpose (at most one is live: issuing invalidates older ones). */
  findLive(phone: string, purpose: OtpPurpose, now: Date): Promise<OneTimeCodeDocument | null> {
    return this.model
      .findOne({ phone, purpose, consumedAt: null, invalidatedAt: null, expiresAt: { $gt: now } })
      .sort({ _id: -1 })
      .exec();
  }

  /** Mirrors the attempt count (Redis holds the authoritative one) for support staff looking at a record. */
  async recordAttempts(id: Types.ObjectId, attempts: number): Promise<void> {
    await this.model.updateOne({ _id: id, attempts: { $lt: attempts } }, { $set: { attempts } }).exec();
  }

  /** Consumes the code once: of two racing consumers, only one gets the document. */
  markConsumed(id: Types.ObjectId, now: Date): Promise<OneTimeCodeDocument | null> {
    return this.model
      .findOneAndUpdate({ _id: id, consumedAt: null, invalidatedAt: null }, { $set: { consumedAt: now } }, { new: true })
      .exec();
  }

  /** Deletes a phone's codes that expired before `before` (no TTL index on FerretDB). */
  async deleteExpired(before: Date, phone?: string): Promise<void> {
    await this.model.deleteMany({ ...(phone ? { phone } : {}), expiresAt: { $lt: before } }).exec();
  }
}
