import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { PAYMENT_INTENT_METHODS, type PaymentIntentMethod } from '@nss/contracts';

/**
 * Money given back for one order: through VNPay's refund API for VNPay payments, recorded with the bank reference for
 * cash on delivery and bank transfer. One successful refund per order: `key` is `refund:<orderId>` (unique); a refused
 * VNPay refund is kept with status `failed` and the key `refund:<orderId>:failed:<n>` so staff can try again.
 */
@Schema({ collection: 'payment_refunds', timestamps: true })
export class RefundDoc {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  orderId!: string;

  @Prop({ type: String, required: true })
  checkoutId!: string;

  @Prop({ type: String, default: null })
  intentId!: string | null;

  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true, enum: PAYMENT_INTENT_METHODS })
  method!: PaymentIntentMethod;

  @Prop({ type: Number, required: true })
  amountVnd!: number;

  @Prop({ type: String, required: true, enum: ['full', 'partial'] })
  kind!: 'full' | 'partial';

  @Prop({ type: String, required: true, enum: ['succeeded', 'failed'] })
  status!: 'succeeded' | 'failed';

  @Prop({ type: String, required: true })
  reason!: string;

  @Prop({ type: String, default: null })
  bankReference!: string | null;

  @Prop({ type: String, default: null })
  gatewayCode!: string | null;

  @Prop({ type: String, default: null })
  gatewayTransactionNo!: string | null;

  @Prop({ type: String, required: true })
  actorUserId!: string;

  createdAt!: Date;
  updatedAt!: Date;
}
export type RefundDocument = HydratedDocument<RefundDoc>;
export const RefundSchema = SchemaFactory.createForClass(RefundDoc);
// One successful refund per order.
RefundSchema.index({ key: 1 }, { unique: true });
// Refunds of a checkout (how much of the VNPay transaction is already refunded): find({ checkoutId, status }).
RefundSchema.index({ checkoutId: 1, status: 1 });
