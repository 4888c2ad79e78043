import { addTop, emptyTop, lineValues, topFactsOf } from './order-top';

describe('top products and sellers of an order event', () => {
  it('uses the line values when the event carries them', () => {
    expect(lineValues(300, [{ lineTotalVnd: 100 }, { lineTotalVnd: 200 }])).toEqual([100, 200]);
  });

  it('splits the goods total by quantity for older events, adding up to the order exactly', () => {
    const values = lineValues(100_000, [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }]);
    expect(values.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(values).toEqual([33_334, 33_333, 33_333]);
  });

  it('counts a product once per order even on two lines, and the seller with the whole order', () => {
    const facts = topFactsOf('s1', 500, [
      { productId: 'p1', quantity: 1, netWeightGrams: 100, lineTotalVnd: 200 },
      { productId: 'p1', quantity: 2, netWeightGrams: 100, lineTotalVnd: 300 },
    ], 1);
    expect(facts).toEqual({ products: { p1: [1, 500, 300] }, sellers: { s1: [1, 500, 300] } });
  });

  it('removes an entry that comes to nothing (an order placed and cancelled)', () => {
    const placed = topFactsOf('s1', 500, [{ productId: 'p1', quantity: 1, netWeightGrams: 100, lineTotalVnd: 500 }], 1);
    const cancelled = topFactsOf('s1', 500, [{ productId: 'p1', quantity: 1, netWeightGrams: 100, lineTotalVnd: 500 }], -1);
    const sum = addTop(addTop(emptyTop(), placed ?? undefined), cancelled ?? undefined);
    expect(sum).toEqual({ products: {}, sellers: {} });
    expect(placed?.products['p1']).toEqual([1, 500, 100]);
  });
});
