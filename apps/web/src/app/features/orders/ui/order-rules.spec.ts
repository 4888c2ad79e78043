import type { OrderSummary } from '../data/orders.models';
import { buyerActions, canReview, plannedSteps, sellerActions } from './order-rules';

type O = Pick<OrderSummary, 'state' | 'paymentMethod' | 'paymentStatus'>;
const order = (state: O['state'], paymentMethod: O['paymentMethod'] = 'vnpay', paymentStatus: O['paymentStatus'] = 'succeeded'): O => ({
  state,
  paymentMethod,
  paymentStatus,
});

describe('order rules (the buttons follow the state machine)', () => {
  it('lets the buyer cancel only before acceptance, confirm a delivered prepaid order, ask a refund once paid', () => {
    expect(buyerActions(order('awaiting_payment', 'vnpay', 'unpaid'))).toEqual(['cancel']);
    expect(buyerActions(order('paid'))).toEqual(['cancel', 'refund-request']);
    expect(buyerActions(order('cod_confirmed', 'cod', 'processing'))).toEqual(['cancel']);
    expect(buyerActions(order('accepted'))).toEqual(['refund-request']);
    expect(buyerActions(order('delivered'))).toEqual(['complete', 'refund-request']);
    expect(buyerActions(order('delivered', 'cod', 'processing'))).toEqual([]);
    expect(buyerActions(order('completed'))).toEqual([]);
    expect(buyerActions(order('cancelled', 'vnpay', 'failed'))).toEqual([]);
  });

  it('walks the seller through accept → pack → ship → deliver, with cash collection for COD', () => {
    expect(sellerActions(order('awaiting_payment', 'vnpay', 'unpaid'))).toEqual([]);
    expect(sellerActions(order('paid'))).toEqual(['accept', 'cancel']);
    expect(sellerActions(order('cod_confirmed', 'cod', 'processing'))).toEqual(['accept', 'cancel']);
    expect(sellerActions(order('accepted'))).toEqual(['pack', 'cancel']);
    expect(sellerActions(order('packed'))).toEqual(['ship', 'cancel']);
    expect(sellerActions(order('shipped'))).toEqual(['deliver']);
    expect(sellerActions(order('shipped', 'cod', 'processing'))).toEqual(['deliver']);
    expect(sellerActions(order('delivered', 'cod', 'processing'))).toEqual(['collect']);
    expect(sellerActions(order('delivered', 'cod', 'succeeded'))).toEqual([]);
    expect(sellerActions(order('refund_requested'))).toEqual([]);
  });

  it('allows reviews of delivered and completed orders, and plans the steps by payment method', () => {
    expect(canReview({ state: 'delivered' })).toBe(true);
    expect(canReview({ state: 'completed' })).toBe(true);
    expect(canReview({ state: 'shipped' })).toBe(false);
    expect(plannedSteps('cod')[0]).toBe('cod_confirmed');
    expect(plannedSteps('bank_transfer').slice(0, 2)).toEqual(['awaiting_payment', 'paid']);
  });
});
