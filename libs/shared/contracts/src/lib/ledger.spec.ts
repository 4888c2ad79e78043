import { createPayoutSchema, vnMonthSchema } from './ledger';
import { createReviewSchema } from './reviews';

const SELLER = '0123456789abcdef01234567';

describe('ledger and review contracts', () => {
  it('accepts a payout in whole đồng with a bank reference, and nothing else', () => {
    expect(createPayoutSchema.parse({ sellerId: SELLER, amountVnd: 150_000, bankReference: '  FT26335123  ' })).toEqual({ sellerId: SELLER, amountVnd: 150_000, bankReference: 'FT26335123' });
    const paths = (body: unknown) => createPayoutSchema.safeParse(body).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ sellerId: SELLER, amountVnd: 0, bankReference: 'x' })).toEqual(['amountVnd']);
    expect(paths({ sellerId: SELLER, amountVnd: 1.5, bankReference: 'x' })).toEqual(['amountVnd']);
    expect(paths({ sellerId: SELLER, amountVnd: 1, bankReference: '   ' })).toEqual(['bankReference']);
    expect(paths({ sellerId: SELLER, amountVnd: 1, bankReference: 'a\u0000b' })).toEqual(['bankReference']);
    expect(paths({ sellerId: SELLER.toUpperCase(), amountVnd: 1, bankReference: 'x' })).toEqual(['sellerId']);
    expect(paths({ sellerId: SELLER, amountVnd: 1, bankReference: 'x', balanceVnd: 5 })).toEqual(['']);
  });

  it('takes months as YYYY-MM only', () => {
    expect(vnMonthSchema.safeParse('2026-11').success).toBe(true);
    for (const bad of ['2026-13', '2026-1', '26-11', '2026-11-01', '2026-00']) expect(vnMonthSchema.safeParse(bad).success).toBe(false);
  });

  it('bounds a review: 1–5 whole stars, 10–2000 characters after trimming, line breaks but no control characters', () => {
    const ok = { productId: SELLER, stars: 4, text: 'Ngon.\nSẽ mua lại lần sau' };
    expect(createReviewSchema.parse({ ...ok, text: `  ${ok.text}  ` })).toEqual(ok);
    for (const stars of [0, 6, 3.5]) expect(createReviewSchema.safeParse({ ...ok, stars }).success).toBe(false);
    for (const text of ['   ngắn   ', 'x'.repeat(2001), 'có ký tự \u0007 lạ ở đây']) expect(createReviewSchema.safeParse({ ...ok, text }).success).toBe(false);
  });
});
