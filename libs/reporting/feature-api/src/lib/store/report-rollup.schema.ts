import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { FigureCounts, FigureMembers } from '@nss/report-figures';

/** The figures of one place: sums, and the members of unique figures (unions, never sums). */
export interface PlaceFigures {
  figures: FigureCounts;
  members: FigureMembers;
}

export type RollupLevel = 'd' | 'm' | 'y';

/**
 * A province's figures for a day, month or year (`report_rollups`), recomputed from its deltas (days) or from the
 * level below (months from days, years from months) and written by a plain replace: `_id` = `d:<province>:<YYYY-MM-DD>`,
 * `m:<province>:<YYYY-MM>` or `y:<province>:<YYYY>`. Dashboards read them by `_id` (`$in`), never the orders.
 */
@Schema({ collection: 'report_rollups', versionKey: false, minimize: false })
export class ReportRollup {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) level!: RollupLevel;
  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: Object, required: true }) total!: PlaceFigures;
  /** By commune row (a 2025 code, `old:<code>` for a split former commune, `""` when unknown). */
  @Prop({ type: Object, required: true }) communes!: Record<string, PlaceFigures>;
  @Prop({ type: Date, required: true }) foldedAt!: Date;
}
export const ReportRollupSchema = SchemaFactory.createForClass(ReportRollup);
// The folds read a month's days and a year's months by `_id`; this index serves the rebuild and ad-hoc queries.
ReportRollupSchema.index({ provinceCode: 1, level: 1, key: 1 });

export function rollupId(level: RollupLevel, provinceCode: string, key: string): string {
  return `${level}:${provinceCode}:${key}`;
}
