import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { OtpPurpose } from '@nss/contracts';
import { OneTimeCode, OneTimeCodeDocument } from './one-time-code.schema';

/** Queries of one_time_codes; every state change is one guarded findOneAndUpdate/updateMany. */
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

  /**
   * Spends one attempt on the live code of a phone and purpose, if any is left: the attempt is counted before the
   * code is compared, so parallel guesses cannot exceed the limit.
   */
  takeAttempt(phone: string, purpose: OtpPurpose, maxAttempts: number, now: Date): Promise<OneTimeCodeDocument | null> {
    return this.model
      .findOneAndUpdate(
        { phone, purpose, consumedAt: null, invalidatedAt: null, expiresAt: { $gt: now }, attempts: { $lt: maxAttempts } },
        { $inc: { attempts: 1 } },
        { new: true, sort: { _id: -1 } },
      )
      .exec();
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
