import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * One refresh token of a session. Only the sha256 of the token is stored. Each refresh replaces the token with a
 * new one of the same family; presenting a replaced token again means it was copied, and the whole family dies.
 * Records are kept until they expire (a revoked record is what makes reuse detectable), then deleted by code:
 * FerretDB has no TTL indexes.
 */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshToken {
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: String, required: true })
  userId!: string;

  /** All tokens descending from one sign-in. */
  @Prop({ type: String, required: true })
  familyId!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  /** When the whole family stops working, however often refreshed (REFRESH_FAMILY_MAX_AGE_SECONDS after sign-in). */
  @Prop({ type: Date, default: null })
  familyExpiresAt!: Date | null;

  /** The user's token version at sign-in: a family from before a sign-out everywhere cannot be refreshed. */
  @Prop({ type: Number, default: 0 })
  tokenVersion!: number;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  /** Id of the token that replaced this one at a refresh. */
  @Prop({ type: String, default: null })
  replacedBy!: string | null;

  createdAt!: Date;
}

export type RefreshTokenDocument = HydratedDocument<RefreshToken>;
export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);

// Refresh and logout: findOne({ tokenHash }). Unique, always present.
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
// Reuse detection: updateMany({ familyId, revokedAt: null }).
RefreshTokenSchema.index({ familyId: 1 });
// Revoke all of a user's sessions, clean a user's expired records: ({ userId, revokedAt }), ({ userId, expiresAt }).
RefreshTokenSchema.index({ userId: 1, expiresAt: 1 });
// Periodic clean-up: deleteMany({ expiresAt: { $lt: now } }).
RefreshTokenSchema.index({ expiresAt: 1 });
