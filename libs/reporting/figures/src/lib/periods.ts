/**
 * Report periods in Vietnam time (UTC+7, no daylight saving). A period is a closed range of Vietnam calendar days
 * (`YYYY-MM-DD`); the arithmetic runs on those keys as UTC calendar dates, so the server's time zone never matters.
 */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** `2026-11-22`, `2026-W48`, `2026-11`, `2026-Q4`, `2026`, or `2026-11-01..2026-11-15`. */
  key: string;
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnam calendar day of an instant. */
export function vnDay(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam day starts. */
export function vnDayStartUtc(day: string): Date {
  return new Date(dayNumber(day) * DAY_MS - VN_OFFSET_MS);
}

/** True for a real calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isDayKey(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

function dayNumber(day: string): number {
  if (!isDayKey(day)) throw new RangeError(`not a day: ${day}`);
  return Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;
}

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `n` days. */
export function addDays(day: string, n: number): string {
  return dayOf(dayNumber(day) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Every day of a period, in order. */
export function daysOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const start = dayNumber(period.from);
  const end = dayNumber(period.to);
  const days: string[] = [];
  for (let n = start; n <= end; n++) days.push(dayOf(n));
  return days;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 week of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date((n - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return { year, week: Math.floor((thursday.getTime() / DAY_MS - jan1) / 7) + 1 };
}

function isoWeekMonday(year: number, week: number): string {
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
  const jan4Weekday = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7;
  return dayOf(jan4 - jan4Weekday + (week - 1) * 7);
}

/** The period of a kind that contains `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'range'>, day: string): Period {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  dayNumber(day);
  switch (kind) {
    case 'day':
      return { kind, from: day, to: day, key: day };
    case 'week': {
      const { year, week } = isoWeekOf(day);
      const from = isoWeekMonday(year, week);
      return { kind, from, to: addDays(from, 6), key: `${year}-W${pad(week)}` };
    }
    case 'month':
      return { kind, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`, key: `${y}-${pad(m)}` };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      const last = q * 3;
      return { kind, from: `${y}-${pad(last - 2)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}`, key: `${y}-Q${q}` };
    }
    case 'year':
      return { kind, from: `${y}-01-01`, to: `${y}-12-31`, key: String(y) };
  }
}

/** A range of days; null when a bound is not a day or `to` is before `from`. */
export function rangePeriod(from: string, to: string): Period | null {
  if (!isDayKey(from) || !isDayKey(to) || to < from) return null;
  return { kind: 'range', from, to, key: `${from}..${to}` };
}

const KEY_PATTERNS: Record<Exclude<PeriodKind, 'range'>, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** Parses `at` for a kind (`2026-11-22`, `2026-W48`, `2026-11`, `2026-Q4`, `2026`); null when malformed. */
export function parsePeriod(kind: Exclude<PeriodKind, 'range'>, at: string): Period | null {
  const m = KEY_PATTERNS[kind].exec(at);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  switch (kind) {
    case 'day':
      return isDayKey(at) ? periodContaining('day', at) : null;
    case 'week': {
      const week = Number(m[2]);
      if (week < 1) return null;
      const monday = isoWeekMonday(year, week);
      const found = isoWeekOf(monday);
      return found.year === year && found.week === week ? periodContaining('week', monday) : null;
    }
    case 'month': {
      const month = Number(m[2]);
      return month >= 1 && month <= 12 ? periodContaining('month', `${at}-01`) : null;
    }
    case 'quarter':
      return periodContaining('quarter', `${year}-${pad(Number(m[2]) * 3)}-01`);
    case 'year':
      return periodContaining('year', `${at}-01-01`);
  }
}

/** The period before: the previous day, week, month, quarter or year; for a range, as many days just before it. */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'range') {
    const length = daysBetween(period.from, period.to) + 1;
    return rangePeriod(addDays(period.from, -length), addDays(period.from, -1)) as Period;
  }
  return periodContaining(period.kind, addDays(period.from, -1));
}

/**
 * The fewest rollup documents that cover a range: whole years, then whole months, then the days left at either end
 * (a dashboard reads at most ~2 partial months of days plus months and years).
 */
export function coverOf(period: Pick<Period, 'from' | 'to'>): { years: string[]; months: string[]; days: string[] } {
  const cover = { years: [] as string[], months: [] as string[], days: [] as string[] };
  let day = period.from;
  while (day <= period.to) {
    const year = periodContaining('year', day);
    if (year.from === day && year.to <= period.to) {
      cover.years.push(year.key);
      day = addDays(year.to, 1);
      continue;
    }
    const month = periodContaining('month', day);
    if (month.from === day && month.to <= period.to) {
      cover.months.push(month.key);
      day = addDays(month.to, 1);
      continue;
    }
    cover.days.push(day);
    day = addDays(day, 1);
  }
  return cover;
}

/** Buckets of a range for a series: each day, ISO week or month that overlaps it, clipped to the range. */
export function bucketsOf(period: Pick<Period, 'from' | 'to'>, granularity: 'day' | 'week' | 'month'): Period[] {
  const buckets: Period[] = [];
  let day = period.from;
  while (day <= period.to) {
    const whole = periodContaining(granularity, day);
    const to = whole.to < period.to ? whole.to : period.to;
    buckets.push({ ...whole, from: day, to });
    day = addDays(to, 1);
  }
  return buckets;
}
