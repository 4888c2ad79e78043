import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { LEDGER_ENTRY_KINDS, type LedgerEntryKind } from '@nss/contracts';

/**
 * One change of what the platform owes a seller. Append-only: entries are inserted, never updated or deleted; a
 * correction is a new entry. The unique `key` names the business fact the entry records, so the same fact can be
 * delivered any number of times (event retries, two workers) and is booked once:
 * `sale:<orderId>`, `commission:<orderId>`, `refund:<refundId>`, `refund-commission:<refundId>`, `payout:<payoutId>`.
 * Amounts are signed whole đồng (credits positive). A seller's balance is the sum of its entries.
 */
@Schema({ collection: 'seller_ledger_entries', timestamps: { createdAt: true, updatedAt: false } })
export class LedgerEntryDoc {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  sellerId!: string;

  /** The seller's province (2025 code): the data scope of staff. */
  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true, enum: LEDGER_ENTRY_KINDS })
  kind!: LedgerEntryKind;

  @Prop({ type: Number, required: true, validate: { validator: Number.isSafeInteger, message: 'amountVnd must be whole đồng' } })
  amountVnd!: number;

  /** When the fact happened (order completed, refund made, payout sent): statements are cut on it. */
  @Prop({ type: Date, required: true })
  at!: Date;

  /** "2026-11": the Vietnam-time month of `at` (for reports, which cannot compute it in the database). */
  @Prop({ type: String, required: true })
  monthVn!: string;

  @Prop({ type: String, default: null })
  orderId!: string | null;

  @Prop({ type: String, default: null })
  orderCode!: string | null;

  @Prop({ type: String, default: null })
  refundId!: string | null;

  @Prop({ type: String, default: null })
  payoutId!: string | null;

  @Prop({ type: String, default: null })
  bankReference!: string | null;

  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: Number, default: null })
  commissionBps!: number | null;

  /** Who booked it: the staff member of a payout; null for entries booked from order events. */
  @Prop({ type: String, default: null })
  actorUserId!: string | null;

  createdAt!: Date;
}
export type LedgerEntryDocument = HydratedDocument<LedgerEntryDoc>;
export const LedgerEntrySchema = SchemaFactory.createForClass(LedgerEntryDoc);
// The once-only booking of a fact: insertOne({ key }) succeeds once (always present, so unique on FerretDB too).
LedgerEntrySchema.index({ key: 1 }, { unique: true });
// A seller's ledger and statements: find({ sellerId, at: range }).sort({ at: 1, _id: 1 }); the balance's $match.
LedgerEntrySchema.index({ sellerId: 1, at: 1 });
// An order's entries when a refund is booked: find({ sellerId, orderId }).
LedgerEntrySchema.index({ orderId: 1 });
// Staff payout lists: find({ provinceCode, kind: 'payout' }).sort({ at: -1 }).
LedgerEntrySchema.index({ provinceCode: 1, kind: 1, at: -1 });
