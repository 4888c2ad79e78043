import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

@Schema({ _id: false })
export class TrainingAttendee {
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String })
  phone?: string;

  /** The seller this attendee is (given, or matched by phone when the session was recorded). */
  @Prop({ type: String })
  sellerId?: string;
}
const TrainingAttendeeSchema = SchemaFactory.createForClass(TrainingAttendee);

/** A training session an agent held in a commune of its province. `date` is the Vietnam calendar day. */
@Schema({ collection: 'training_sessions', timestamps: true })
export class TrainingSession {
  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  communeCode!: string;

  @Prop({ type: String, required: true, enum: ['2025'], default: '2025' })
  adminEra!: '2025';

  @Prop({ type: String, required: true })
  date!: string;

  @Prop({ type: String, required: true })
  agentUserId!: string;

  @Prop({ type: [String], required: true })
  topics!: string[];

  @Prop({ type: [TrainingAttendeeSchema], default: [] })
  attendees!: TrainingAttendee[];

  @Prop({ type: Number, required: true })
  attendeeCount!: number;

  @Prop({ type: Number, required: true })
  matchedSellerCount!: number;

  createdAt!: Date;
  updatedAt!: Date;
}
export type TrainingSessionDocument = HydratedDocument<TrainingSession>;
export const TrainingSessionSchema = SchemaFactory.createForClass(TrainingSession);
// Province lists, newest day first, optionally per commune: find({ provinceCode, communeCode? }).sort({ date: -1 }).
TrainingSessionSchema.index({ provinceCode: 1, communeCode: 1, date: -1 });
TrainingSessionSchema.index({ provinceCode: 1, date: -1 });

/**
 * One household's presence at one session, the unit the funnel counts. `householdKey` identifies the household
 * across sessions: `s:<sellerId>` when it is a known seller, else `p:<phone>`, else `a:<own id>` (a name alone
 * cannot be told apart). It is rewritten to `s:` when a household with that phone registers later.
 */
@Schema({ collection: 'training_attendances', timestamps: true })
export class TrainingAttendance {
  @Prop({ type: String, required: true })
  sessionId!: string;

  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  communeCode!: string;

  @Prop({ type: String, required: true })
  date!: string;

  @Prop({ type: String, default: null })
  phone!: string | null;

  @Prop({ type: String, default: null })
  sellerId!: string | null;

  @Prop({ type: String, required: true })
  householdKey!: string;

  _id!: Types.ObjectId;
}
export type TrainingAttendanceDocument = HydratedDocument<TrainingAttendance>;
export const TrainingAttendanceSchema = SchemaFactory.createForClass(TrainingAttendance);
// Matching a newly registered household to earlier training: find({ provinceCode, phone }).
TrainingAttendanceSchema.index({ provinceCode: 1, phone: 1 });
// Funnel: $match { provinceCode, communeCode? } then $group by householdKey.
TrainingAttendanceSchema.index({ provinceCode: 1, communeCode: 1, householdKey: 1 });
