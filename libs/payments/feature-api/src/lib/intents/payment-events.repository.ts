import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { DataScope, isDuplicateKeyError } from '@nss/server-core';
import { PaymentEventDoc } from './payment-event.schema';

export type NewPaymentEvent = Omit<PaymentEventDoc, 'createdAt'>;

/** payment_events: platform records (system work only); `claim` is the once-only insert that serialises changes. */
@Injectable()
export class PaymentEventsRepository {
  constructor(@InjectModel(PaymentEventDoc.name) private readonly model: Model<PaymentEventDoc>) {}

  /** The id of the event this call inserted; null when the key exists (someone else won). */
  async claim(scope: DataScope, event: NewPaymentEvent): Promise<string | null> {
    assertPlatform(scope);
    try {
      const created = await this.model.create(event);
      return String(created._id);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** Undo this claim (by its id) when the write it guarded did not happen. */
  async release(scope: DataScope, claimId: string): Promise<void> {
    assertPlatform(scope);
    await this.model.deleteOne({ _id: new Types.ObjectId(claimId) }).exec();
  }

  findByKey(scope: DataScope, key: string) {
    assertPlatform(scope);
    return this.model.findOne({ key }).exec();
  }

  history(scope: DataScope, subjectId: string) {
    assertPlatform(scope);
    return this.model.find({ subjectId }).sort({ at: 1, _id: 1 }).exec();
  }
}

function assertPlatform(scope: DataScope): void {
  if (!scope.isPlatform) throw new Error('payment events are platform records');
}
