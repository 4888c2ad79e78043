import { lineFlags } from '../carts/carts.service';
import { noticesOf } from './order-messages.consumer';

describe('order notices', () => {
  const of = (type: Parameters<typeof noticesOf>[0]['type'], from: Parameters<typeof noticesOf>[0]['from'], to: Parameters<typeof noticesOf>[0]['to'], paymentMethod: 'cod' | 'vnpay' = 'vnpay') =>
    noticesOf({ type, from, to, paymentMethod }).map((n) => `${n.to}:${n.template}`);

  it('tells the seller of a prepaid order once it is paid, of a COD order at once', () => {
    expect(of('order.created', null, 'awaiting_payment')).toEqual(['buyer:order.placed']);
    expect(of('order.paid', 'awaiting_payment', 'paid')).toEqual(['buyer:order.paid', 'seller:order.seller_new']);
    expect(of('order.created', null, 'cod_confirmed', 'cod')).toEqual(['buyer:order.placed', 'seller:order.seller_new']);
  });

  it('tells the buyer of each step and the seller of a cancellation it had heard of', () => {
    expect(of('order.accepted', 'paid', 'accepted')).toEqual(['buyer:order.accepted']);
    expect(of('order.shipped', 'packed', 'shipped')).toEqual(['buyer:order.shipped']);
    expect(of('order.delivered', 'shipped', 'delivered')).toEqual(['buyer:order.delivered']);
    expect(of('order.cancelled', 'awaiting_payment', 'cancelled')).toEqual(['buyer:order.cancelled']);
    expect(of('order.cancelled', 'cod_confirmed', 'cancelled', 'cod')).toEqual(['buyer:order.cancelled', 'seller:order.seller_cancelled']);
    expect(of('order.refund_requested', 'accepted', 'refund_requested')).toEqual(['buyer:order.cancelled', 'seller:order.seller_cancelled']);
    // A refund asked for after shipping is not a cancellation the seller must act on here.
    expect(of('order.refund_requested', 'delivered', 'refund_requested')).toEqual([]);
    expect(of('order.refunded', 'refund_requested', 'refunded')).toEqual(['buyer:order.refunded']);
    expect(of('order.packed', 'accepted', 'packed')).toEqual([]);
    expect(of('order.completed', 'delivered', 'completed')).toEqual([]);
  });
});

describe('cart line flags', () => {
  it('flags a gone product, a new price and short stock', () => {
    expect(lineFlags({ quantity: 1, addedPriceVnd: 100 }, null)).toEqual(['unavailable']);
    expect(lineFlags({ quantity: 1, addedPriceVnd: 100 }, { priceVnd: 100, stock: 1 })).toEqual([]);
    expect(lineFlags({ quantity: 3, addedPriceVnd: 100 }, { priceVnd: 120, stock: 2 })).toEqual(['price_changed', 'insufficient_stock']);
  });
});
