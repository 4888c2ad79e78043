import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * One-time claims of the orders domain: an insert with a unique `key` succeeds once (the reliable claim on FerretDB
 * and MongoDB alike). `release:<checkoutId>:<productId>`: a reservation's stock is returned at most once.
 */
@Schema({ collection: 'order_claims', timestamps: { createdAt: true, updatedAt: false }, versionKey: false })
export class OrderClaim {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  checkoutId!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}
export type OrderClaimDocument = HydratedDocument<OrderClaim>;
export const OrderClaimSchema = SchemaFactory.createForClass(OrderClaim);
OrderClaimSchema.index({ key: 1 }, { unique: true });
