import {
  balanceOf,
  buildStatement,
  commissionBackVnd,
  commissionVnd,
  debitableRefundVnd,
  mulDivFloor,
  totalsByKind,
  vnMonthRange,
} from './ledger-math';

describe('ledger arithmetic (whole đồng, rounded in the seller\u2019s favour)', () => {
  it('takes 5 % of the items total, rounded down, and nothing on shipping', () => {
    expect(commissionVnd(180_000, 500)).toBe(9_000);
    expect(commissionVnd(19, 500)).toBe(0); // 0.95 đ → 0
    expect(commissionVnd(39, 500)).toBe(1); // 1.95 đ → 1
    expect(commissionVnd(123_457, 500)).toBe(6_172); // 6 172.85 → 6 172
    expect(commissionVnd(100_000, 0)).toBe(0);
    expect(commissionVnd(100_000, 10_000)).toBe(100_000);
  });

  it('is exact above 2^53 intermediate products', () => {
    expect(commissionVnd(999_999_999_999, 9_999)).toBe(999_899_999_999);
    expect(mulDivFloor(1_000_000_000_000, 10_000, 10_000)).toBe(1_000_000_000_000);
  });

  it('refuses fractional or negative amounts and rates outside 0–10000', () => {
    expect(() => commissionVnd(10.5, 500)).toThrow(RangeError);
    expect(() => commissionVnd(-1, 500)).toThrow(RangeError);
    expect(() => commissionVnd(100, 10_001)).toThrow(RangeError);
  });

  it('never debits more than what is left of the sale', () => {
    expect(debitableRefundVnd({ saleVnd: 100_000, refundedBeforeVnd: 0, refundVnd: 30_000 })).toBe(30_000);
    expect(debitableRefundVnd({ saleVnd: 100_000, refundedBeforeVnd: 80_000, refundVnd: 30_000 })).toBe(20_000);
    expect(debitableRefundVnd({ saleVnd: 100_000, refundedBeforeVnd: 100_000, refundVnd: 1 })).toBe(0);
  });

  it('gives the commission back pro rata, rounded down, and all of it once the whole sale is refunded', () => {
    // Sale 215 000 (items 180 000 + shipping 35 000), commission 9 000.
    const sale = { saleVnd: 215_000, commissionVnd: 9_000 };
    expect(commissionBackVnd({ ...sale, refundVnd: 215_000, refundedBeforeVnd: 0, returnedBeforeVnd: 0 })).toBe(9_000);
    // 9 000 × 100 000 / 215 000 = 4 186.04… → 4 186
    expect(commissionBackVnd({ ...sale, refundVnd: 100_000, refundedBeforeVnd: 0, returnedBeforeVnd: 0 })).toBe(4_186);
    // The refund that completes the whole gives back the rest: 9 000 − 4 186.
    expect(commissionBackVnd({ ...sale, refundVnd: 115_000, refundedBeforeVnd: 100_000, returnedBeforeVnd: 4_186 })).toBe(4_814);
    expect(commissionBackVnd({ ...sale, refundVnd: 0, refundedBeforeVnd: 215_000, returnedBeforeVnd: 9_000 })).toBe(0);
  });

  it('returns exactly the commission over any sequence of partial refunds that ends in a full refund', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const items = 1 + Math.floor(random() * 5_000_000);
      const shipping = Math.floor(random() * 60_000);
      const sale = items + shipping;
      const commission = commissionVnd(items, 1 + Math.floor(random() * 2_000));
      let refunded = 0;
      let returned = 0;
      while (refunded < sale) {
        const ask = 1 + Math.floor(random() * sale * 0.6);
        const debit = debitableRefundVnd({ saleVnd: sale, refundedBeforeVnd: refunded, refundVnd: ask });
        const back = commissionBackVnd({ saleVnd: sale, commissionVnd: commission, refundVnd: debit, refundedBeforeVnd: refunded, returnedBeforeVnd: returned });
        expect(back).toBeGreaterThanOrEqual(0);
        refunded += debit;
        returned += back;
        expect(returned).toBeLessThanOrEqual(commission);
        // Partial refunds never give back more than their share (rounded up), so the seller cannot gain by splitting.
        expect(returned).toBeLessThanOrEqual(Math.ceil((commission * refunded) / sale));
      }
      expect(refunded).toBe(sale);
      expect(returned).toBe(commission);
    }
  });

  it('adds balances and totals by kind', () => {
    const entries = [
      { kind: 'sale' as const, amountVnd: 215_000 },
      { kind: 'commission' as const, amountVnd: -9_000 },
      { kind: 'refund' as const, amountVnd: -100_000 },
      { kind: 'refund_commission' as const, amountVnd: 4_186 },
      { kind: 'payout' as const, amountVnd: -50_000 },
    ];
    expect(balanceOf(entries)).toBe(60_186);
    expect(totalsByKind(entries)).toEqual({ sale: 215_000, commission: -9_000, refund: -100_000, refund_commission: 4_186, payout: -50_000 });
    const statement = buildStatement(1_000, entries);
    expect(statement.closingBalanceVnd).toBe(61_186);
    expect(statement.lines.map((l) => l.balanceAfterVnd)).toEqual([216_000, 207_000, 107_000, 111_186, 61_186]);
  });

  it('bounds a month at midnight Vietnam time (17:00 UTC the day before)', () => {
    expect(vnMonthRange('2026-11')).toEqual({ from: new Date('2026-10-31T17:00:00.000Z'), to: new Date('2026-11-30T17:00:00.000Z') });
    expect(vnMonthRange('2026-12')).toEqual({ from: new Date('2026-11-30T17:00:00.000Z'), to: new Date('2026-12-31T17:00:00.000Z') });
    expect(vnMonthRange('2028-02').to).toEqual(new Date('2028-02-29T17:00:00.000Z'));
  });
});

/** A small seeded generator, so that a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
