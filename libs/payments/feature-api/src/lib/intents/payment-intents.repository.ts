import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, fenced, isDuplicateKeyError } from '@nss/server-core';
import { PaymentIntentDoc, type PaymentIntentDocument, type VnpayAttempt } from './payment-intent.schema';

export type NewPaymentIntent = Pick<
  PaymentIntentDoc,
  'checkoutId' | 'checkoutCode' | 'buyerUserId' | 'provinceCodes' | 'orderIds' | 'method' | 'amountVnd' | 'status'
>;

/**
 * payment_intents. Buyers see their own (owner), staff their sellers' provinces, admins all. Writes are made under the
 * checkout's DocumentLocks lock by callers that pass its fencing token, and state writes are also guarded by
 * `stateVersion` (see PaymentTransitions).
 */
@Injectable()
export class PaymentIntentsRepository extends ScopedRepository<PaymentIntentDoc> {
  constructor(@InjectModel(PaymentIntentDoc.name) model: Model<PaymentIntentDoc>) {
    super(model, { owner: 'buyerUserId', province: 'provinceCodes' });
  }

  /** The new intent, or null when the checkout has one already (the unique index decides). */
  async insertOnce(scope: DataScope, doc: NewPaymentIntent): Promise<PaymentIntentDocument | null> {
    try {
      return await this.create(scope, { ...doc, stateVersion: 0, reason: null, attempts: [], txnRefs: [], vnpay: null, bankFeedId: null } as NewPaymentIntent & Record<string, unknown>);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  findByCheckout(scope: DataScope, checkoutId: string): Promise<PaymentIntentDocument | null> {
    return this.findOne(scope, { checkoutId });
  }

  findByTxnRef(scope: DataScope, txnRef: string): Promise<PaymentIntentDocument | null> {
    return this.findOne(scope, { txnRefs: txnRef });
  }

  /** Adds a VNPay attempt (fenced: a holder whose lock was taken over cannot write). */
  async addAttempt(scope: DataScope, id: string, attempt: VnpayAttempt, fence: number): Promise<PaymentIntentDocument | null> {
    const f = fenced(fence);
    return this.findOneAndUpdate(scope, { _id: new Types.ObjectId(id), ...f.guard }, { $push: { attempts: attempt, txnRefs: attempt.txnRef }, $set: f.set });
  }

  /** Writes a state change if the intent is still at `fromVersion`; null when it is not (someone else changed it). */
  async writeState(scope: DataScope, id: string, fromVersion: number, set: Partial<PaymentIntentDoc>, fence: number): Promise<PaymentIntentDocument | null> {
    const f = fenced(fence);
    const version = fromVersion === 0 ? { $or: [{ stateVersion: 0 }, { stateVersion: { $exists: false } }] } : { stateVersion: fromVersion };
    return this.findOneAndUpdate(
      scope,
      { $and: [{ _id: new Types.ObjectId(id) }, version, f.guard] },
      { $set: { ...set, stateVersion: fromVersion + 1, ...f.set } },
    );
  }

  /** Intents in a status, oldest first (the review queue reads its own collection; this serves the sweep). */
  listByStatus(scope: DataScope, status: PaymentIntentDoc['status'], limit: number): Promise<PaymentIntentDocument[]> {
    return this.find(scope, { status }, undefined, { sort: { updatedAt: 1 }, limit });
  }
}
