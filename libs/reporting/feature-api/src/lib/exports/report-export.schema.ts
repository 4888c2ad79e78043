import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PeriodKind } from '@nss/report-figures';

export type ReportExportKind = 'request' | 'monthly';
export type ReportExportFormat = 'xlsx' | 'csv' | 'pdf';
export type ReportExportStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * One export file (`report_exports`), made by the worker. `_id`: a random ObjectId hex for a person's request,
 * `monthly:<province>:<YYYY-MM>:<format>` for the automatic monthly report (so it exists once whatever reruns).
 * `storageKey` is drawn when the export is created and never changes: a build that runs again after a crash writes
 * the same object again, never a second file.
 */
@Schema({ collection: 'report_exports', versionKey: false, minimize: false })
export class ReportExport {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) kind!: ReportExportKind;
  @Prop({ type: String, required: true }) format!: ReportExportFormat;
  @Prop({ type: String, required: true }) status!: ReportExportStatus;
  /** Null: the whole country (admins only). */
  @Prop({ type: String, default: null }) provinceCode!: string | null;
  @Prop({ type: String, default: null }) communeKey!: string | null;
  @Prop({ type: Object, required: true }) period!: { kind: PeriodKind; key: string; from: string; to: string };
  /** Who asked (null for the monthly report). */
  @Prop({ type: String, default: null }) requestedByUserId!: string | null;
  @Prop({ type: Object, required: true }) progress!: { done: number; total: number };
  /** Private: served only through the export's own route, never under /api/media/. */
  @Prop({ type: String, required: true }) storageKey!: string;
  @Prop({ type: String, required: true }) fileName!: string;
  @Prop({ type: Number, default: null }) sizeBytes!: number | null;
  @Prop({ type: Object, default: null }) error!: { vi: string; en: string } | null;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) startedAt!: Date | null;
  @Prop({ type: Date, default: null }) finishedAt!: Date | null;
  /** Fencing token of the last build that wrote (DocumentLocks): a stalled older build cannot overwrite a newer one. */
  @Prop({ type: Number, default: null }) lockFence!: number | null;
}
export const ReportExportSchema = SchemaFactory.createForClass(ReportExport);
// A person's list (their own requests) and a province's monthly reports, newest first; the sweep's unfinished ones.
ReportExportSchema.index({ requestedByUserId: 1, createdAt: -1 });
ReportExportSchema.index({ kind: 1, provinceCode: 1, createdAt: -1 });
ReportExportSchema.index({ status: 1, createdAt: 1 });

export const monthlyExportId = (provinceCode: string, month: string, format: ReportExportFormat) => `monthly:${provinceCode}:${month}:${format}`;
