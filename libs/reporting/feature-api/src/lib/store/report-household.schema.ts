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
// A household trained by phone that registers later: findOne({ provinceCode, phone }).
ReportHouseholdSchema.index({ provinceCode: 1, phone: 1 });
