import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import type { OrderActorRole, OrderState, PaymentMethod, PaymentStatus, ProductUnit } from '@nss/contracts';

@Schema({ _id: false, versionKey: false })
export class OrderLineDoc {
  @Prop({ type: String, required: true })
  productId!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  unit!: ProductUnit;

  @Prop({ type: Number, required: true })
  netWeightGrams!: number;

  @Prop({ type: Number, required: true })
  unitPriceVnd!: number;

  @Prop({ type: Number, required: true })
  quantity!: number;

  @Prop({ type: Number, required: true })
  lineTotalVnd!: number;

  /** The lot shipped (set by the seller when shipping, checked by traceability's LotSales). */
  @Prop({ type: String, default: null })
  lotId!: string | null;

  @Prop({ type: String, default: null })
  lotCode!: string | null;

  @Prop({ type: [String], default: [] })
  stampSerials!: string[];
}
export const OrderLineSchema = SchemaFactory.createForClass(OrderLineDoc);

@Schema({ _id: false, versionKey: false })
export class ShippingAddressDoc {
  @Prop({ type: String, required: true }) recipientName!: string;
  @Prop({ type: String, required: true }) phone!: string;
  @Prop({ type: String, required: true }) street!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) provinceName!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true }) communeName!: string;
}
export const ShippingAddressSchema = SchemaFactory.createForClass(ShippingAddressDoc);

@Schema({ _id: false, versionKey: false })
export class OrderHistoryDoc {
  @Prop({ type: String, default: null }) from!: OrderState | null;
  @Prop({ type: String, required: true }) to!: OrderState;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, default: null }) actorUserId!: string | null;
  @Prop({ type: String, required: true }) actorRole!: OrderActorRole;
  @Prop({ type: String }) reason?: string;
}
export const OrderHistorySchema = SchemaFactory.createForClass(OrderHistoryDoc);

/**
 * One seller's part of a checkout. Scoped by the seller's province (`provinceCode`, staff), the seller (`sellerId`)
 * and the buyer (`buyerUserId`). Changes of state go through OrderTransitions (an order event with a unique key
 * first, then this document under its lock).
 */
@Schema({ collection: 'orders', timestamps: true, versionKey: false })
export class Order {
  _id!: Types.ObjectId;

  /** `DH` + 10 characters. Unique. */
  @Prop({ type: String, required: true }) code!: string;
  @Prop({ type: String, required: true }) checkoutId!: string;
  @Prop({ type: String, required: true }) checkoutCode!: string;
  @Prop({ type: String, required: true }) buyerUserId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) sellerName!: string;
  /** Seller's place (2025). */
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  /** Buyer's delivery place (2025). */
  @Prop({ type: String, required: true }) buyerProvinceCode!: string;
  @Prop({ type: String, required: true }) buyerCommuneCode!: string;
  @Prop({ type: String, required: true, default: '2025' }) adminEra!: '2025';
  /** Vietnam-time day and month of creation ("2026-12-01", "2026-12"). */
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, required: true }) monthVn!: string;
  @Prop({ type: [OrderLineSchema], default: [] }) lines!: OrderLineDoc[];
  @Prop({ type: Number, required: true }) itemsTotalVnd!: number;
  @Prop({ type: Number, required: true }) shippingFeeVnd!: number;
  @Prop({ type: Number, required: true }) totalVnd!: number;
  @Prop({ type: Number, required: true }) weightGrams!: number;
  @Prop({ type: ShippingAddressSchema, required: true }) shippingAddress!: ShippingAddressDoc;
  @Prop({ type: String, default: null }) note!: string | null;
  @Prop({ type: String, required: true }) paymentMethod!: PaymentMethod;
  @Prop({ type: String, required: true }) paymentStatus!: PaymentStatus;
  @Prop({ type: String, required: true }) state!: OrderState;
  @Prop({ type: Number, required: true }) stateVersion!: number;
  @Prop({ type: [OrderHistorySchema], default: [] }) history!: OrderHistoryDoc[];
  @Prop({ type: Object, default: null }) shipment!: { carrier: string; trackingCode: string } | null;
  @Prop({ type: String, default: null }) cancelReason!: string | null;
  @Prop({ type: Date, default: null }) deliveredAt!: Date | null;
  @Prop({ type: Number, default: null }) lockFence!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type OrderDocument = HydratedDocument<Order>;
export const OrderSchema = SchemaFactory.createForClass(Order);
OrderSchema.index({ code: 1 }, { unique: true });
OrderSchema.index({ buyerUserId: 1, createdAt: -1 });
OrderSchema.index({ sellerId: 1, createdAt: -1 });
OrderSchema.index({ provinceCode: 1, createdAt: -1 });
OrderSchema.index({ checkoutId: 1 });
// Auto-completion: find({ state: 'delivered', deliveredAt: { $lt } }).
OrderSchema.index({ state: 1, deliveredAt: 1 });
