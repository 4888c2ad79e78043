import { z } from 'zod';
import { FIGURE_NAMES, FUNNEL_STEPS, PERIOD_KINDS, parsePeriod, rangePeriod, daysBetween } from '@nss/report-figures';
import { isoDateSchema, provinceCodeSchema } from './common';

/** Province reporting (issue 8, docs/design/reporting.md): figures, communes, series, the funnel. */

/** The longest range a report covers (day series over it stay small). */
export const MAX_REPORT_DAYS = 3 * 366;

export const figureNameSchema = z.enum(FIGURE_NAMES as [string, ...string[]]);
export const periodKindSchema = z.enum(PERIOD_KINDS);
/** A commune row: a 2025 commune code, or `old:<code>` for a former commune that was split. */
export const communeKeySchema = z
  .string()
  .regex(/^(old:)?\d{5}$/, { message: 'Mã xã gồm 5 chữ số (hoặc old:<mã xã cũ>) / 5-digit commune code (or old:<former code>)' });

const periodFields = {
  /** Admins choose a province (none: the whole country); province staff may only name their own. */
  province: provinceCodeSchema.optional(),
  commune: communeKeySchema.optional(),
  period: periodKindSchema.default('month'),
  /** `2026-11-22`, `2026-W48`, `2026-11`, `2026-Q4` or `2026` for the kind; absent = the one containing today. */
  at: z.string().max(12).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};

type PeriodFields = { period: (typeof PERIOD_KINDS)[number]; at?: string | undefined; from?: string | undefined; to?: string | undefined };

/** `at` must fit the kind; a range needs `from` ≤ `to` within MAX_REPORT_DAYS, and nothing else. */
function checkPeriod(value: PeriodFields, ctx: z.RefinementCtx): void {
  if (value.period === 'range') {
    if (!value.from || !value.to) {
      for (const path of ['from', 'to'] as const) {
        if (!value[path]) ctx.addIssue({ code: 'custom', path: [path], message: 'Cần ngày bắt đầu và kết thúc / from and to are required for a range' });
      }
      return;
    }
    if (!rangePeriod(value.from, value.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc trước ngày bắt đầu / to is before from' });
    } else if (daysBetween(value.from, value.to) >= MAX_REPORT_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Tối đa ${MAX_REPORT_DAYS} ngày / at most ${MAX_REPORT_DAYS} days` });
    }
    if (value.at) ctx.addIssue({ code: 'custom', path: ['at'], message: 'Không dùng "at" với khoảng ngày / at is not used with a range' });
    return;
  }
  for (const path of ['from', 'to'] as const) {
    if (value[path]) ctx.addIssue({ code: 'custom', path: [path], message: 'Chỉ dùng với period=range / only with period=range' });
  }
  if (value.at && !parsePeriod(value.period, value.at)) {
    ctx.addIssue({ code: 'custom', path: ['at'], message: `Kỳ báo cáo không hợp lệ cho "${value.period}" / not a valid ${value.period}` });
  }
}

export const reportFiguresQuerySchema = z.strictObject(periodFields).superRefine(checkPeriod);
export type ReportFiguresQuery = z.infer<typeof reportFiguresQuerySchema>;

const { commune: _commune, ...provincePeriodFields } = periodFields;
export const reportCommunesQuerySchema = z.strictObject(provincePeriodFields).superRefine(checkPeriod);
export type ReportCommunesQuery = z.infer<typeof reportCommunesQuerySchema>;

export const reportSeriesQuerySchema = z
  .strictObject({ ...periodFields, figure: figureNameSchema, granularity: z.enum(['day', 'week', 'month']).default('day') })
  .superRefine(checkPeriod);
export type ReportSeriesQuery = z.infer<typeof reportSeriesQuerySchema>;

export const reportFunnelQuerySchema = z.strictObject({
  province: provinceCodeSchema.optional(),
  commune: communeKeySchema.optional(),
  by: z.enum(['commune', 'agent']).default('commune'),
});
export type ReportFunnelQuery = z.infer<typeof reportFunnelQuerySchema>;

// ---- Responses ----

const labelSchema = z.object({ vi: z.string(), en: z.string() });

export const reportPeriodSchema = z.object({ kind: periodKindSchema, key: z.string(), from: isoDateSchema, to: isoDateSchema });
export type ReportPeriodDto = z.infer<typeof reportPeriodSchema>;

export const reportFigureSchema = z.object({
  name: figureNameSchema,
  label: labelSchema,
  value: z.number(),
  /** The same figure over the previous period (the month before, the same number of days before a range…). */
  previous: z.number(),
});
export type ReportFigureDto = z.infer<typeof reportFigureSchema>;

export const reportFiguresSchema = z.object({
  /** Absent for the national view (admins). */
  provinceCode: provinceCodeSchema.optional(),
  commune: z.object({ key: communeKeySchema, name: labelSchema }).optional(),
  period: reportPeriodSchema,
  previousPeriod: reportPeriodSchema,
  figures: z.array(reportFigureSchema),
  /** The opening paragraph of a report ("Trong tháng 11/2026, toàn tỉnh đã tập huấn cho 1.354 hộ…"). */
  summary: labelSchema,
});
export type ReportFiguresDto = z.infer<typeof reportFiguresSchema>;

export const reportCommuneRowSchema = z.object({
  key: communeKeySchema.or(z.literal('')),
  name: labelSchema,
  /** A former commune that was split: its records are not allocated to any of the new communes. */
  former: z.boolean(),
  values: z.record(z.string(), z.number()),
});
export const reportCommunesSchema = z.object({
  provinceCode: provinceCodeSchema,
  period: reportPeriodSchema,
  communes: z.array(reportCommuneRowSchema),
});
export type ReportCommunesDto = z.infer<typeof reportCommunesSchema>;

export const reportSeriesSchema = z.object({
  provinceCode: provinceCodeSchema.optional(),
  figure: figureNameSchema,
  granularity: z.enum(['day', 'week', 'month']),
  points: z.array(z.object({ key: z.string(), from: isoDateSchema, to: isoDateSchema, value: z.number() })),
});
export type ReportSeriesDto = z.infer<typeof reportSeriesSchema>;

export const funnelStepSchema = z.enum(FUNNEL_STEPS);
const funnelSummaryFields = {
  counts: z.record(funnelStepSchema, z.number().int()),
  conversion: z.record(funnelStepSchema, z.number().nullable()),
  medianDaysToFirstSale: z.number().nullable(),
};
export const reportFunnelSchema = z.object({
  provinceCode: provinceCodeSchema,
  by: z.enum(['commune', 'agent']),
  ...funnelSummaryFields,
  rows: z.array(z.object({ key: z.string(), name: labelSchema, ...funnelSummaryFields })),
  /**
   * Households that passed a step and not the next, for follow-up visits. Names and phones only for the province's
   * own staff.
   */
  stuck: z.array(
    z.object({
      householdKey: z.string(),
      communeKey: z.string(),
      communeName: labelSchema,
      /** The step it has not reached yet. */
      step: funnelStepSchema,
      /** Since when it waits (the day it passed the step before). */
      since: isoDateSchema,
      name: z.string().optional(),
      phone: z.string().optional(),
    }),
  ),
});
export type ReportFunnelDto = z.infer<typeof reportFunnelSchema>;

// ---- Exports (made by the worker, downloaded when ready) ----

export const REPORT_EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export const reportExportFormatSchema = z.enum(REPORT_EXPORT_FORMATS);

/** `POST /api/reports/exports`: the same place and period fields as the figures. */
export const reportExportRequestSchema = z
  .strictObject({ ...periodFields, format: reportExportFormatSchema })
  .superRefine(checkPeriod);
export type ReportExportRequest = z.infer<typeof reportExportRequestSchema>;

/**
 * An export's id in a route: 24 lower-case hex digits (a requested export) or `monthly:<province>:<YYYY-MM>:<format>`
 * (the automatic monthly report). Anything else (upper case too) is refused with 400 naming `id`.
 */
export const reportExportIdParamsSchema = z.strictObject({
  id: z
    .string()
    .regex(/^(?:[0-9a-f]{24}|monthly:\d{2}:\d{4}-(?:0[1-9]|1[0-2]):(?:xlsx|csv|pdf))$/, {
      message: 'Mã tệp báo cáo không hợp lệ / invalid report export id',
    }),
});

export const REPORT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const reportExportSchema = z.object({
  id: z.string(),
  /** `request`: asked for by a person; `monthly`: made by the worker on the first day of a month. */
  kind: z.enum(['request', 'monthly']),
  format: reportExportFormatSchema,
  status: z.enum(REPORT_EXPORT_STATUSES),
  provinceCode: provinceCodeSchema.optional(),
  communeKey: communeKeySchema.optional(),
  period: reportPeriodSchema,
  progress: z.object({ done: z.number().int(), total: z.number().int(), percent: z.number() }),
  /** Set when done: `GET /api/reports/exports/:id/file` answers with this name. */
  fileName: z.string().optional(),
  sizeBytes: z.number().int().optional(),
  error: labelSchema.optional(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
});
export type ReportExportDto = z.infer<typeof reportExportSchema>;

export const reportExportListSchema = z.object({ items: z.array(reportExportSchema) });
export type ReportExportListDto = z.infer<typeof reportExportListSchema>;

// ---- Top products and sellers ----

export const reportTopQuerySchema = z
  .strictObject({ ...periodFields, by: z.enum(['product', 'seller']).default('product'), limit: z.coerce.number().int().min(1).max(50).default(10) })
  .superRefine(checkPeriod);
export type ReportTopQuery = z.infer<typeof reportTopQuerySchema>;

export const reportTopSchema = z.object({
  provinceCode: provinceCodeSchema.optional(),
  by: z.enum(['product', 'seller']),
  period: reportPeriodSchema,
  /** Ranked by revenue (goods value net of cancellations and refunds). */
  rows: z.array(z.object({ id: z.string(), name: z.string(), orders: z.number().int(), revenueVnd: z.number().int(), weightKg: z.number() })),
});
export type ReportTopDto = z.infer<typeof reportTopSchema>;

// ---- Open data (public) ----

const bilingualSchema = z.object({ vi: z.string(), en: z.string() });
/** `GET /api/open-data`: what is published, under which licence, and what each column means. */
export const openDataIndexSchema = z.object({
  title: bilingualSchema,
  licence: z.object({ id: z.string(), name: z.string(), url: z.string(), attribution: z.string(), notice: bilingualSchema }),
  dictionary: z.array(z.object({ name: z.string(), type: z.enum(['string', 'integer', 'boolean']), description: bilingualSchema, unit: bilingualSchema.nullable() })),
  provinces: z.array(
    z.object({
      code: provinceCodeSchema,
      name: z.string(),
      /** The month in progress (Vietnam time) is listed, marked provisional: its figures still change. */
      months: z.array(z.object({ month: z.string(), provisional: z.boolean(), csv: z.string(), json: z.string() })),
    }),
  ),
});
export type OpenDataIndexDto = z.infer<typeof openDataIndexSchema>;
