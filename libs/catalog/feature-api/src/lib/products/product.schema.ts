import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { CertificationInput, ProductUnit } from '@nss/contracts';
import type { StoredOcop } from './ocop';

@Schema({ _id: true, versionKey: false })
export class ProductPhotoDoc {
  _id!: Types.ObjectId;

  /** Storage key of the original upload. */
  @Prop({ required: true })
  key!: string;

  @Prop({ required: true })
  contentType!: string;

  @Prop({ required: true })
  bytes!: number;

  /** processing until the worker has written the thumbnails. */
  @Prop({ required: true, enum: ['processing', 'ready', 'failed'], default: 'processing' })
  status!: 'processing' | 'ready' | 'failed';

  @Prop({ type: String })
  thumbKey?: string;

  @Prop({ type: String })
  displayKey?: string;

  /** Pixel size of the original (orientation applied), recorded by the worker with the derived sizes. */
  @Prop({ type: Number })
  width?: number;

  @Prop({ type: Number })
  height?: number;

  /** Shown publicly only once approved (photos added to a listed product wait for review). */
  @Prop({ required: true, default: false })
  approved!: boolean;

  @Prop({ required: true, default: () => new Date() })
  uploadedAt!: Date;
}
export const ProductPhotoSchema = SchemaFactory.createForClass(ProductPhotoDoc);

/** Content that only goes public after review: proposed changes to a listed product. */
export interface PendingChanges {
  name?: string;
  description?: string;
  certifications?: CertificationInput[];
  ocop?: StoredOcop | null;
  /** Set when photos were added: the photos awaiting approval. */
  photoIds?: string[];
  submittedAt: Date;
}

@Schema({ collection: 'products', timestamps: true, versionKey: 'version', optimisticConcurrency: true })
export class ProductDoc {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  sellerId!: string;

  /** Copied from the seller (2025 codes) so that province scoping is a field match. */
  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  communeCode!: string;

  @Prop({ required: true, default: '2025' })
  adminEra!: '2025';

  /** Denormalised for cards and the product page (refreshed from the seller at every approval). */
  @Prop({ required: true })
  sellerName!: string;

  @Prop({ required: true })
  sellerType!: string;

  @Prop({ required: true })
  provinceName!: string;

  @Prop({ required: true })
  communeName!: string;

  @Prop({ required: true })
  categoryId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ required: true })
  unit!: ProductUnit;

  @Prop({ required: true })
  netWeightGrams!: number;

  @Prop({ required: true })
  priceVnd!: number;

  @Prop({ required: true, min: 0 })
  stock!: number;

  @Prop({ type: [Object], default: [] })
  certifications!: CertificationInput[];

  @Prop({ type: Object, default: null })
  ocop!: StoredOcop | null;

  @Prop({ type: [ProductPhotoSchema], default: [] })
  photos!: Types.DocumentArray<ProductPhotoDoc>;

  @Prop({ required: true, enum: ['pending', 'approved', 'rejected'], default: 'pending' })
  status!: 'pending' | 'approved' | 'rejected';

  /** True while staff have something to decide: a new listing or pending changes. Always present. */
  @Prop({ required: true, default: true })
  needsReview!: boolean;

  @Prop({ type: Object, default: null })
  pendingChanges!: PendingChanges | null;

  @Prop({ type: String })
  rejectionReason?: string;

  @Prop({ type: Date })
  approvedAt?: Date;

  /** When it was first approved: the "newest" sort key. */
  @Prop({ type: Date })
  listedAt?: Date;


  @Prop({ required: true })
  createdByUserId!: string;

  /** Fencing token of the last locked write (DocumentLocks): a writer with an older token is refused. */
  @Prop({ type: Number })
  lockFence?: number;

  /**
   * Keys of the stock takes not yet settled by their taker (a checkout still reserving), each written in the same
   * update as its decrement: whether a take happened is read here after a crash, and its return removes the key in
   * the same update as the increment (at most once). Internal: never shown.
   */
  @Prop({ type: [String], default: [] })
  stockHolds!: string[];

  createdAt!: Date;
  updatedAt!: Date;
}

export const ProductSchema = SchemaFactory.createForClass(ProductDoc);
// Seller's own list: GET /seller/products (seller scope) ordered by newest.
ProductSchema.index({ sellerId: 1, createdAt: -1 });
// Moderation queue: GET /moderation/products?status=pending within a province.
ProductSchema.index({ provinceCode: 1, needsReview: 1, createdAt: 1 });
// Moderation lists by status (approved/rejected) within a province.
ProductSchema.index({ provinceCode: 1, status: 1 });
// Search index sync: products changed since the last sync (CatalogSearchIndex.refresh).
ProductSchema.index({ updatedAt: 1 });
// Search index load: all approved products.
ProductSchema.index({ status: 1 });
