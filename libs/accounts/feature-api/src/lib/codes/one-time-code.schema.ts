import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { type OtpPurpose, otpPurposeSchema } from '@nss/contracts';

/**
 * A one-time code sent to a phone. Only a keyed hash of the code is kept. Consumption and invalidation by a newer
 * code are guarded single-document updates (FerretDB has no transactions); races are decided in Redis first.
 */
@Schema({ collection: 'one_time_codes', timestamps: { createdAt: true, updatedAt: false } })
export class OneTimeCode {
  @Prop({ type: String, required: true })
  phone!: string;

  @Prop({ type: String, required: true, enum: otpPurposeSchema.options })
  purpose!: OtpPurpose;

  @Prop({ type: String, required: true })
  codeHash!: string;

  /** What the code unlocks (a user id for a password reset, a seller id for a handover). */
  @Prop({ type: String, required: true })
  subjectId!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  /** Guesses made so far, the right one included (a mirror: Redis holds the count that is enforced). */
  @Prop({ type: Number, required: true, default: 0 })
  attempts!: number;

  @Prop({ type: Date, default: null })
  consumedAt!: Date | null;

  /** Set when a newer code for the same phone and purpose was issued. */
  @Prop({ type: Date, default: null })
  invalidatedAt!: Date | null;

  createdAt!: Date;
}

export type OneTimeCodeDocument = HydratedDocument<OneTimeCode>;
export const OneTimeCodeSchema = SchemaFactory.createForClass(OneTimeCode);

// Issue (invalidate older) and consume: ({ phone, purpose, consumedAt, invalidatedAt }).
OneTimeCodeSchema.index({ phone: 1, purpose: 1 });
// Clean-up of old codes: deleteMany({ expiresAt: { $lt: … } }).
OneTimeCodeSchema.index({ expiresAt: 1 });
