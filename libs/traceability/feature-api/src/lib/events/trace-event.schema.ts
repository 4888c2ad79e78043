import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

export const TRACE_EVENT_TYPES = ['stamps.issued', 'stamps.activated', 'stamps.voided', 'stamp.scanned', 'stamp.suspicious'] as const;
export type TraceEventType = (typeof TRACE_EVENT_TYPES)[number];

/**
 * Traceability's domain events (the outbox reporting consumes). The unique `key` names the fact, so a retried step
 * writes its event once: `stamps.issued:<batchId>`, `stamps.activated:<batchId>:<from>-<to>`, `stamp.scanned:<scanId>`,
 * `stamp.suspicious:<serial>:<reason>`.
 */
@Schema({ collection: 'trace_events', versionKey: false })
export class TraceEvent {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) type!: TraceEventType;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, required: true }) monthVn!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, default: null }) lotId!: string | null;
  @Prop({ type: String, default: null }) batchId!: string | null;
  @Prop({ type: String, default: null }) serial!: string | null;
  @Prop({ type: Number, required: true, default: 1 }) count!: number;
  @Prop({ type: Object, default: {} }) data!: Record<string, unknown>;
}
export type TraceEventDocument = HydratedDocument<TraceEvent>;
export const TraceEventSchema = SchemaFactory.createForClass(TraceEvent);
TraceEventSchema.index({ key: 1 }, { unique: true });
TraceEventSchema.index({ provinceCode: 1, at: 1 });
