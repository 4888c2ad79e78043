import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

@Schema({ _id: false, versionKey: false })
export class CartLineDoc {
  @Prop({ type: String, required: true })
  productId!: string;

  /** Snapshot at add time, shown if the product disappears. */
  @Prop({ type: String, required: true })
  sellerId!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: Number, required: true, min: 1 })
  quantity!: number;

  /** The price when the line was added (or last accepted): a different price now flags `price_changed`. */
  @Prop({ type: Number, required: true })
  addedPriceVnd!: number;

  @Prop({ type: Date, required: true })
  addedAt!: Date;
}
export const CartLineSchema = SchemaFactory.createForClass(CartLineDoc);

/**
 * A cart: a buyer's (key `user:<userId>`, `ownerUserId` set) or a guest's (key `guest:<sha256 of the token>`; the
 * token itself is never stored). One cart per key (unique).
 */
@Schema({ collection: 'carts', timestamps: true, versionKey: 'version', optimisticConcurrency: true })
export class Cart {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, default: null })
  ownerUserId!: string | null;

  @Prop({ type: [CartLineSchema], default: [] })
  lines!: CartLineDoc[];

  createdAt!: Date;
  updatedAt!: Date;
}
export type CartDocument = HydratedDocument<Cart>;
export const CartSchema = SchemaFactory.createForClass(Cart);
CartSchema.index({ key: 1 }, { unique: true });
