import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import {
  ROLES,
  SELLER_STATUSES,
  SELLER_TYPES,
  type OnboardingSource,
  type Role,
  type SellerStatus,
  type SellerType,
} from '@nss/contracts';

@Schema({ _id: false })
export class StatusChange {
  @Prop({ type: String, required: true, enum: SELLER_STATUSES })
  status!: SellerStatus;

  @Prop({ type: String })
  reason?: string;

  @Prop({ type: String, required: true })
  actorUserId!: string;

  @Prop({ type: String, required: true, enum: ROLES })
  actorRole!: Role;

  @Prop({ type: Date, required: true })
  at!: Date;
}
const StatusChangeSchema = SchemaFactory.createForClass(StatusChange);

@Schema({ _id: false })
export class Consent {
  @Prop({ type: Boolean, required: true })
  given!: true;

  @Prop({ type: String, required: true, enum: ['verbal', 'signed_form'] })
  method!: 'verbal' | 'signed_form';

  @Prop({ type: Date, required: true })
  recordedAt!: Date;

  @Prop({ type: String, required: true })
  recordedByUserId!: string;
}
const ConsentSchema = SchemaFactory.createForClass(Consent);

/** Milestones of the onboarding funnel; each is set once (guarded updates), never moved. */
@Schema({ _id: false })
export class SellerFunnel {
  @Prop({ type: Date })
  trainedAt?: Date;

  @Prop({ type: Date, required: true })
  accountAt!: Date;

  @Prop({ type: Date })
  verifiedAt?: Date;

  @Prop({ type: Date })
  firstListingAt?: Date;

  @Prop({ type: Date })
  firstSaleAt?: Date;
}
const SellerFunnelSchema = SchemaFactory.createForClass(SellerFunnel);

/**
 * A seller (household, cooperative, enterprise…). `provinceCode` and `communeCode` are 2025 codes (era in
 * `adminEra`), kept at the top level because the province is the data scope and the commune is the report key.
 * The seller scope of a seller user is its own `_id`. `managedByAgentId` is the agent that registered it and still
 * acts for it; it is cleared at handover (`handedOverAt`), which ends the agent's access.
 * The citizen ID is sensitive: stored sealed, it never leaves through lists, logs or public views.
 */
@Schema({ collection: 'sellers', timestamps: true, optimisticConcurrency: true })
export class Seller {
  @Prop({ type: String, required: true, enum: SELLER_TYPES })
  type!: SellerType;

  @Prop({ type: String, required: true, trim: true })
  representativeName!: string;

  @Prop({ type: String, required: true, trim: true })
  displayName!: string;

  /** Folded display and representative names for search without diacritics. */
  @Prop({ type: String, required: true })
  searchText!: string;

  /**
   * The citizen ID, sealed by CitizenIdCipher (never stored in the clear); shown only to the seller itself and to
   * staff/admins of its province, masked to agents.
   */
  @Prop({ type: String, required: true })
  citizenIdSealed!: string;

  /** CitizenIdHasher's keyed hash of `citizenId`: the key of the one-registration-per-citizen-ID rule. */
  @Prop({ type: String, required: true })
  citizenIdHash!: string;

  /** The household's mobile, national form; the same as its user's login. */
  @Prop({ type: String, required: true })
  phone!: string;

  @Prop({ type: String, required: true })
  addressText!: string;

  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  communeCode!: string;

  /** Era of provinceCode and communeCode (codes are reused across eras). */
  @Prop({ type: String, required: true, enum: ['2025'], default: '2025' })
  adminEra!: '2025';

  @Prop({ type: String, required: true, enum: ['self', 'agent'] })
  onboardingSource!: OnboardingSource;

  @Prop({ type: ConsentSchema })
  consent?: Consent;

  @Prop({ type: String, default: null })
  managedByAgentId!: string | null;

  /** The agent that registered the seller, kept after handover for the record. */
  @Prop({ type: String, default: null })
  registeredByAgentId!: string | null;

  @Prop({ type: Date })
  handedOverAt?: Date;

  @Prop({ type: String, required: true, enum: SELLER_STATUSES, default: 'pending_verification' })
  status!: SellerStatus;

  @Prop({ type: String })
  statusReason?: string;

  @Prop({ type: [StatusChangeSchema], default: [] })
  statusHistory!: StatusChange[];

  /**
   * Counts state changes (verification decisions, handover). A change claims `state:<id>:<stateVersion + 1>` in
   * seller_events first (see SellerEvent), then writes the seller guarded on the version it read.
   */
  @Prop({ type: Number, required: true, default: 0 })
  stateVersion!: number;

  @Prop({ type: SellerFunnelSchema, required: true })
  funnel!: SellerFunnel;

  /** The seller's user account; null only for the moment between creating the seller and its user. */
  @Prop({ type: String, default: null })
  userId!: string | null;

  /** Fencing token of the last locked write (DocumentLocks): a writer with an older token is refused. */
  @Prop({ type: Number })
  lockFence?: number;

  createdAt!: Date;
  updatedAt!: Date;
}

export type SellerDocument = HydratedDocument<Seller>;
export const SellerSchema = SchemaFactory.createForClass(Seller);

// One household, one registration: findOne({ citizenIdHash, type }) before registering; unique as the last word
// (documents from before the hash and the sealing get both at start-up: CitizenIdHashBackfill).
SellerSchema.index({ citizenIdHash: 1, type: 1 }, { unique: true });
// Province lists by status and commune, newest first: find({ provinceCode, status?, communeCode? }).sort({ createdAt: -1 }).
SellerSchema.index({ provinceCode: 1, status: 1, createdAt: -1 });
SellerSchema.index({ provinceCode: 1, communeCode: 1, createdAt: -1 });
// An agent's households: find({ provinceCode, managedByAgentId }).
SellerSchema.index({ provinceCode: 1, managedByAgentId: 1, createdAt: -1 });
// Training attendance and handover matched by phone: find({ provinceCode, phone }) / findOne({ phone }).
SellerSchema.index({ phone: 1 });
