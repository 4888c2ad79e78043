import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

export const SCAN_VERDICTS = ['genuine_first', 'genuine_seen', 'suspicious', 'inactive', 'void', 'not_found'] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

/**
 * One scan (append-only). Never the raw client address: `clientHash` is a keyed hash (TRACE_SCAN_KEY). A position only
 * when the scanner consented in the browser, rounded to 0.01° (about 1 km).
 */
@Schema({ collection: 'stamp_scans', versionKey: false })
export class StampScan {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) serial!: string;
  @Prop({ type: Boolean, required: true }) stampFound!: boolean;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, default: '' }) userAgent!: string;
  @Prop({ type: String, required: true }) clientHash!: string;
  @Prop({ type: Number, default: null }) lat!: number | null;
  @Prop({ type: Number, default: null }) lng!: number | null;
  /** The province nearest to the consented position (approximate; null without a position or abroad). */
  @Prop({ type: String, default: null }) scannerProvinceCode!: string | null;
  @Prop({ type: String, required: true }) verdict!: ScanVerdict;
  @Prop({ type: [String], default: [] }) reasons!: string[];
  @Prop({ type: String, default: null }) productId!: string | null;
  @Prop({ type: String, default: null }) sellerId!: string | null;
  @Prop({ type: String, default: null }) provinceCode!: string | null;
  @Prop({ type: String, default: null }) communeCode!: string | null;
}
export type StampScanDocument = HydratedDocument<StampScan>;
export const StampScanSchema = SchemaFactory.createForClass(StampScan);
// Scan analytics of a seller (GET /scans/summary as seller/agent) and of a province (staff), by time range.
StampScanSchema.index({ sellerId: 1, at: -1 });
StampScanSchema.index({ provinceCode: 1, at: -1 });
