import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { BANK_TRANSFER_ISSUE_KINDS, type BankTransferIssueKind } from '@nss/contracts';

/**
 * A transfer that was not accepted as a payment: too little, too much, no known checkout code, after the checkout
 * expired, for a checkout already paid or not paid by transfer. Staff of the checkout's sellers' provinces (admins for
 * unknown codes) resolve it. One per feed transaction (unique `feedId`).
 */
@Schema({ collection: 'bank_transfer_issues', timestamps: true })
export class BankTransferIssueDoc {
  @Prop({ type: String, required: true, enum: BANK_TRANSFER_ISSUE_KINDS })
  kind!: BankTransferIssueKind;

  @Prop({ type: String, required: true })
  feedId!: string;

  @Prop({ type: String, default: null })
  checkoutId!: string | null;

  @Prop({ type: String, default: null })
  checkoutCode!: string | null;

  @Prop({ type: Number, default: null })
  expectedVnd!: number | null;

  @Prop({ type: Number, required: true })
  receivedVnd!: number;

  @Prop({ type: String, required: true })
  content!: string;

  @Prop({ type: String, default: null })
  bankReferenceCode!: string | null;

  @Prop({ type: [String], default: [] })
  provinceCodes!: string[];

  @Prop({ type: String, required: true, enum: ['open', 'resolved'] })
  status!: 'open' | 'resolved';

  @Prop({ type: String, default: null })
  decision!: 'accept' | 'refunded' | 'dismiss' | null;

  @Prop({ type: String, default: null })
  note!: string | null;

  /** The bank transfer that sent the money back (decision `refunded`). */
  @Prop({ type: String, default: null })
  bankReference!: string | null;

  @Prop({ type: String, default: null })
  resolvedByUserId!: string | null;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type BankTransferIssueDocument = HydratedDocument<BankTransferIssueDoc>;
export const BankTransferIssueSchema = SchemaFactory.createForClass(BankTransferIssueDoc);
// One issue per feed transaction (a retried webhook never files a second).
BankTransferIssueSchema.index({ feedId: 1 }, { unique: true });
// The staff queue: find({ status, provinceCodes }).sort({ createdAt: 1 }).
BankTransferIssueSchema.index({ status: 1, provinceCodes: 1, createdAt: 1 });
