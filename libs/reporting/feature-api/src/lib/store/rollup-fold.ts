import { addCounts, unionMembers, type FigureCounts, type FigureMembers } from '@nss/report-figures';
import { type PlaceFigures, type ReportRollup, type RollupLevel, rollupId } from './report-rollup.schema';
import type { ReportStore } from './report-store.repository';
import { topOf } from './top-fold';

/** A place's figures with copies of its lists (so merging never changes a document that was read). */
export function emptyPlace(): PlaceFigures {
  return { figures: {}, members: {} };
}

export function addPlace(into: PlaceFigures, part: { figures?: FigureCounts; members?: FigureMembers } | undefined): PlaceFigures {
  if (!part) return into;
  addCounts(into.figures, part.figures ?? {});
  unionMembers(into.members, part.members ?? {});
  return into;
}

function isEmpty(place: PlaceFigures): boolean {
  return !Object.keys(place.figures).length && !Object.values(place.members).some((m) => m?.length);
}

/**
 * A rollup of its parts (deltas of a day, or the rollups of the level below): the province total and each commune
 * row. Null when nothing is left in it (everything cancelled out), so the document is removed.
 */
export function rollupOf(
  level: RollupLevel,
  provinceCode: string,
  key: string,
  parts: Array<{ total?: PlaceFigures; communes?: Record<string, PlaceFigures> } | { communeKey: string; figures: FigureCounts; members: FigureMembers }>,
  now: Date,
): ReportRollup | null {
  const total = emptyPlace();
  const communes: Record<string, PlaceFigures> = {};
  const addTo = (communeKey: string, part: PlaceFigures | { figures: FigureCounts; members: FigureMembers }) => {
    addPlace((communes[communeKey] ??= emptyPlace()), part);
  };
  for (const part of parts) {
    if ('communeKey' in part) {
      addPlace(total, part);
      addTo(part.communeKey, part);
    } else {
      addPlace(total, part.total);
      for (const [communeKey, place] of Object.entries(part.communes ?? {})) addTo(communeKey, place);
    }
  }
  for (const [communeKey, place] of Object.entries(communes)) if (isEmpty(place)) delete communes[communeKey];
  // Unique members of a delta that cancelled out still count (a seller that listed and was delisted was active).
  if (isEmpty(total) && !Object.keys(communes).length) return null;
  return { _id: rollupId(level, provinceCode, key), provinceCode, level, key, total, communes, foldedAt: now };
}

/** The day keys of a month (`YYYY-MM`): `YYYY-MM-01` … its last day. */
export function daysOfMonth(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Days folded per query of their deltas (bounds the memory of a first ingest; ~200 deltas a busy province-day). */
export const FOLD_CHUNK_DAYS = 500;

/**
 * Recomputes (never increments) the day rollups (and the top sums, `report_top`, alongside) of some (province, day) pairs from their deltas, then the months and
 * years they fall in from the level below. Running it twice, or after a crash half-way, writes the same documents.
 * Deltas are read for many days at once, and the days of a month (the months of a year) by their ids: see
 * ReportStore.deltasOfDays and rollupsByIds.
 */
export async function foldDays(store: ReportStore, days: Array<{ provinceCode: string; dayVn: string }>, now = new Date()): Promise<void> {
  const months = new Map<string, { provinceCode: string; key: string }>();
  for (let i = 0; i < days.length; i += FOLD_CHUNK_DAYS) {
    const chunk = days.slice(i, i + FOLD_CHUNK_DAYS);
    const deltas = await store.deltasOfDays(chunk);
    await store.putRollups(
      chunk.map(({ provinceCode, dayVn }) => {
        months.set(`${provinceCode}:${dayVn.slice(0, 7)}`, { provinceCode, key: dayVn.slice(0, 7) });
        return { id: rollupId('d', provinceCode, dayVn), doc: rollupOf('d', provinceCode, dayVn, deltas.get(`${provinceCode}|${dayVn}`) ?? [], now) };
      }),
    );
    await store.putTops(
      chunk.map(({ provinceCode, dayVn }) => ({
        id: rollupId('d', provinceCode, dayVn),
        doc: topOf('d', provinceCode, dayVn, deltas.get(`${provinceCode}|${dayVn}`) ?? [], now),
      })),
    );
  }
  const years = new Map<string, { provinceCode: string; key: string }>();
  const monthDocs = [];
  const monthTops = [];
  for (const { provinceCode, key } of months.values()) {
    const dayIds = daysOfMonth(key).map((day) => rollupId('d', provinceCode, day));
    monthDocs.push({ id: rollupId('m', provinceCode, key), doc: rollupOf('m', provinceCode, key, await store.rollupsByIds(dayIds), now) });
    monthTops.push({ id: rollupId('m', provinceCode, key), doc: topOf('m', provinceCode, key, await store.topsByIds(dayIds), now) });
    years.set(`${provinceCode}:${key.slice(0, 4)}`, { provinceCode, key: key.slice(0, 4) });
  }
  await store.putRollups(monthDocs);
  await store.putTops(monthTops);
  const yearDocs = [];
  const yearTops = [];
  for (const { provinceCode, key } of years.values()) {
    const monthIds = Array.from({ length: 12 }, (_, m) => rollupId('m', provinceCode, `${key}-${String(m + 1).padStart(2, '0')}`));
    yearDocs.push({ id: rollupId('y', provinceCode, key), doc: rollupOf('y', provinceCode, key, await store.rollupsByIds(monthIds), now) });
    yearTops.push({ id: rollupId('y', provinceCode, key), doc: topOf('y', provinceCode, key, await store.topsByIds(monthIds), now) });
  }
  await store.putRollups(yearDocs);
  await store.putTops(yearTops);
}
