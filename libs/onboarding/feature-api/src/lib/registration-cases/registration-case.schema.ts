import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import {
  REGISTRATION_CASE_REASONS,
  SELLER_TYPES,
  type OnboardingSource,
  type RegistrationCaseReason,
  type RegistrationCaseStatus,
  type SellerType,
} from '@nss/contracts';

@Schema({ _id: false })
export class CaseResolution {
  @Prop({ type: String, required: true })
  reason!: string;

  @Prop({ type: String, required: true })
  byUserId!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}
const CaseResolutionSchema = SchemaFactory.createForClass(CaseResolution);

/**
 * A registration that was not carried out because its citizen ID (same seller type) or its phone was already
 * registered. The caller was answered as for a new household; the case waits for the staff of `provinceCode` (the
 * province of the submitted address), who see what was submitted and resolve it with a reason. The citizen ID
 * (sealed) and the phone are personal data: shown whole only in the case detail, to staff of the province and admins.
 */
@Schema({ collection: 'registration_cases', timestamps: true })
export class RegistrationCase {
  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  communeCode!: string;

  @Prop({ type: String, required: true, enum: REGISTRATION_CASE_REASONS })
  reason!: RegistrationCaseReason;

  @Prop({ type: String, required: true, enum: ['self', 'agent'] })
  source!: OnboardingSource;

  /** The agent that submitted it; null for a self-registration. */
  @Prop({ type: String, default: null })
  submittedByUserId!: string | null;

  @Prop({ type: String, required: true, enum: SELLER_TYPES })
  type!: SellerType;

  @Prop({ type: String, required: true })
  representativeName!: string;

  @Prop({ type: String, required: true })
  displayName!: string;

  @Prop({ type: String, required: true })
  phone!: string;

  /** Sealed by CitizenIdCipher, as on sellers. */
  @Prop({ type: String, required: true })
  citizenIdSealed!: string;

  @Prop({ type: String, required: true })
  citizenIdHash!: string;

  @Prop({ type: String, required: true })
  addressText!: string;

  /** The seller already registered with this citizen ID or phone, when it is of the same province. */
  @Prop({ type: String, default: null })
  existingSellerId!: string | null;

  @Prop({ type: String, required: true, enum: ['open', 'resolved'], default: 'open' })
  status!: RegistrationCaseStatus;

  @Prop({ type: CaseResolutionSchema })
  resolution?: CaseResolution;

  createdAt!: Date;
  updatedAt!: Date;
}

export type RegistrationCaseDocument = HydratedDocument<RegistrationCase>;
export const RegistrationCaseSchema = SchemaFactory.createForClass(RegistrationCase);

// The staff queue of a province, newest first: find({ provinceCode, status? }).sort({ createdAt: -1 }).
RegistrationCaseSchema.index({ provinceCode: 1, status: 1, createdAt: -1 });
