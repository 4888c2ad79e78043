import type { ChipTone } from '@nss/web-ui';
import type { BuyerAction, SellerAction } from '../data/orders.api';
import type { Order, OrderState, OrderSummary } from '../data/orders.models';

/**
 * Which buttons a page offers, from the state machine of the design (the API checks again and answers 409
 * `ILLEGAL_TRANSITION` if the order moved meanwhile). Kept here so pages and tests agree on one table.
 */
const BEFORE_ACCEPTANCE: readonly OrderState[] = ['awaiting_payment', 'paid', 'cod_confirmed'];
const REFUNDABLE: readonly OrderState[] = ['paid', 'accepted', 'packed', 'shipped', 'delivered'];
const SELLER_CANCELLABLE: readonly OrderState[] = ['paid', 'cod_confirmed', 'accepted', 'packed'];

export function buyerActions(order: Pick<OrderSummary, 'state' | 'paymentMethod' | 'paymentStatus'>): BuyerAction[] {
  const actions: BuyerAction[] = [];
  if (BEFORE_ACCEPTANCE.includes(order.state)) actions.push('cancel');
  if (order.state === 'delivered' && order.paymentMethod !== 'cod') actions.push('complete');
  if (REFUNDABLE.includes(order.state) && order.paymentStatus === 'succeeded') actions.push('refund-request');
  return actions;
}

/** Seller transitions, plus `collect` (COD cash received, a payments call) when it applies. */
export type SellerStep = SellerAction | 'collect';

export function sellerActions(order: Pick<OrderSummary, 'state' | 'paymentMethod' | 'paymentStatus'>): SellerStep[] {
  const actions: SellerStep[] = [];
  switch (order.state) {
    case 'paid':
    case 'cod_confirmed':
      actions.push('accept');
      break;
    case 'accepted':
      actions.push('pack');
      break;
    case 'packed':
      actions.push('ship');
      break;
    case 'shipped':
      actions.push('deliver');
      break;
  }
  // Cash is recorded once the goods are delivered (orders then completes the COD order).
  if (order.paymentMethod === 'cod' && order.state === 'delivered' && order.paymentStatus !== 'succeeded') {
    actions.push('collect');
  }
  if (SELLER_CANCELLABLE.includes(order.state)) actions.push('cancel');
  return actions;
}

/** Buyers may review the products of a delivered (or completed) order. */
export function canReview(order: Pick<Order, 'state'>): boolean {
  return order.state === 'delivered' || order.state === 'completed';
}

const TONES: Partial<Record<OrderState, ChipTone>> = {
  awaiting_payment: 'warn',
  paid: 'ok',
  cod_confirmed: 'ok',
  completed: 'ok',
  delivered: 'ok',
  cancelled: 'bad',
  refund_requested: 'warn',
  refunded: 'neutral',
};

export function stateTone(state: OrderState): ChipTone {
  return TONES[state] ?? 'neutral';
}

/** The happy path, for the steps still to come on the tracking page. */
export function plannedSteps(method: OrderSummary['paymentMethod']): OrderState[] {
  const start: OrderState[] = method === 'cod' ? ['cod_confirmed'] : ['awaiting_payment', 'paid'];
  return [...start, 'accepted', 'packed', 'shipped', 'delivered', 'completed'];
}
