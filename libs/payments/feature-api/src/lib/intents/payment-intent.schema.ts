import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { PAYMENT_INTENT_METHODS, PAYMENT_INTENT_STATUSES, type PaymentIntentMethod, type PaymentIntentStatus } from '@nss/contracts';

/** One trip to VNPay: each has its own `vnp_TxnRef` (unique per day at VNPay; unique here for ever). */
@Schema({ _id: false })
export class VnpayAttempt {
  @Prop({ type: String, required: true })
  txnRef!: string;

  /** `vnp_CreateDate` as sent (yyyyMMddHHmmss, GMT+7): querydr and refund name the transaction by it. */
  @Prop({ type: String, required: true })
  createDate!: string;

  @Prop({ type: String, required: true })
  orderInfo!: string;

  @Prop({ type: String, required: true })
  url!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}
const VnpayAttemptSchema = SchemaFactory.createForClass(VnpayAttempt);

/** What VNPay said about the attempt that settled the intent (IPN or querydr). */
@Schema({ _id: false })
export class VnpayOutcome {
  @Prop({ type: String, required: true })
  txnRef!: string;

  @Prop({ type: String, default: '' })
  transactionNo!: string;

  @Prop({ type: String, default: '' })
  bankCode!: string;

  @Prop({ type: Date, default: null })
  payDate!: Date | null;

  @Prop({ type: String, required: true })
  responseCode!: string;

  @Prop({ type: String, required: true })
  transactionStatus!: string;

  /** `ipn` or `querydr`. */
  @Prop({ type: String, required: true })
  source!: string;
}
const VnpayOutcomeSchema = SchemaFactory.createForClass(VnpayOutcome);

/**
 * The Stripe-like PaymentIntent of one checkout (unique `checkoutId`). Its state changes happen under the checkout's
 * `DocumentLocks` lock and each first claims the payment event `state:<intentId>:<stateVersion + 1>` (unique index),
 * so an IPN, a return, a querydr answer and the expiry job racing each other change it once.
 */
@Schema({ collection: 'payment_intents', timestamps: true })
export class PaymentIntentDoc {
  @Prop({ type: String, required: true })
  checkoutId!: string;

  @Prop({ type: String, required: true })
  checkoutCode!: string;

  @Prop({ type: String, required: true })
  buyerUserId!: string;

  /** Provinces of the checkout's sellers: whose staff see its reviews. */
  @Prop({ type: [String], default: [] })
  provinceCodes!: string[];

  @Prop({ type: [String], default: [] })
  orderIds!: string[];

  @Prop({ type: String, required: true, enum: PAYMENT_INTENT_METHODS })
  method!: PaymentIntentMethod;

  /** The checkout's total, integer đồng: what VNPay and the bank transfer must carry. */
  @Prop({ type: Number, required: true })
  amountVnd!: number;

  @Prop({ type: String, required: true, enum: PAYMENT_INTENT_STATUSES })
  status!: PaymentIntentStatus;

  @Prop({ type: Number, default: 0 })
  stateVersion!: number;

  @Prop({ type: String, default: null })
  reason!: string | null;

  @Prop({ type: [VnpayAttemptSchema], default: [] })
  attempts!: VnpayAttempt[];

  /** Every txnRef ever issued (random), for the IPN and return lookup. */
  @Prop({ type: [String], default: [] })
  txnRefs!: string[];

  @Prop({ type: VnpayOutcomeSchema, default: null })
  vnpay!: VnpayOutcome | null;

  /** The bank feed's id of the transfer that settled the intent (bank transfer): its retry knows it was its own. */
  @Prop({ type: String, default: null })
  bankFeedId!: string | null;

  @Prop({ type: Date, default: null })
  succeededAt!: Date | null;

  @Prop({ type: Date, default: null })
  canceledAt!: Date | null;

  @Prop({ type: Number, default: null })
  lockFence!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type PaymentIntentDocument = HydratedDocument<PaymentIntentDoc>;
export const PaymentIntentSchema = SchemaFactory.createForClass(PaymentIntentDoc);
// One intent per checkout: the second insert of a racing creation fails (always present, so unique on both backends).
PaymentIntentSchema.index({ checkoutId: 1 }, { unique: true });
// IPN and return: findOne({ txnRefs: <vnp_TxnRef> }).
PaymentIntentSchema.index({ txnRefs: 1 });
// Staff views by province; the buyer's own: find({ buyerUserId }).
PaymentIntentSchema.index({ buyerUserId: 1, createdAt: -1 });
