import type { FigureName, FunnelStep, Period } from '@nss/report-figures';

/**
 * What an export is made from: the answers of `ReportsService` (figures, communes, series) and `ReportFunnelService`
 * (rows only: stuck households with names and phones never go into a file), plus who the report is for and when it
 * was made. Structurally the contracts' DTOs fit each field, so the API and the worker pass them as they come.
 */
export interface LocalText {
  vi: string;
  en: string;
}

export interface ReportFigure {
  name: FigureName;
  value: number;
  /** The same figure over the previous period. */
  previous: number;
}

export interface ReportCommuneRow {
  /** A 2025 commune code, `old:<code>` for a split former commune, `''` for records with no known commune. */
  key: string;
  name: LocalText;
  former: boolean;
  /** Figure name → value (absent = 0). */
  values: Record<string, number>;
}

export interface ReportSeriesPoint {
  key: string;
  from: string;
  to: string;
  value: number;
}

export interface ReportSeries {
  figure: FigureName;
  granularity: 'day' | 'week' | 'month';
  points: ReportSeriesPoint[];
}

export interface ReportFunnelSummary {
  counts: Record<FunnelStep, number>;
  conversion: Record<FunnelStep, number | null>;
  medianDaysToFirstSale: number | null;
}

export interface ReportFunnel extends ReportFunnelSummary {
  by: 'commune' | 'agent';
  rows: Array<ReportFunnelSummary & { key: string; name: LocalText }>;
}

export interface ProvinceReport {
  province: { code: string; name: LocalText };
  /**
   * Who the paragraph speaks of when the report is not the whole province: a commune's name (a report filtered to
   * one commune), or "cả nước" / "the country" (an admin's national report). Absent: "toàn tỉnh" / "the province".
   */
  place?: LocalText | undefined;
  period: Period;
  previousPeriod: Period;
  figures: ReportFigure[];
  communes: ReportCommuneRow[];
  /** Series over the same buckets (the PDF charts the first one). */
  series: ReportSeries[];
  funnel?: ReportFunnel | undefined;
  generatedAt: Date;
}
