import { returnsStock } from './stock-return.consumer';

describe('returnsStock', () => {
  it('returns the units of every cancelled order, and of refunds of orders not shipped yet', () => {
    expect(returnsStock({ from: 'awaiting_payment', to: 'cancelled' })).toBe(true);
    expect(returnsStock({ from: 'packed', to: 'cancelled' })).toBe(true);
    expect(returnsStock({ from: 'paid', to: 'refund_requested' })).toBe(true);
    expect(returnsStock({ from: 'accepted', to: 'refunded' })).toBe(true);
  });

  it('keeps the stock of shipped and delivered goods, and of everything else', () => {
    expect(returnsStock({ from: 'shipped', to: 'refund_requested' })).toBe(false);
    expect(returnsStock({ from: 'delivered', to: 'refund_requested' })).toBe(false);
    expect(returnsStock({ from: 'refund_requested', to: 'refunded' })).toBe(false);
    expect(returnsStock({ from: 'paid', to: 'accepted' })).toBe(false);
    expect(returnsStock({ from: null, to: 'awaiting_payment' })).toBe(false);
  });
});
