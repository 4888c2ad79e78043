import { addTop, emptyTop, isEmptyTop, type TopFacts } from '../sources/order-top';
import { rollupId, type RollupLevel } from './report-rollup.schema';
import type { ReportTop } from './report-top.schema';

/**
 * The top sums of a period from its parts: a day's deltas (commune row + the delta's sums) or the documents of the
 * level below. Null when nothing is left (the document is removed). Never changes the parts it reads.
 */
export function topOf(
  level: RollupLevel,
  provinceCode: string,
  key: string,
  parts: Array<{ communeKey: string; top?: TopFacts | null } | Pick<ReportTop, 'communes'>>,
  now: Date,
): ReportTop | null {
  const communes: Record<string, TopFacts> = {};
  for (const part of parts) {
    if ('communeKey' in part) {
      if (part.top) addTop((communes[part.communeKey] ??= emptyTop()), part.top);
    } else {
      for (const [communeKey, top] of Object.entries(part.communes)) addTop((communes[communeKey] ??= emptyTop()), top);
    }
  }
  for (const [communeKey, top] of Object.entries(communes)) if (isEmptyTop(top)) delete communes[communeKey];
  if (!Object.keys(communes).length) return null;
  return { _id: rollupId(level, provinceCode, key), provinceCode, level, key, communes, foldedAt: now };
}
