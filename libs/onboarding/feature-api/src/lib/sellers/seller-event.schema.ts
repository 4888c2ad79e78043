import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * The append-only record of a seller's state changes (verification decisions, handover) and one-time milestones.
 * Its unique `key` is also the concurrency control: FerretDB applies guarded updates (`findOneAndUpdate` with a
 * condition, even `$inc`) non-atomically under concurrent requests, while a unique index does reject the second
 * insert. So a state change first inserts `state:<sellerId>:<next stateVersion>` and only the winner writes the
 * seller; a milestone inserts `milestone:<sellerId>:<name>` once (`accountAt` when the seller and its user exist,
 * `verifiedAt`, `firstListingAt`, `firstSaleAt`). Reporting consumes them (kinds `status:<status>` and the milestones).
 */
@Schema({ collection: 'seller_events', timestamps: { createdAt: true, updatedAt: false } })
export class SellerEvent {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  sellerId!: string;

  @Prop({ type: String, required: true })
  provinceCode!: string;

  /** The seller's commune (2025 code) when the event was written: reporting's commune key. Absent on older events. */
  @Prop({ type: String, default: null })
  communeCode?: string | null;

  @Prop({ type: String, required: true })
  kind!: string;

  /**
   * Facts consumers need that the kind does not say. `accountAt`: `channel` (self | agent), `agentUserId`, and the
   * household's `name` and `phone` (reporting lists households stuck in the funnel to their province's staff).
   */
  @Prop({ type: Object, default: null })
  data?: Record<string, string | null> | null;

  @Prop({ type: String, default: null })
  actorUserId!: string | null;

  @Prop({ type: Date, required: true })
  at!: Date;

  createdAt!: Date;
}
export type SellerEventDocument = HydratedDocument<SellerEvent>;
export const SellerEventSchema = SchemaFactory.createForClass(SellerEvent);
// The claim itself: insertOne({ key }) succeeds once. Always present, so unique on FerretDB and MongoDB alike.
SellerEventSchema.index({ key: 1 }, { unique: true });
// A seller's history: find({ sellerId }).sort({ at: 1 }).
SellerEventSchema.index({ sellerId: 1, at: 1 });
