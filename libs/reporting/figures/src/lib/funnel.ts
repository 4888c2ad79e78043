/**
 * The onboarding funnel: trained → account → verified → first listing → first sale. A step counts only households
 * that passed the step before it (an untrained self-registered seller is not in the funnel; a verified seller that
 * never got an account cannot exist, but would not count either).
 */
export const FUNNEL_STEPS = ['trained', 'account', 'verified', 'firstListing', 'firstSale'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** When a household reached each step (Vietnam days or instants as ISO strings; absent = not reached). */
export interface HouseholdProgress {
  key: string;
  communeKey: string;
  agentUserId?: string | null;
  at: Partial<Record<FunnelStep, string>>;
}

export interface FunnelSummary {
  counts: Record<FunnelStep, number>;
  /** Each step over the step before it (the first over itself: 1); null when the step before has no household. */
  conversion: Record<FunnelStep, number | null>;
  /** Median days from training to first sale over the households that sold; null when none did. */
  medianDaysToFirstSale: number | null;
}

/** The last step a household passed in order (null when it never trained). */
export function lastStepPassed(household: HouseholdProgress): FunnelStep | null {
  let last: FunnelStep | null = null;
  for (const step of FUNNEL_STEPS) {
    if (!household.at[step]) break;
    last = step;
  }
  return last;
}

/** The step a household is stuck before (the first it has not passed), or null when it finished or never trained. */
export function stuckAt(household: HouseholdProgress): FunnelStep | null {
  const last = lastStepPassed(household);
  if (!last) return null;
  return FUNNEL_STEPS[FUNNEL_STEPS.indexOf(last) + 1] ?? null;
}

const DAY_MS = 86_400_000;

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function daysBetweenIso(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

export function summariseFunnel(households: HouseholdProgress[]): FunnelSummary {
  const counts = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;
  const toSale: number[] = [];
  for (const h of households) {
    const last = lastStepPassed(h);
    if (!last) continue;
    for (const step of FUNNEL_STEPS.slice(0, FUNNEL_STEPS.indexOf(last) + 1)) counts[step]++;
    if (last === 'firstSale' && h.at.trained && h.at.firstSale) toSale.push(Math.max(0, daysBetweenIso(h.at.trained, h.at.firstSale)));
  }
  const conversion = Object.fromEntries(
    FUNNEL_STEPS.map((step, i) => {
      const before = i === 0 ? counts[step] : counts[FUNNEL_STEPS[i - 1] as FunnelStep];
      return [step, before ? counts[step] / before : null];
    }),
  ) as Record<FunnelStep, number | null>;
  const m = median(toSale);
  return { counts, conversion, medianDaysToFirstSale: m === null ? null : Math.round(m * 10) / 10 };
}

/** The funnel per commune or per agent (households without an agent under `""`), rows in key order. */
export function funnelBy(households: HouseholdProgress[], by: 'commune' | 'agent'): Array<{ key: string } & FunnelSummary> {
  const groups = new Map<string, HouseholdProgress[]>();
  for (const h of households) {
    const key = by === 'commune' ? h.communeKey : (h.agentUserId ?? '');
    const list = groups.get(key) ?? [];
    list.push(h);
    groups.set(key, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => ({ key, ...summariseFunnel(list) }));
}
