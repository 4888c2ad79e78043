import { FIGURE_LABELS, formatNumber, formatTonnes, type FigureName, type ReportLocale } from '@nss/report-figures';

/** A figure's value as the dashboard prints it: tonnes for the weight, grouped digits for the rest (`1.354`). */
export function formatFigure(name: string, value: number, lang: ReportLocale): string {
  return name === 'weight_grams' ? formatTonnes(value, lang) : formatNumber(value, lang);
}

/** A figure's label in the page's language (the name itself when unknown, e.g. a newer API). */
export function figureLabel(name: string, lang: ReportLocale): string {
  return FIGURE_LABELS[name as FigureName]?.[lang] ?? name;
}

/** The figures on the cards, the commune table and the chart's picker, in reading order. */
export const CARD_FIGURES: readonly FigureName[] = [
  'households_trained',
  'accounts_created',
  'sellers_verified',
  'active_sellers',
  'products_listed',
  'ocop_listed',
  'orders_sold',
  'revenue_vnd',
  'weight_grams',
  'orders_cancelled',
  'stamps_issued',
  'stamps_activated',
  'stamps_scanned',
  'stamps_scanned_unique',
  'stamps_suspicious',
];

export const COMMUNE_FIGURES: readonly FigureName[] = [
  'households_trained',
  'accounts_created',
  'sellers_verified',
  'products_listed',
  'orders_sold',
  'revenue_vnd',
  'weight_grams',
  'stamps_scanned',
];
