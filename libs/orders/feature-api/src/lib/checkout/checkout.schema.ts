import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import type { PaymentMethod } from '@nss/contracts';

/** One line's stock reservation: written before the stock is taken (`taken: false`), marked once it was. */
@Schema({ _id: false, versionKey: false })
export class ReservationDoc {
  @Prop({ type: String, required: true })
  productId!: string;

  @Prop({ type: String, required: true })
  sellerId!: string;

  @Prop({ type: Number, required: true })
  quantity!: number;

  @Prop({ type: Boolean, required: true, default: false })
  taken!: boolean;

  /**
   * The key its take is written under on the product (`take:<checkoutId>:<productId>`, recorded before the take):
   * whether the take happened is read there, even when `taken` was never marked. Null on lines taken before keys.
   */
  @Prop({ type: String, default: null })
  hold!: string | null;
}
export const ReservationSchema = SchemaFactory.createForClass(ReservationDoc);

/**
 * Internal states: `reserving` (stock being taken; a crash here is repaired by the sweep), then the public ones:
 * `awaiting_payment` (prepaid), `settled` (paid, or COD: nothing to wait for), `expired`, `cancelled`.
 */
export type CheckoutDocState = 'reserving' | 'awaiting_payment' | 'settled' | 'expired' | 'cancelled';

/** One checkout: a buyer's purchase across sellers, paid once; one order per seller. */
@Schema({ collection: 'checkouts', timestamps: true, versionKey: false })
export class Checkout {
  _id!: Types.ObjectId;

  /** `TT` + 10 characters: the VietQR purpose and the VNPay OrderInfo. Unique. */
  @Prop({ type: String, required: true })
  code!: string;

  @Prop({ type: String, required: true })
  buyerUserId!: string;

  @Prop({ type: String, required: true })
  paymentMethod!: PaymentMethod;

  @Prop({ type: Number, required: true })
  itemsTotalVnd!: number;

  @Prop({ type: Number, required: true })
  shippingTotalVnd!: number;

  @Prop({ type: Number, required: true })
  totalVnd!: number;

  @Prop({ type: String, required: true })
  state!: CheckoutDocState;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ type: [String], default: [] })
  orderIds!: string[];

  @Prop({ type: [ReservationSchema], default: [] })
  reservations!: ReservationDoc[];

  /** Why it was cancelled or expired. */
  @Prop({ type: String, default: null })
  closedReason!: string | null;

  /** The payment that settled it (payments' id). */
  @Prop({ type: String, default: null })
  paymentId!: string | null;

  @Prop({ type: Boolean, default: false })
  cartCleared!: boolean;

  /**
   * The request that made it: a digest of the buyer's Idempotency-Key. A retry with the key after its first request
   * died finds this checkout (and finishes or repairs it) instead of making a second one. Null once it was cancelled
   * without orders (the key may then make a new one) and on checkouts made without a key.
   */
  @Prop({ type: String, default: null })
  requestKey!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type CheckoutDocument = HydratedDocument<Checkout>;
export const CheckoutSchema = SchemaFactory.createForClass(Checkout);
CheckoutSchema.index({ code: 1 }, { unique: true });
CheckoutSchema.index({ buyerUserId: 1, createdAt: -1 });
// The sweep: find({ state: 'reserving', createdAt: { $lt } }).
CheckoutSchema.index({ state: 1, createdAt: 1 });
// A retried request: findOne({ buyerUserId, requestKey }) (not unique: FerretDB has no partial index; the request's
// lock makes it one checkout per key).
CheckoutSchema.index({ buyerUserId: 1, requestKey: 1 });
