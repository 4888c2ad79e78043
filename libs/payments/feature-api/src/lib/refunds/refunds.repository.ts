import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { RefundDoc, type RefundDocument } from './refund.schema';

export type NewRefund = Omit<RefundDoc, 'createdAt' | 'updatedAt'>;

/** payment_refunds, scoped by the order's (seller's) province. */
@Injectable()
export class RefundsRepository extends ScopedRepository<RefundDoc> {
  constructor(@InjectModel(RefundDoc.name) model: Model<RefundDoc>) {
    super(model, { province: 'provinceCode' });
  }

  /** Inserts once per key; null when the key exists. */
  async insertOnce(scope: DataScope, doc: NewRefund): Promise<RefundDocument | null> {
    try {
      return await this.create(scope, doc as NewRefund & Record<string, unknown>);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  findByKey(scope: DataScope, key: string): Promise<RefundDocument | null> {
    return this.findOne(scope, { key });
  }

  /** Succeeded refunds of a checkout (what part of its VNPay transaction went back already). */
  succeededForCheckout(scope: DataScope, checkoutId: string): Promise<RefundDocument[]> {
    return this.find(scope, { checkoutId, status: 'succeeded' });
  }

  countFailed(scope: DataScope, orderId: string): Promise<number> {
    return this.count(scope, { orderId, status: 'failed' });
  }
}
