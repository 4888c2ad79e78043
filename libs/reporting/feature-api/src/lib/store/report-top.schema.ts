import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { TopFacts } from '../sources/order-top';
import type { RollupLevel } from './report-rollup.schema';

/**
 * Per product and per seller sums of a province's day, month or year, by commune row (`report_top`, `_id` like the
 * rollups': `d:<province>:<YYYY-MM-DD>`, `m:…`, `y:…`): the top lists. Kept apart from `report_rollups` so the figure
 * cards never read them; a product or seller sits in one commune row (the seller's), so the province's lists are the
 * rows merged at read time and nothing is stored twice. Sums are `[orders, revenueVnd, weightGrams]` (about 50 bytes
 * an entry): recomputed like the rollups (days from deltas, months from days, years from months).
 */
@Schema({ collection: 'report_top', versionKey: false, minimize: false })
export class ReportTop {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) level!: RollupLevel;
  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: Object, required: true }) communes!: Record<string, TopFacts>;
  @Prop({ type: Date, required: true }) foldedAt!: Date;
}
export const ReportTopSchema = SchemaFactory.createForClass(ReportTop);
// The month fold reads its days and the year fold its months: find({ provinceCode, level, key: { $gte, $lt } }).
ReportTopSchema.index({ provinceCode: 1, level: 1, key: 1 });
