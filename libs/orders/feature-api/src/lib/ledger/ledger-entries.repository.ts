import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { LedgerEntryDoc } from './ledger-entry.schema';

/** Booking entries from order events and payout jobs is system work: it acts for the platform, not for a caller. */
export const LEDGER_BOOKING_SCOPE = DataScope.platform('seller ledger: booking an order event');

export type NewLedgerEntry = Omit<LedgerEntryDoc, 'createdAt'>;

/**
 * Seller ledger entries, scoped by province (`provinceCode`) and seller (`sellerId`). Append-only: the only write is
 * `book` (an insert keyed by the fact); the update methods of the base class are disabled.
 */
@Injectable()
export class LedgerEntriesRepository extends ScopedRepository<LedgerEntryDoc> {
  constructor(@InjectModel(LedgerEntryDoc.name) model: Model<LedgerEntryDoc>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Inserts the entry; null when an entry with its key exists already (the fact was booked before). */
  async book(scope: DataScope, entry: NewLedgerEntry): Promise<LedgerEntryWithId | null> {
    try {
      return (await this.create(scope, entry as NewLedgerEntry & Record<string, unknown>)).toObject() as LedgerEntryWithId;
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  override updateOne(): never {
    throw new Error('seller_ledger_entries is append-only');
  }

  override findOneAndUpdate(): never {
    throw new Error('seller_ledger_entries is append-only');
  }

  /** Σ amountVnd of the seller's entries (before `before`, when given), computed by the database. */
  async sum(scope: DataScope, sellerId: string, before?: Date): Promise<number> {
    const filter: FilterQuery<LedgerEntryDoc> = before ? { sellerId, at: { $lt: before } } : { sellerId };
    const [row] = await this.model
      .aggregate<{ total: number }>([{ $match: this.scoped(scope, filter) }, { $group: { _id: null, total: { $sum: '$amountVnd' } } }])
      .exec();
    return row?.total ?? 0;
  }

  async page(scope: DataScope, filter: FilterQuery<LedgerEntryDoc>, page: number, pageSize: number) {
    const [items, total] = await Promise.all([
      this.model
        .find(this.scoped(scope, filter), undefined, { sort: { at: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize })
        .lean<LedgerEntryWithId[]>()
        .exec(),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /** The seller's entries with `from ≤ at < to`, oldest first (a statement's lines). */
  between(scope: DataScope, sellerId: string, from: Date, to: Date): Promise<LedgerEntryWithId[]> {
    return this.model
      .find(this.scoped(scope, { sellerId, at: { $gte: from, $lt: to } }), undefined, { sort: { at: 1, _id: 1 } })
      .lean<LedgerEntryWithId[]>()
      .exec();
  }

  /** Every entry of the seller, oldest first (scenario checks and audits). */
  allOf(scope: DataScope, sellerId: string): Promise<LedgerEntryWithId[]> {
    return this.model.find(this.scoped(scope, { sellerId }), undefined, { sort: { at: 1, _id: 1 } }).lean<LedgerEntryWithId[]>().exec();
  }

  /** The entries booked for one order of the seller (sale, commission, its refunds). */
  ofOrder(scope: DataScope, sellerId: string, orderId: string): Promise<LedgerEntryWithId[]> {
    return this.model.find(this.scoped(scope, { sellerId, orderId })).lean<LedgerEntryWithId[]>().exec();
  }

  /** A payout of the seller with this bank reference, if any. */
  payoutWithReference(scope: DataScope, sellerId: string, bankReference: string): Promise<LedgerEntryWithId | null> {
    return this.model.findOne(this.scoped(scope, { sellerId, kind: 'payout', bankReference })).lean<LedgerEntryWithId>().exec();
  }
}

export type LedgerEntryWithId = LedgerEntryDoc & { _id: { toString(): string } };
