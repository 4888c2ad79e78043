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

/**
 * Recomputes (never increments) the day rollups (and the top sums, `report_top`, alongside) of some (province, day) pairs from their deltas, then the months and
 * years they fall in from the level below. Running it twice, or after a crash half-way, writes the same documents.
 */
export async function foldDays(store: ReportStore, days: Array<{ provinceCode: string; dayVn: string }>, now = new Date()): Promise<void> {
  const months = new Map<string, { provinceCode: string; key: string }>();
  for (const { provinceCode, dayVn } of days) {
    const deltas = await store.deltasOfDay(provinceCode, dayVn);
    await store.putRollup(rollupOf('d', provinceCode, dayVn, deltas, now), rollupId('d', provinceCode, dayVn));
    await store.putTop(topOf('d', provinceCode, dayVn, deltas, now), rollupId('d', provinceCode, dayVn));
    months.set(`${provinceCode}:${dayVn.slice(0, 7)}`, { provinceCode, key: dayVn.slice(0, 7) });
  }
  const years = new Map<string, { provinceCode: string; key: string }>();
  for (const { provinceCode, key } of months.values()) {
    const daysOfMonth = await store.rollupsUnder(provinceCode, 'd', `${key}-`);
    await store.putRollup(rollupOf('m', provinceCode, key, daysOfMonth, now), rollupId('m', provinceCode, key));
    await store.putTop(topOf('m', provinceCode, key, await store.topsUnder(provinceCode, 'd', `${key}-`), now), rollupId('m', provinceCode, key));
    years.set(`${provinceCode}:${key.slice(0, 4)}`, { provinceCode, key: key.slice(0, 4) });
  }
  for (const { provinceCode, key } of years.values()) {
    const monthsOfYear = await store.rollupsUnder(provinceCode, 'm', `${key}-`);
    await store.putRollup(rollupOf('y', provinceCode, key, monthsOfYear, now), rollupId('y', provinceCode, key));
    await store.putTop(topOf('y', provinceCode, key, await store.topsUnder(provinceCode, 'm', `${key}-`), now), rollupId('y', provinceCode, key));
  }
}
