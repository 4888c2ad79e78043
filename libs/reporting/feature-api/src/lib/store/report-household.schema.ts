import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { FunnelStep } from '@nss/report-figures';

/**
 * A household's way through the onboarding funnel, projected from training and seller events
 * (`report_households`, `_id` = `<province>:<household key>`: `s:<sellerId>` once it has an account, `p:<phone>` or
 * `a:<attendance>` before). Each step keeps its earliest time. Name and phone are for the province's own staff only.
 */
@Schema({ collection: 'report_households', versionKey: false, minimize: false })
export class ReportHousehold {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) householdKey!: string;
  @Prop({ type: String, default: null }) sellerId!: string | null;
  @Prop({ type: String, default: null }) phone!: string | null;
  @Prop({ type: String, default: null }) name!: string | null;
  @Prop({ type: String, default: '' }) communeKey!: string;
  @Prop({ type: String, default: null }) agentUserId!: string | null;
  /** ISO instants of the steps reached. */
  @Prop({ type: Object, default: {} }) at!: Partial<Record<FunnelStep, string>>;
}
export const ReportHouseholdSchema = SchemaFactory.createForClass(ReportHousehold);
// The funnel of a province (optionally one commune): find({ provinceCode, communeKey? }).
ReportHouseholdSchema.index({ provinceCode: 1, communeKey: 1 });
// A household trained by phone that registers later: findOne({ provinceCode, phone }) on MongoDB; our FerretDB
// serves only `_id` lookups from an index, so the projection looks phones up in `report_household_phones` instead.
ReportHouseholdSchema.index({ provinceCode: 1, phone: 1 });

/**
 * Which household of a province has an account with this phone (`report_household_phones`, `_id` =
 * `<province>:<phone>`), written with the household: a training by phone that comes after the registration finds
 * the seller's household by one `_id` lookup instead of a scan of the province's households. Checked against the
 * household when read (a household whose phone changed leaves a stale entry, which is ignored).
 */
@Schema({ collection: 'report_household_phones', versionKey: false })
export class ReportHouseholdPhone {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) householdId!: string;
}
export const ReportHouseholdPhoneSchema = SchemaFactory.createForClass(ReportHouseholdPhone);
