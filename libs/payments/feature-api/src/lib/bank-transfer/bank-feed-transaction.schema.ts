import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * Every transaction the bank feed told us about, once: the feed retries, so its `id` is unique here and a repeat is
 * acknowledged without doing anything again.
 */
@Schema({ collection: 'bank_feed_transactions', timestamps: true })
export class BankFeedTransactionDoc {
  /** The feed's transaction id, as a string. */
  @Prop({ type: String, required: true })
  feedId!: string;

  @Prop({ type: String, required: true, enum: ['in', 'out'] })
  transferType!: 'in' | 'out';

  @Prop({ type: Number, required: true })
  amountVnd!: number;

  @Prop({ type: String, required: true })
  content!: string;

  @Prop({ type: String, default: null })
  referenceCode!: string | null;

  @Prop({ type: String, default: null })
  gateway!: string | null;

  @Prop({ type: String, default: null })
  accountNumber!: string | null;

  @Prop({ type: String, default: null })
  transactionDate!: string | null;

  /** `pending` until handled; then `paid` (matched a checkout), `issue` (went to staff) or `ignored` (money out). */
  @Prop({ type: String, required: true, enum: ['pending', 'paid', 'issue', 'ignored'] })
  outcome!: 'pending' | 'paid' | 'issue' | 'ignored';

  /** The checkout it paid or is about; set before paying (still `pending`), so a retry resumes an interrupted payment. */
  @Prop({ type: String, default: null })
  checkoutId!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type BankFeedTransactionDocument = HydratedDocument<BankFeedTransactionDoc>;
export const BankFeedTransactionSchema = SchemaFactory.createForClass(BankFeedTransactionDoc);
// Deduplication of the feed's retries: the second insert of the same id fails.
BankFeedTransactionSchema.index({ feedId: 1 }, { unique: true });
// Transfers for a checkout: find({ checkoutId }).
BankFeedTransactionSchema.index({ checkoutId: 1 });
