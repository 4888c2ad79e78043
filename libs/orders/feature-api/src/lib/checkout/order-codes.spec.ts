import { CHECKOUT_CODE_PATTERN, newCheckoutCode, newOrderCode, ORDER_CODE_PATTERN } from './order-codes';

describe('order and checkout codes', () => {
  it('are DH/TT + 10 upper-case characters without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      expect(newOrderCode()).toMatch(ORDER_CODE_PATTERN);
      expect(newCheckoutCode()).toMatch(CHECKOUT_CODE_PATTERN);
      expect(newOrderCode().slice(2)).not.toMatch(/[01ILOU]/);
    }
  });

  it('do not repeat in practice', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCheckoutCode()));
    expect(codes.size).toBe(2000);
  });
});
