import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { otpPurposeSchema, type OtpPurpose } from '@nss/contracts';

/**
 * Messages the development OtpSender "sent": what an SMS gateway would have received. Readable over HTTP only
 * when DEV_OUTBOX_ENABLED (never in production).
 */
@Schema({ collection: 'otp_outbox', timestamps: { createdAt: true, updatedAt: false } })
export class OtpOutboxMessage {
  @Prop({ type: String, required: true })
  phone!: string;

  @Prop({ type: String, required: true, enum: otpPurposeSchema.options })
  purpose!: OtpPurpose;

  @Prop({ type: String, required: true })
  code!: string;

  /** The Vietnamese message text, containing the code. */
  @Prop({ type: String, required: true })
  text!: string;

  createdAt!: Date;
}

export type OtpOutboxMessageDocument = HydratedDocument<OtpOutboxMessage>;
export const OtpOutboxMessageSchema = SchemaFactory.createForClass(OtpOutboxMessage);

// Dev outbox listing, newest first, optionally for one phone: find({ phone? }).sort({ createdAt: -1 }).
OtpOutboxMessageSchema.index({ createdAt: -1 });
OtpOutboxMessageSchema.index({ phone: 1, createdAt: -1 });
