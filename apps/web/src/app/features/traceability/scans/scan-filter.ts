import { vnDayKey } from '@nss/util-vn';

const DAY_MS = 86_400_000;

/** The default period of the scan pages: the last 30 Vietnam days, today included. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  return { from: vnDayKey(new Date(now.getTime() - 29 * DAY_MS)), to: vnDayKey(now) };
}

/** "2026-12-01" → "01/12/2026". */
export function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
