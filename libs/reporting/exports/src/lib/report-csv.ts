import { stringify } from 'csv-stringify/sync';
import { FIGURE_LABELS, type FigureName } from '@nss/report-figures';
import { communeValue, csvUnit, csvValue, figureTitle } from './figure-columns';
import type { ProvinceReport } from './report-data';
import { bilingual } from './report-text';

export const REPORT_CSV_TABLES = ['communes', 'series'] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

/**
 * CSV in UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), CRLF, RFC 4180 quoting, booleans as `true`/`false`; text that a
 * spreadsheet would run as a formula gets a leading apostrophe. Whole numbers only: weight in kilograms.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | boolean>>): Buffer {
  return Buffer.from(stringify([header, ...rows], { bom: true, record_delimiter: '\r\n', escape_formulas: true, cast: { boolean: (v) => String(v) } }), 'utf8');
}

export function csvFigureHeader(figure: FigureName): string {
  const title = figureTitle(figure);
  const unit = csvUnit(figure);
  return figure === 'weight_grams' || figure === 'revenue_vnd' ? `${title.vi}, ${unit.vi} (${title.en}, ${unit.en})` : bilingual(FIGURE_LABELS[figure]);
}

/** One table of the report as a CSV file: the commune table, or the series (one column per figure). */
export function reportCsv(report: ProvinceReport, table: ReportCsvTable): Buffer {
  if (table === 'communes') {
    const figures = report.figures.map((f) => f.name);
    return toCsv(
      ['Mã xã (Code)', 'Xã, phường (Commune)', ...figures.map(csvFigureHeader)],
      report.communes.map((c) => [c.key, c.name.vi, ...figures.map((f) => csvValue(f, communeValue(c.values, f)))]),
    );
  }
  const byKey = report.series.map((s) => new Map(s.points.map((p) => [p.key, p.value])));
  return toCsv(
    ['Kỳ (Period)', 'Từ ngày (From)', 'Đến ngày (To)', ...report.series.map((s) => csvFigureHeader(s.figure))],
    (report.series[0]?.points ?? []).map((p) => [p.key, p.from, p.to, ...report.series.map((s, i) => csvValue(s.figure, byKey[i]?.get(p.key) ?? 0))]),
  );
}
