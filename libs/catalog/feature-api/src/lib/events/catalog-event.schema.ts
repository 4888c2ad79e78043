import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

export const CATALOG_EVENT_TYPES = ['product.approved', 'product.delisted'] as const;
export type CatalogEventType = (typeof CATALOG_EVENT_TYPES)[number];

/**
 * The catalogue's domain events (append-only; reporting consumes them). The unique `key` names the fact:
 * `product.approved:<productId>` when a product is first listed, `product.delisted:<productId>:<n>` when a listed
 * product leaves the storefront (no route does that yet). `ocopStars` is the certificate's stars at the time
 * (null when the product has none or it has lapsed).
 */
@Schema({ collection: 'catalog_events', versionKey: false })
export class CatalogEvent {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) type!: CatalogEventType;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true, default: '2025' }) adminEra!: '2025';
  @Prop({ type: Number, default: null }) ocopStars!: number | null;
}
export type CatalogEventDocument = HydratedDocument<CatalogEvent>;
export const CatalogEventSchema = SchemaFactory.createForClass(CatalogEvent);
CatalogEventSchema.index({ key: 1 }, { unique: true });
