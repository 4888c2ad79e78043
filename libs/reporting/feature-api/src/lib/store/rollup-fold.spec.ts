import { rollupOf } from './rollup-fold';

describe('rollups', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');

  it('adds deltas into the province total and each commune row; unique figures are unions', () => {
    const doc = rollupOf(
      'd',
      '19',
      '2026-11-22',
      [
        { communeKey: '05503', figures: { orders_sold: 1, revenue_vnd: 100 }, members: { active_sellers: ['s1'] } },
        { communeKey: '05503', figures: { orders_sold: 1, revenue_vnd: 50 }, members: { active_sellers: ['s1'] } },
        { communeKey: 'old:00019', figures: { orders_sold: 1 }, members: { active_sellers: ['s2'] } },
      ],
      now,
    );
    expect(doc?._id).toBe('d:19:2026-11-22');
    expect(doc?.total).toEqual({ figures: { orders_sold: 3, revenue_vnd: 150 }, members: { active_sellers: ['s1', 's2'] } });
    expect(doc?.communes['05503']).toEqual({ figures: { orders_sold: 2, revenue_vnd: 150 }, members: { active_sellers: ['s1'] } });
    expect(doc?.communes['old:00019']?.figures).toEqual({ orders_sold: 1 });
  });

  it('folds months from days without changing the days it read', () => {
    const day = rollupOf('d', '19', '2026-11-22', [{ communeKey: 'c', figures: { orders_sold: 2 }, members: {} }], now);
    const copy = structuredClone(day);
    const month = rollupOf('m', '19', '2026-11', [day!, day!], now);
    expect(month?.total.figures).toEqual({ orders_sold: 4 });
    expect(day).toEqual(copy);
  });

  it('has nothing to write when everything cancelled out', () => {
    expect(rollupOf('d', '19', '2026-11-22', [{ communeKey: 'c', figures: { orders_sold: 1 }, members: {} }, { communeKey: 'c', figures: { orders_sold: -1 }, members: {} }], now)).toBeNull();
  });
});
