import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { SuspicionReason } from '@nss/contracts';

export type StampStatus = 'inactive' | 'active' | 'void';

/** A recent scan kept on the stamp for the "far apart" rule (the full record is in `stamp_scans`). */
@Schema({ _id: false, versionKey: false })
export class RecentScan {
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) clientHash!: string;
  @Prop({ type: Number, default: null }) lat!: number | null;
  @Prop({ type: Number, default: null }) lng!: number | null;
}
export const RecentScanSchema = SchemaFactory.createForClass(RecentScan);

/**
 * One QR stamp. Its `_id` is its serial (@nss/trace-codes): a scan looks it up by `_id`, the one lookup FerretDB
 * answers from an index. `{ batchId, seq }` is unique: a batch has exactly `quantity` stamps, seq 0 … quantity − 1.
 */
@Schema({ collection: 'stamps', versionKey: false })
export class Stamp {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) batchId!: string;
  @Prop({ type: Number, required: true }) seq!: number;
  @Prop({ type: String, required: true }) lotId!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true, default: 'inactive' }) status!: StampStatus;
  @Prop({ type: Date, default: null }) activatedAt!: Date | null;
  @Prop({ type: String, default: null }) printRun!: string | null;
  @Prop({ type: String, default: null }) voidReason!: string | null;
  @Prop({ type: Date, default: null }) firstScanAt!: Date | null;
  @Prop({ type: Number, default: 0 }) scanCount!: number;
  @Prop({ type: [RecentScanSchema], default: [] }) lastScans!: RecentScan[];
  /** Suspicion reasons found so far (kept for good), copied from Redis with the counters; absent until then. */
  @Prop({ type: [String], default: undefined }) suspicionReasons?: SuspicionReason[];
  @Prop({ type: String, default: null }) soldOrderId!: string | null;
  @Prop({ type: Date, default: null }) soldAt!: Date | null;
  @Prop({ type: Number, default: null }) lockFence!: number | null;
}
export type StampDocument = HydratedDocument<Stamp>;
export const StampSchema = SchemaFactory.createForClass(Stamp);
StampSchema.index({ batchId: 1, seq: 1 }, { unique: true });
