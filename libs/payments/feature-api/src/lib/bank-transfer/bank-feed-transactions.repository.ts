import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { type DataScope, isDuplicateKeyError } from '@nss/server-core';
import { BankFeedTransactionDoc, type BankFeedTransactionDocument } from './bank-feed-transaction.schema';

export type NewFeedTransaction = Omit<BankFeedTransactionDoc, 'createdAt' | 'updatedAt' | 'outcome' | 'checkoutId'>;

/** bank_feed_transactions: platform records written by the webhook only. */
@Injectable()
export class BankFeedTransactionsRepository {
  constructor(@InjectModel(BankFeedTransactionDoc.name) private readonly model: Model<BankFeedTransactionDoc>) {}

  /** Inserts the transaction once: `{ doc, first: false }` when the feed sent this id before. */
  async record(scope: DataScope, doc: NewFeedTransaction): Promise<{ doc: BankFeedTransactionDocument; first: boolean }> {
    platformOnly(scope);
    try {
      return { doc: await this.model.create({ ...doc, outcome: 'pending', checkoutId: null }), first: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.model.findOne({ feedId: doc.feedId }).exec();
      if (!existing) throw error;
      return { doc: existing, first: false };
    }
  }

  /**
   * Marks a pending transaction as matched to the checkout it is about to pay (outcome stays `pending` until every
   * step is done): a retry after a crash part-way finds it and finishes the payment instead of calling it a second one.
   */
  async match(scope: DataScope, id: Types.ObjectId, checkoutId: string): Promise<void> {
    platformOnly(scope);
    await this.model.updateOne({ _id: id, outcome: 'pending' }, { $set: { checkoutId } }).exec();
  }

  async settle(scope: DataScope, id: Types.ObjectId, outcome: BankFeedTransactionDoc['outcome'], checkoutId: string | null): Promise<void> {
    platformOnly(scope);
    await this.model.updateOne({ _id: id }, { $set: { outcome, checkoutId } }).exec();
  }

  /** Handled transfers already counted as the payment of a checkout. */
  countPaid(scope: DataScope, checkoutId: string): Promise<number> {
    platformOnly(scope);
    return this.model.countDocuments({ checkoutId, outcome: 'paid' }).exec();
  }
}

function platformOnly(scope: DataScope): void {
  if (!scope.isPlatform) throw new Error('bank feed transactions are platform records');
}
