import {
  addDays,
  daysBetween,
  isDayKey,
  PERIOD_KINDS,
  periodContaining,
  rangePeriod,
  vnDay,
  type FigureName,
  type Period,
  type PeriodKind,
} from '@nss/report-figures';
import type { QueryParams } from '@nss/web-data-access';

/**
 * What the dashboard shows: a kind of period and a day inside it (or a range), the province (admins; staff are held
 * to theirs by the API) and a commune. Every request of the page is derived from this one value.
 */
export interface ReportFilter {
  kind: PeriodKind;
  /** Any Vietnam day of the period (kinds other than `range`). */
  day: string;
  /** The range (kind `range`). */
  from: string;
  to: string;
  province?: string;
  commune?: string;
}

/** This month, in Vietnam time; the range preset to the last 30 days. */
export function defaultFilter(now = new Date()): ReportFilter {
  const today = vnDay(now);
  return { kind: 'month', day: today, from: addDays(today, -29), to: today };
}

/** The period the filter names (a malformed range falls back to the day). */
export function periodOf(filter: ReportFilter): Period {
  if (filter.kind === 'range') return rangePeriod(filter.from, filter.to) ?? periodContaining('day', filter.day);
  return periodContaining(filter.kind, filter.day);
}

/** The period fields of the report routes: `period=month&at=2026-11`, or `period=range&from=…&to=…`. */
export function periodQuery(filter: ReportFilter): QueryParams {
  const period = periodOf(filter);
  const place = { province: filter.province, commune: filter.commune };
  if (period.kind === 'range') return { ...place, period: 'range', from: period.from, to: period.to };
  return { ...place, period: period.kind, at: period.key };
}

/** Province and commune keys as the API takes them (2-digit province, 5-digit commune or a former-commune row key). */
const PLACE_KEY = /^[0-9A-Za-z:_-]{1,40}$/;

/**
 * The filter kept in the page's URL (`?period=month&day=2026-11-05`, `?period=range&from=…&to=…`, `&province=19&commune=…`),
 * so a reload, the back button or a shared link shows the same figures. Only what differs from the default is written.
 */
export function filterToUrl(filter: ReportFilter, now = new Date()): Record<string, string | null> {
  const base = defaultFilter(now);
  const range = filter.kind === 'range';
  return {
    period: filter.kind === base.kind ? null : filter.kind,
    day: !range && filter.day !== base.day ? filter.day : null,
    from: range ? filter.from : null,
    to: range ? filter.to : null,
    province: filter.province ?? null,
    commune: filter.commune ?? null,
  };
}

/** The filter a URL names; anything malformed or unknown in it is ignored (the default stands in). */
export function filterFromUrl(params: Readonly<Record<string, string | undefined>>, now = new Date()): ReportFilter {
  const filter = defaultFilter(now);
  const kind = params['period'];
  if (kind && (PERIOD_KINDS as readonly string[]).includes(kind)) filter.kind = kind as PeriodKind;
  const day = params['day'];
  if (day && isDayKey(day)) filter.day = day;
  const [from, to] = [params['from'], params['to']];
  if (from && to && isDayKey(from) && isDayKey(to) && rangePeriod(from, to)) Object.assign(filter, { from, to });
  else if (filter.kind === 'range') filter.kind = 'month';
  const [province, commune] = [params['province'], params['commune']];
  if (province && PLACE_KEY.test(province)) filter.province = province;
  if (commune && PLACE_KEY.test(commune)) filter.commune = commune;
  return filter;
}

/** The period before (`step` −1) or after (+1): the previous month, or as many days before a range. */
export function shiftFilter(filter: ReportFilter, step: -1 | 1): ReportFilter {
  const period = periodOf(filter);
  if (period.kind === 'range') {
    const length = daysBetween(period.from, period.to) + 1;
    return { ...filter, from: addDays(period.from, step * length), to: addDays(period.to, step * length) };
  }
  return { ...filter, day: step < 0 ? addDays(period.from, -1) : addDays(period.to, 1) };
}

/** True when the period starts after today (nothing to show yet): the "next" button stops there. */
export function isFuture(filter: ReportFilter, now = new Date()): boolean {
  return periodOf(filter).from > vnDay(now);
}

/** A series fine enough to read and short enough to draw: days up to a month, weeks up to ~4 months, then months. */
export function granularityOf(period: Pick<Period, 'from' | 'to'>): 'day' | 'week' | 'month' {
  const days = daysBetween(period.from, period.to) + 1;
  if (days <= 31) return 'day';
  if (days <= 124) return 'week';
  return 'month';
}

export type TrendDirection = 'up' | 'down' | 'flat' | 'new';

/** The change against the previous period; `new` when the previous value was 0 and this one is not (no percent). */
export function trendOf(value: number, previous: number): { direction: TrendDirection; percent: number | null } {
  if (value === previous) return { direction: 'flat', percent: previous === 0 ? null : 0 };
  if (previous === 0) return { direction: 'new', percent: null };
  const percent = Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10;
  return { direction: value > previous ? 'up' : 'down', percent };
}

/** Figures where a rise is bad news (shown in red when they go up). */
export const RISE_IS_BAD: ReadonlySet<FigureName> = new Set<FigureName>(['orders_cancelled', 'orders_refunded', 'stamps_suspicious']);

/** `YYYY-MM-DD` of a date picked in the browser (the datepicker gives local midnight). */
export function dayKeyOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local-midnight Date the datepicker shows for a day key. */
export function dateOf(day: string): Date {
  if (!isDayKey(day)) return new Date(NaN);
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}
