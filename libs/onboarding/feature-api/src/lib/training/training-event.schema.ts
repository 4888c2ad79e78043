import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

/**
 * Onboarding's training events (append-only; reporting consumes them). One `training.attended` per household and
 * session, written with the attendance: key `training.attended:<attendanceId>`. `householdKey` is the attendance's
 * at the time (`s:<sellerId>`, `p:<phone>` or `a:<attendanceId>`); the household's name and phone are kept for the
 * follow-up list that province staff see (never in open data).
 */
@Schema({ collection: 'training_events', versionKey: false })
export class TrainingEvent {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) type!: 'training.attended';
  @Prop({ type: String, required: true }) sessionId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true, default: '2025' }) adminEra!: '2025';
  /** The session's Vietnam calendar day. */
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) agentUserId!: string;
  @Prop({ type: String, required: true }) householdKey!: string;
  @Prop({ type: String, default: null }) sellerId!: string | null;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, default: null }) phone!: string | null;
}
export type TrainingEventDocument = HydratedDocument<TrainingEvent>;
export const TrainingEventSchema = SchemaFactory.createForClass(TrainingEvent);
TrainingEventSchema.index({ key: 1 }, { unique: true });
