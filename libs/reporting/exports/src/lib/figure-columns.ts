import { FIGURE_LABELS, zeroFigures, type FigureName, type FigureValues } from '@nss/report-figures';
import type { LocalText, ProvinceReport } from './report-data';

/**
 * How each figure is shown in a file: its unit, and the value in that unit. Weight is counted in grams; people read
 * tonnes (XLSX, PDF), and the CSV files carry whole kilograms, since a decimal point in a CSV is read differently by
 * a Vietnamese and an English spreadsheet.
 */
export type FigureUnit = 'households' | 'sellers' | 'products' | 'orders' | 'vnd' | 'grams' | 'stamps' | 'scans';

export const UNIT_LABELS: Record<FigureUnit | 'tonnes' | 'kg', LocalText> = {
  households: { vi: 'hộ', en: 'households' },
  sellers: { vi: 'người bán', en: 'sellers' },
  products: { vi: 'sản phẩm', en: 'products' },
  orders: { vi: 'đơn', en: 'orders' },
  vnd: { vi: 'đồng', en: 'VND' },
  grams: { vi: 'gam', en: 'grams' },
  tonnes: { vi: 'tấn', en: 'tonnes' },
  kg: { vi: 'kg', en: 'kg' },
  stamps: { vi: 'tem', en: 'stamps' },
  scans: { vi: 'lượt quét', en: 'scans' },
};

export function figureUnit(figure: FigureName): FigureUnit {
  if (figure === 'households_trained' || figure.startsWith('accounts_created')) return 'households';
  if (figure === 'active_sellers' || figure === 'sellers_verified') return 'sellers';
  if (figure === 'products_listed' || figure.startsWith('ocop_listed')) return 'products';
  if (figure.startsWith('orders_')) return 'orders';
  if (figure === 'revenue_vnd') return 'vnd';
  if (figure === 'weight_grams') return 'grams';
  if (figure === 'stamps_scanned') return 'scans';
  return 'stamps';
}

/** The value in the unit people read: tonnes for weight, the number itself otherwise. */
export function displayValue(figure: FigureName, value: number): number {
  return figure === 'weight_grams' ? value / 1_000_000 : value;
}

export function displayUnit(figure: FigureName): LocalText {
  return figure === 'weight_grams' ? UNIT_LABELS.tonnes : UNIT_LABELS[figureUnit(figure)];
}

/** A column label without the unit in brackets the figure labels sometimes carry ("Doanh thu (đồng)" → "Doanh thu"). */
export function figureTitle(figure: FigureName): LocalText {
  const strip = (s: string) => s.replace(/\s*\([^)]*\)$/, '');
  return { vi: strip(FIGURE_LABELS[figure].vi), en: strip(FIGURE_LABELS[figure].en) };
}

/** CSV values: whole kilograms for weight (no decimal separator to misread), the number itself otherwise. */
export function csvValue(figure: FigureName, value: number): number {
  return figure === 'weight_grams' ? Math.round(value / 1000) : value;
}

export function csvUnit(figure: FigureName): LocalText {
  return figure === 'weight_grams' ? UNIT_LABELS.kg : UNIT_LABELS[figureUnit(figure)];
}

/** The figures a PDF's commune table has room for on an A4 page. */
export const PDF_COMMUNE_FIGURES: readonly FigureName[] = [
  'households_trained',
  'accounts_created',
  'products_listed',
  'orders_sold',
  'weight_grams',
  'revenue_vnd',
  'stamps_issued',
];

/** Every figure of the report's period as numbers (for the summary paragraph and total rows). */
export function currentValues(report: Pick<ProvinceReport, 'figures'>): FigureValues {
  const values = zeroFigures();
  for (const f of report.figures) values[f.name] = f.value;
  return values;
}

/** A commune row's value of a figure (absent = 0; only known figure names are read). */
export function communeValue(values: Record<string, number>, figure: FigureName): number {
  const v = values[figure];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
