import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { FigureCounts, FigureMembers } from '@nss/report-figures';
import type { TopFacts } from '../sources/order-top';

/**
 * One consumed event's contribution (`report_deltas`). `_id` = `<province>:<dayVn>:<source>:<event key>`: a second
 * insert of the same event fails on `_id`, so an event is applied exactly once whatever retries or replays happen.
 */
@Schema({ collection: 'report_deltas', versionKey: false, minimize: false })
export class ReportDelta {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, default: '' }) communeKey!: string;
  @Prop({ type: String, required: true }) dayVn!: string;
  @Prop({ type: String, required: true }) source!: string;
  @Prop({ type: Object, default: {} }) figures!: FigureCounts;
  @Prop({ type: Object, default: {} }) members!: FigureMembers;
  /** Order events: per product and per seller sums (folded into `report_top`). */
  @Prop({ type: Object, default: null }) top?: TopFacts | null;
}
export const ReportDeltaSchema = SchemaFactory.createForClass(ReportDelta);
// The fold: find({ provinceCode: { $in }, dayVn: { $in } }) (an index rather than an `_id` prefix range: FerretDB 1.24
// on SQLite does not push string ranges on `_id` down to storage; nor does it use this index: it scans, see foldDays).
ReportDeltaSchema.index({ provinceCode: 1, dayVn: 1 });
