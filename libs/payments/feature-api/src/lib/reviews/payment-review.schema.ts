import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * A payment staff must decide on: VNPay answered 07 (debited, suspected fraud), or money arrived for a checkout that had
 * already expired (stock released: never silently re-taken), or VNPay took money for an intent already settled (another
 * attempt paid too, or after the checkout was cancelled). Unique `key`.
 */
@Schema({ collection: 'payment_reviews', timestamps: true })
export class PaymentReviewDoc {
  /** `<intentId>` (07, paid after expiry: once per intent) or `<intentId>:<txnRef>` (an unexpected payment). */
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  intentId!: string;

  @Prop({ type: String, required: true })
  checkoutId!: string;

  @Prop({ type: String, required: true })
  checkoutCode!: string;

  @Prop({ type: Number, required: true })
  amountVnd!: number;

  /** `vnpay_07`, `paid_after_expiry`, or `unexpected_payment` (VNPay took money for an intent already settled). */
  @Prop({ type: String, required: true })
  reason!: string;

  @Prop({ type: [String], default: [] })
  provinceCodes!: string[];

  @Prop({ type: Object, default: null })
  vnpay!: { txnRef: string; transactionNo: string; responseCode: string; transactionStatus: string; bankCode: string } | null;

  @Prop({ type: String, required: true, enum: ['open', 'resolved'] })
  status!: 'open' | 'resolved';

  @Prop({ type: String, default: null })
  decision!: 'accept' | 'refund' | null;

  /** What the decision led to (`paid`, `refunded`, `refund_failed:95`…). */
  @Prop({ type: String, default: null })
  outcome!: string | null;

  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: String, default: null })
  resolvedByUserId!: string | null;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type PaymentReviewDocument = HydratedDocument<PaymentReviewDoc>;
export const PaymentReviewSchema = SchemaFactory.createForClass(PaymentReviewDoc);
// One review per key: a second IPN or querydr answer cannot file it twice.
PaymentReviewSchema.index({ key: 1 }, { unique: true });
// Reviews of an intent.
PaymentReviewSchema.index({ intentId: 1 });
// The staff queue: find({ status, provinceCodes }).sort({ createdAt: 1 }).
PaymentReviewSchema.index({ status: 1, provinceCodes: 1, createdAt: 1 });
