import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { ROLES, type Role, type UserStatus } from '@nss/contracts';

/**
 * A person who signs in. The phone (national form) is the login name and always present, so its unique index holds
 * on FerretDB and MongoDB alike. `passwordHash` is null for accounts an agent created for a household: they cannot
 * sign in until the account is handed over.
 */
@Schema({ collection: 'users', timestamps: true })
export class User {
  @Prop({ type: String, required: true })
  phone!: string;

  @Prop({ type: String, required: true, trim: true })
  fullName!: string;

  /** argon2id; null = cannot sign in yet. */
  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  @Prop({ type: String, required: true, enum: ROLES })
  role!: Role;

  /** Province (2025 code) of an agent, a province staff member or a seller user. */
  @Prop({ type: String, default: null })
  provinceCode!: string | null;

  @Prop({ type: String, default: null })
  provinceEra!: '2025' | null;

  /** The seller a seller user acts for (set once the seller profile exists). */
  @Prop({ type: String, default: null })
  sellerId!: string | null;

  @Prop({ type: String, required: true, enum: ['active', 'disabled'], default: 'active' })
  status!: UserStatus;

  /** Raised by sign-out everywhere, password reset and handover: access tokens of older versions stop working. */
  @Prop({ type: Number, required: true, default: 0 })
  tokenVersion!: number;

  /** TOTP secret (AES-256-GCM, TOTP_ENCRYPTION_KEY) once confirmed; staff and admins only. */
  @Prop({ type: String, default: null })
  totpSecret!: string | null;

  /** A secret being enrolled, until a code from it is confirmed. */
  @Prop({ type: String, default: null })
  totpPendingSecret!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);

// Sign-in and duplicate detection: findOne({ phone }). Unique, on a field that is always present.
UserSchema.index({ phone: 1 }, { unique: true });
// Staff lists of a province's agents/staff: find({ provinceCode, role }).
UserSchema.index({ provinceCode: 1, role: 1 });
