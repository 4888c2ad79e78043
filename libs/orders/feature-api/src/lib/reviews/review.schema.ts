import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { ReviewStatus } from '@nss/contracts';

/**
 * A buyer's rating of a product it received (1–5 stars and a text), moderated by staff of the product's province
 * before it is shown. One per buyer and product, whatever the number of orders: the unique index is the guard.
 * `provinceCode` is the seller's (= the product's) province, the moderators' scope. The reviewer's display name is
 * fixed when the review is written (given name and family initial): the public never sees more of the buyer.
 */
@Schema({ collection: 'reviews', timestamps: true })
export class ReviewDoc {
  @Prop({ type: String, required: true }) orderId!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) productName!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) buyerUserId!: string;
  @Prop({ type: String, required: true }) reviewerName!: string;
  @Prop({ type: Number, required: true, min: 1, max: 5 }) stars!: number;
  @Prop({ type: String, required: true }) text!: string;
  @Prop({ type: String, required: true, enum: ['pending', 'approved', 'rejected'] }) status!: ReviewStatus;
  @Prop({ type: String, default: null }) rejectionReason!: string | null;
  @Prop({ type: String, default: null }) decidedByUserId!: string | null;
  @Prop({ type: Date, default: null }) decidedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}
export type ReviewDocument = HydratedDocument<ReviewDoc>;
export const ReviewSchema = SchemaFactory.createForClass(ReviewDoc);
// Once per buyer and product (both always present, so unique on FerretDB and MongoDB alike).
ReviewSchema.index({ buyerUserId: 1, productId: 1 }, { unique: true });
// The product page: find({ productId, status: 'approved' }).sort({ createdAt: -1 }); the rating's $match.
ReviewSchema.index({ productId: 1, status: 1, createdAt: -1 });
// The moderation queue of a province: find({ provinceCode, status }).sort({ createdAt: 1 }).
ReviewSchema.index({ provinceCode: 1, status: 1, createdAt: 1 });

/**
 * A product's rating over its approved reviews: a figure recomputed from the reviews (never incremented) under the
 * product's rating lock after every moderation decision, so it always equals the approved reviews as of `asOf`.
 */
@Schema({ collection: 'product_ratings', timestamps: { createdAt: false, updatedAt: true } })
export class ProductRatingDoc {
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: Number, required: true }) count!: number;
  @Prop({ type: Number, required: true }) starsTotal!: number;
  /** The latest moderation decision of the product's reviews that this figure includes. */
  @Prop({ type: Date, default: null }) asOf!: Date | null;
  updatedAt!: Date;
}
export const ProductRatingSchema = SchemaFactory.createForClass(ProductRatingDoc);
// One figure per product: findOne({ productId }); the upsert's key.
ProductRatingSchema.index({ productId: 1 }, { unique: true });
