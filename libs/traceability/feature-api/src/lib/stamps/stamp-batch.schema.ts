import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

export type StampBatchStatus = 'requested' | 'approved' | 'generating' | 'ready' | 'cancelled' | 'rejected' | 'failed';

@Schema({ _id: false, versionKey: false })
export class LabelSize {
  @Prop({ type: Number, required: true }) widthMm!: number;
  @Prop({ type: Number, required: true }) heightMm!: number;
}
export const LabelSizeSchema = SchemaFactory.createForClass(LabelSize);

/** A file the worker wrote for a batch: a PDF label sheet (≤ 5,000 labels) or the printer CSV. */
@Schema({ _id: false, versionKey: false })
export class StampBatchFile {
  @Prop({ type: String, required: true }) kind!: 'pdf' | 'csv';
  @Prop({ type: Number, required: true }) part!: number;
  @Prop({ type: Number, required: true }) labels!: number;
  @Prop({ type: Number, required: true }) bytes!: number;
  @Prop({ type: String, required: true }) storageKey!: string;
}
export const StampBatchFileSchema = SchemaFactory.createForClass(StampBatchFile);

/**
 * A range activation or voiding the worker applies (larger than TRACE_RANGE_SYNC_MAX): `done` seqs of `fromSeq`…`toSeq`
 * went through so far. `changed` and `activeDelta` are counted by the job before its first chunk (nothing else changes
 * the batch's stamps' status while it is pending), so the counts are exact however often the worker is killed.
 */
@Schema({ _id: false, versionKey: false })
export class PendingRangeChange {
  /** The change's event key, `stamps.activated:<batchId>:<n>` or `stamps.voided:<batchId>:<n>`. */
  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) status!: 'active' | 'void';
  @Prop({ type: Number, required: true }) n!: number;
  @Prop({ type: Number, required: true }) fromSeq!: number;
  @Prop({ type: Number, required: true }) toSeq!: number;
  @Prop({ type: String, default: null }) printRun!: string | null;
  @Prop({ type: String, default: null }) reason!: string | null;
  @Prop({ type: Number, default: 0 }) done!: number;
  @Prop({ type: Number, default: null }) changed!: number | null;
  @Prop({ type: Number, default: null }) activeDelta!: number | null;
  @Prop({ type: String, required: true }) requestedByUserId!: string;
  @Prop({ type: Date, required: true }) requestedAt!: Date;
}
export const PendingRangeChangeSchema = SchemaFactory.createForClass(PendingRangeChange);

/** A seller's request for N stamps of one lot, its approval and the worker's progress making it. */
@Schema({ collection: 'stamp_batches', timestamps: true, versionKey: false })
export class StampBatch {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) code!: string;
  @Prop({ type: String, required: true }) lotId!: string;
  @Prop({ type: String, required: true }) lotCode!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) productName!: string;
  @Prop({ type: String, default: null }) gtin!: string | null;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) sellerName!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: Number, required: true }) quantity!: number;
  @Prop({ type: LabelSizeSchema, required: true }) labelSize!: LabelSize;
  @Prop({ type: String, required: true }) status!: StampBatchStatus;
  @Prop({ type: Boolean, default: false }) autoApproved!: boolean;
  @Prop({ type: String, required: true }) requestedByUserId!: string;
  @Prop({ type: String, default: null }) decidedByUserId!: string | null;
  @Prop({ type: Date, default: null }) decidedAt!: Date | null;
  @Prop({ type: String, default: null }) rejectReason!: string | null;
  /** Stamps stored so far (the worker's progress). */
  @Prop({ type: Number, default: 0 }) made!: number;
  @Prop({ type: Number, default: 0 }) filesDone!: number;
  @Prop({ type: [StampBatchFileSchema], default: [] }) files!: StampBatchFile[];
  @Prop({ type: Date, default: null }) startedAt!: Date | null;
  @Prop({ type: Date, default: null }) finishedAt!: Date | null;
  @Prop({ type: Boolean, default: false }) cancelRequested!: boolean;
  @Prop({ type: String, default: null }) error!: string | null;
  /** Activations so far (the `<n>` of their `stamps.activated:<batchId>:<n>` events). */
  @Prop({ type: Number, default: 0 }) activations!: number;
  /** Stamps of the batch that are active now. */
  @Prop({ type: Number, default: 0 }) activated!: number;
  /** Voidings so far (the `<n>` of their `stamps.voided:<batchId>:<n>` events). */
  @Prop({ type: Number, default: 0 }) voidings!: number;
  /** The range change the worker is applying; one at a time per batch (null when none). */
  @Prop({ type: PendingRangeChangeSchema, default: null }) pendingChange!: PendingRangeChange | null;
  @Prop({ type: Number, default: null }) lockFence!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type StampBatchDocument = HydratedDocument<StampBatch>;
export const StampBatchSchema = SchemaFactory.createForClass(StampBatch);
StampBatchSchema.index({ code: 1 }, { unique: true });
StampBatchSchema.index({ sellerId: 1, createdAt: -1 });
StampBatchSchema.index({ provinceCode: 1, status: 1, createdAt: -1 });
