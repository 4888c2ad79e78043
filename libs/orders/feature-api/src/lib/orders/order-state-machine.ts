import type { OrderAction, OrderState, PaymentMethod } from '@nss/contracts';

/**
 * The order state machine as a table: state × action × role → next state. Pure, no I/O; `OrderTransitions` applies
 * it. Anything not in the table is an illegal transition (409 ILLEGAL_TRANSITION).
 */

/** Who acts: people through the routes, `system` for payments and jobs. Staff and admins only read orders. */
export type TransitionRole = 'buyer' | 'seller' | 'agent' | 'system';

/** Route actions (`POST /api/orders/:id/<action>`) plus what payments and the jobs do. */
export type TransitionAction =
  | OrderAction
  | 'payment_succeeded'
  | 'payment_failed'
  | 'expire'
  | 'cash_collected'
  | 'refunded'
  | 'auto_complete';

export interface TransitionInput {
  state: OrderState;
  action: TransitionAction;
  role: TransitionRole;
  paymentMethod: PaymentMethod;
  /** The order's money was received (prepaid and payment succeeded). */
  paid: boolean;
}

const SELLER_SIDE: ReadonlyArray<TransitionRole> = ['seller', 'agent'];

/** One rule: from these states, for these roles, to a state (or a function of whether money was received). */
interface Rule {
  action: TransitionAction;
  roles: ReadonlyArray<TransitionRole>;
  from: ReadonlyArray<OrderState>;
  to: OrderState | ((input: TransitionInput) => OrderState | null);
}

const prepaid = (input: TransitionInput) => input.paymentMethod !== 'cod';

export const ORDER_TRANSITIONS: ReadonlyArray<Rule> = [
  // Payments and jobs.
  { action: 'payment_succeeded', roles: ['system'], from: ['awaiting_payment'], to: 'paid' },
  { action: 'payment_failed', roles: ['system'], from: ['awaiting_payment'], to: 'cancelled' },
  { action: 'expire', roles: ['system'], from: ['awaiting_payment'], to: 'cancelled' },
  { action: 'cash_collected', roles: ['system'], from: ['delivered'], to: (i) => (i.paymentMethod === 'cod' ? 'completed' : null) },
  { action: 'auto_complete', roles: ['system'], from: ['delivered'], to: (i) => (prepaid(i) ? 'completed' : null) },
  {
    action: 'refunded',
    roles: ['system'],
    from: ['refund_requested', 'paid', 'accepted', 'packed', 'shipped', 'delivered', 'completed'],
    to: (i) => (i.paid ? 'refunded' : null),
  },
  // The seller (or its managing agent) fulfils.
  { action: 'accept', roles: SELLER_SIDE, from: ['paid', 'cod_confirmed'], to: 'accepted' },
  { action: 'pack', roles: SELLER_SIDE, from: ['accepted'], to: 'packed' },
  { action: 'ship', roles: SELLER_SIDE, from: ['packed'], to: 'shipped' },
  { action: 'deliver', roles: SELLER_SIDE, from: ['shipped'], to: 'delivered' },
  { action: 'cancel', roles: SELLER_SIDE, from: ['paid', 'cod_confirmed', 'accepted', 'packed'], to: (i) => (i.paid ? 'refund_requested' : 'cancelled') },
  // The buyer.
  { action: 'cancel', roles: ['buyer'], from: ['awaiting_payment', 'paid', 'cod_confirmed'], to: (i) => (i.paid ? 'refund_requested' : 'cancelled') },
  { action: 'complete', roles: ['buyer'], from: ['delivered'], to: (i) => (prepaid(i) ? 'completed' : null) },
  {
    action: 'refund-request',
    roles: ['buyer'],
    from: ['paid', 'accepted', 'packed', 'shipped', 'delivered'],
    to: (i) => (i.paid ? 'refund_requested' : null),
  },
];

/** The next state, or null when the table has no such transition. */
export function nextOrderState(input: TransitionInput): OrderState | null {
  for (const rule of ORDER_TRANSITIONS) {
    if (rule.action !== input.action || !rule.roles.includes(input.role) || !rule.from.includes(input.state)) continue;
    const to = typeof rule.to === 'function' ? rule.to(input) : rule.to;
    if (to) return to;
  }
  return null;
}

/** The states an order starts in. */
export function initialOrderState(paymentMethod: PaymentMethod): OrderState {
  return paymentMethod === 'cod' ? 'cod_confirmed' : 'awaiting_payment';
}

/** Final states: nothing more happens to the order. */
export const FINAL_ORDER_STATES: ReadonlyArray<OrderState> = ['completed', 'cancelled', 'refunded'];
