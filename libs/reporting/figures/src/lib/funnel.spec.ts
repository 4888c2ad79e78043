import { funnelBy, lastStepPassed, median, stuckAt, summariseFunnel, type HouseholdProgress } from './funnel';

const h = (key: string, at: HouseholdProgress['at'], communeKey = 'c1', agentUserId: string | null = 'a1'): HouseholdProgress => ({ key, communeKey, agentUserId, at });

describe('the onboarding funnel', () => {
  const households = [
    h('h1', { trained: '2026-11-01T00:00:00.000Z', account: '2026-11-02T00:00:00.000Z', verified: '2026-11-03T00:00:00.000Z', firstListing: '2026-11-04T00:00:00.000Z', firstSale: '2026-11-11T00:00:00.000Z' }),
    h('h2', { trained: '2026-11-01T00:00:00.000Z', account: '2026-11-05T00:00:00.000Z', verified: '2026-11-06T00:00:00.000Z', firstListing: '2026-11-06T00:00:00.000Z', firstSale: '2026-11-21T00:00:00.000Z' }),
    h('h3', { trained: '2026-11-01T00:00:00.000Z', account: '2026-11-05T00:00:00.000Z' }, 'c2'),
    h('h4', { trained: '2026-11-02T00:00:00.000Z' }, 'c2', 'a2'),
    // Never trained: not in the funnel, whatever it did later.
    h('h5', { account: '2026-11-02T00:00:00.000Z', verified: '2026-11-03T00:00:00.000Z', firstListing: '2026-11-04T00:00:00.000Z', firstSale: '2026-11-05T00:00:00.000Z' }),
    // Sold without being verified (impossible today, but the rule holds): counts up to account only.
    h('h6', { trained: '2026-11-01T00:00:00.000Z', account: '2026-11-02T00:00:00.000Z', firstSale: '2026-11-09T00:00:00.000Z' }),
  ];

  it('counts a step only for households that passed the step before', () => {
    const f = summariseFunnel(households);
    expect(f.counts).toEqual({ trained: 5, account: 4, verified: 2, firstListing: 2, firstSale: 2 });
    expect(f.conversion.trained).toBe(1);
    expect(f.conversion.account).toBeCloseTo(0.8);
    expect(f.conversion.verified).toBeCloseTo(0.5);
    expect(f.conversion.firstSale).toBe(1);
  });

  it('gives the median days from training to first sale over households that sold', () => {
    expect(summariseFunnel(households).medianDaysToFirstSale).toBe(15); // 10 and 20 days
    expect(summariseFunnel([households[3]!]).medianDaysToFirstSale).toBeNull();
  });

  it('has no conversion rate after an empty step', () => {
    const f = summariseFunnel([h('x', { trained: '2026-11-01T00:00:00.000Z' })]);
    expect(f.conversion.account).toBe(0);
    expect(f.conversion.verified).toBeNull();
  });

  it('says where a household is stuck', () => {
    expect(stuckAt(households[2]!)).toBe('verified');
    expect(stuckAt(households[3]!)).toBe('account');
    expect(stuckAt(households[0]!)).toBeNull();
    expect(stuckAt(households[4]!)).toBeNull();
    expect(lastStepPassed(households[5]!)).toBe('account');
  });

  it('groups by commune and by agent', () => {
    expect(funnelBy(households, 'commune').map((r) => [r.key, r.counts.trained, r.counts.firstSale])).toEqual([
      ['c1', 3, 2],
      ['c2', 2, 0],
    ]);
    expect(funnelBy(households, 'agent').map((r) => [r.key, r.counts.trained])).toEqual([
      ['a1', 4],
      ['a2', 1],
    ]);
  });

  it('takes the median of an odd and an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
