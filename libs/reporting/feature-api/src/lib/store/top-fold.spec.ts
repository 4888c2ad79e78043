import { topOf } from './top-fold';

describe('top sums folded like the rollups', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');

  it('keeps each commune row apart and sums its deltas', () => {
    const day = topOf('d', '19', '2026-11-22', [
      { communeKey: '05503', top: { products: { p1: [1, 100, 10] }, sellers: { s1: [1, 100, 10] } } },
      { communeKey: '05503', top: { products: { p1: [1, 50, 5] }, sellers: { s1: [1, 50, 5] } } },
      { communeKey: '05505', top: { products: { p2: [1, 70, 7] }, sellers: { s2: [1, 70, 7] } } },
      { communeKey: '05505', top: null },
    ], now);
    expect(day?._id).toBe('d:19:2026-11-22');
    expect(day?.communes).toEqual({
      '05503': { products: { p1: [2, 150, 15] }, sellers: { s1: [2, 150, 15] } },
      '05505': { products: { p2: [1, 70, 7] }, sellers: { s2: [1, 70, 7] } },
    });
  });

  it('folds months from days without changing them, and has nothing to write when all cancelled out', () => {
    const day = topOf('d', '19', '2026-11-22', [{ communeKey: 'c', top: { products: { p1: [1, 100, 10] }, sellers: {} } }], now);
    if (!day) throw new Error('no day document');
    const copy = structuredClone(day);
    expect(topOf('m', '19', '2026-11', [day, day], now)?.communes['c']?.products['p1']).toEqual([2, 200, 20]);
    expect(day).toEqual(copy);
    expect(topOf('d', '19', '2026-11-23', [
      { communeKey: 'c', top: { products: { p1: [1, 100, 10] }, sellers: {} } },
      { communeKey: 'c', top: { products: { p1: [-1, -100, -10] }, sellers: {} } },
    ], now)).toBeNull();
  });
});
