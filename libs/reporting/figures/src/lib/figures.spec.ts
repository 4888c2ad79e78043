import { FIGURE_LABELS, FIGURE_NAMES, addCounts, figureValues, isFigureName, unionMembers } from './figures';

describe('figures', () => {
  it('has a Vietnamese and an English label for every figure', () => {
    for (const name of FIGURE_NAMES) {
      expect(FIGURE_LABELS[name].vi).toBeTruthy();
      expect(FIGURE_LABELS[name].en).toBeTruthy();
    }
    expect(isFigureName('revenue_vnd')).toBe(true);
    expect(isFigureName('constructor')).toBe(false);
  });

  it('adds counts and drops figures that come back to zero', () => {
    const total = addCounts({ orders_sold: 2, revenue_vnd: 500_000 }, { orders_sold: -2, revenue_vnd: -200_000, orders_cancelled: 1 });
    expect(total).toEqual({ revenue_vnd: 300_000, orders_cancelled: 1 });
  });

  it('counts a unique figure as the size of the union, not the sum of days', () => {
    const period = unionMembers(unionMembers({}, { active_sellers: ['s1', 's2'] }), { active_sellers: ['s2', 's3'] });
    expect(figureValues({}, period).active_sellers).toBe(3);
    expect(figureValues({ orders_sold: 4 }, {}).orders_sold).toBe(4);
    expect(figureValues({}, {}).households_trained).toBe(0);
  });
});
