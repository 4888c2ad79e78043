import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { PaymentReviewDoc, type PaymentReviewDocument } from './payment-review.schema';

export type NewPaymentReview = Pick<PaymentReviewDoc, 'key' | 'intentId' | 'checkoutId' | 'checkoutCode' | 'amountVnd' | 'reason' | 'provinceCodes' | 'vnpay'>;

/** payment_reviews: staff see those of their sellers' provinces, admins all. */
@Injectable()
export class PaymentReviewsRepository extends ScopedRepository<PaymentReviewDoc> {
  constructor(@InjectModel(PaymentReviewDoc.name) model: Model<PaymentReviewDoc>) {
    super(model, { province: 'provinceCodes' });
  }

  /** Files the review once; the existing one when the intent has one already. */
  async fileOnce(scope: DataScope, doc: NewPaymentReview): Promise<PaymentReviewDocument> {
    try {
      return await this.create(scope, { ...doc, status: 'open' } as NewPaymentReview & Record<string, unknown>);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findOne(scope, { key: doc.key });
      if (!existing) throw error;
      return existing;
    }
  }

  async page(scope: DataScope, status: 'open' | 'resolved', page: number, pageSize: number): Promise<{ items: PaymentReviewDocument[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(scope, { status }, undefined, { sort: { createdAt: 1, _id: 1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, { status }),
    ]);
    return { items, total };
  }

  /** Closes an open review (guarded: a second resolution changes nothing and gets null). */
  resolve(scope: DataScope, id: string, set: Pick<PaymentReviewDoc, 'decision' | 'outcome' | 'note' | 'resolvedByUserId' | 'resolvedAt'>): Promise<PaymentReviewDocument | null> {
    return this.findOneAndUpdate(scope, { _id: new Types.ObjectId(id), status: 'open' }, { $set: { ...set, status: 'resolved' } });
  }
}
