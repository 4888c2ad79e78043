import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import type { OrderState, PaymentMethod } from '@nss/contracts';
import type { OrderEventActor, OrderEventLine, OrderEventType } from './order-event-consumers';

/**
 * Order events (append-only; the domain events reporting and the ledger consume). The unique `key`
 * `state:<orderId>:<stateVersion>` is also the concurrency control of transitions: the second writer of a version
 * fails on the index (FerretDB's guarded updates are not atomic; a unique insert is).
 */
@Schema({ collection: 'order_events', versionKey: false })
export class OrderEvent {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) orderId!: string;
  @Prop({ type: String, required: true }) orderCode!: string;
  @Prop({ type: String, required: true }) checkoutId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) buyerUserId!: string;
  @Prop({ type: String, required: true }) type!: OrderEventType;
  @Prop({ type: String, default: null }) from!: OrderState | null;
  @Prop({ type: String, required: true }) to!: OrderState;
  @Prop({ type: Object, required: true }) actor!: OrderEventActor;
  @Prop({ type: String, default: null }) reason!: string | null;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true }) buyerProvinceCode!: string;
  @Prop({ type: String, required: true }) buyerCommuneCode!: string;
  @Prop({ type: String, required: true, default: '2025' }) adminEra!: '2025';
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, required: true }) monthVn!: string;
  @Prop({ type: String, required: true }) paymentMethod!: PaymentMethod;
  @Prop({ type: Object, required: true }) totals!: { itemsTotalVnd: number; shippingFeeVnd: number; totalVnd: number };
  /** The order's lines as far as reporting needs them: tonnes sold = Σ quantity × netWeightGrams. */
  @Prop({ type: [Object], default: [] }) lines!: OrderEventLine[];
  /** Extra facts some consumers need (e.g. the shipment of `order.shipped`). */
  @Prop({ type: Object, default: null }) data!: Record<string, string> | null;
  /** Names of the consumers that have finished with this event. */
  @Prop({ type: [String], default: [] }) consumedBy!: string[];
  @Prop({ type: Date, default: null }) dispatchedAt!: Date | null;
}
export type OrderEventDocument = HydratedDocument<OrderEvent>;
export const OrderEventSchema = SchemaFactory.createForClass(OrderEvent);
OrderEventSchema.index({ key: 1 }, { unique: true });
OrderEventSchema.index({ orderId: 1, at: 1 });
// The sweep: find({ dispatchedAt: null, at: { $lt } }).
OrderEventSchema.index({ dispatchedAt: 1, at: 1 });
// Reporting: by month and province.
OrderEventSchema.index({ monthVn: 1, provinceCode: 1 });
