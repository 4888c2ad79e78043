import type { Order, OrderAction, OrderState, PaymentMethod, Product } from '@nss/contracts';
import { nextOrderState, OrderPayments, type TransitionRole } from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anOrder, aShop, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

const ACTIONS: OrderAction[] = ['accept', 'pack', 'ship', 'deliver', 'cancel', 'complete', 'refund-request'];
/** Who may call each route at all (others: 403 from the route's roles). */
const ROUTE_ROLES: Record<OrderAction, TransitionRole[]> = {
  accept: ['seller', 'agent'],
  pack: ['seller', 'agent'],
  ship: ['seller', 'agent'],
  deliver: ['seller', 'agent'],
  cancel: ['buyer', 'seller', 'agent'],
  complete: ['buyer'],
  'refund-request': ['buyer'],
};
const BODY: Record<OrderAction, unknown> = {
  accept: {},
  pack: {},
  ship: { carrier: 'Viettel Post', trackingCode: 'VTP-123456' },
  deliver: {},
  cancel: { reason: 'Khách đổi ý, huỷ đơn' },
  complete: {},
  'refund-request': { reason: 'Hàng không đúng mô tả' },
};

/**
 * Every route transition × every state × buyer / seller / agent over HTTP, against the state machine's table:
 * 200 with the table's next state when it has one, 409 ILLEGAL_TRANSITION when it has none, 403 for a role the
 * route does not serve. Orders are driven to each state through the real routes and OrderPayments.
 */
describe('order transitions: the whole table over HTTP (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let buyer: CreatedAccount;
  let product: Product;
  let payments: OrderPayments;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    buyer = await anAccount().create(api);
    product = await aListing(api, shop, { stock: 5000 });
    payments = api.app.get(OrderPayments);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  async function act(token: string, orderId: string, action: OrderAction) {
    return api.request<Order>({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token, body: BODY[action] });
  }
  async function must(token: string, orderId: string, action: OrderAction) {
    const res = await act(token, orderId, action);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** A fresh order in `state` (prepaid unless `method` is cod). */
  async function orderIn(state: OrderState, method: PaymentMethod): Promise<string> {
    if (state === 'cod_confirmed') return (await anOrder(api, buyer, product, 'cod')).orderId;
    const { orderId, result } = await anOrder(api, buyer, product, method);
    if (state === 'awaiting_payment') return orderId;
    if (method !== 'cod') await payments.recordPaymentSucceeded(result.checkoutId, { paymentId: `p-${orderId}`, at: new Date() });
    const seller = shop.sellerUser.accessToken;
    if (state === 'cancelled') {
      await must(buyer.accessToken, orderId, 'cancel');
      return orderId;
    }
    if (state === 'refund_requested' || state === 'refunded') {
      await must(buyer.accessToken, orderId, 'cancel');
      if (state === 'refunded') await payments.recordRefunded(orderId, { refundId: `r-${orderId}`, amountVnd: 1, actor: null, at: new Date() });
      return orderId;
    }
    const path: OrderAction[] = ['accept', 'pack', 'ship', 'deliver'];
    const stop = { paid: 0, accepted: 1, packed: 2, shipped: 3, delivered: 4, completed: 4 }[state as 'paid'] ?? 0;
    for (const action of path.slice(0, stop)) await must(seller, orderId, action);
    if (state === 'completed') {
      if (method === 'cod') await payments.recordCashCollected(orderId, { paymentId: 'c', actor: shop.sellerUser.actor, at: new Date() });
      else await must(buyer.accessToken, orderId, 'complete');
    }
    return orderId;
  }

  const CASES: Array<[OrderState, PaymentMethod]> = [
    ['awaiting_payment', 'vnpay'],
    ['cod_confirmed', 'cod'],
    ['paid', 'vnpay'],
    ['accepted', 'vnpay'],
    ['accepted', 'cod'],
    ['packed', 'bank_transfer'],
    ['shipped', 'vnpay'],
    ['delivered', 'vnpay'],
    ['delivered', 'cod'],
    ['completed', 'vnpay'],
    ['cancelled', 'cod'],
    ['refund_requested', 'vnpay'],
    ['refunded', 'vnpay'],
  ];

  it.each(CASES)('from %s (%s): every action by buyer, seller and agent answers as the table says', async (state, method) => {
    const mismatches: string[] = [];
    // Refused probes change nothing, so they share one order; each allowed move gets a fresh one.
    const shared = await orderIn(state, method);
    for (const action of ACTIONS) {
      for (const role of ['buyer', 'seller', 'agent'] as TransitionRole[]) {
        const token = role === 'buyer' ? buyer.accessToken : role === 'seller' ? shop.sellerUser.accessToken : shop.agent.accessToken;
        const paid = (method !== 'cod' && !['awaiting_payment', 'cancelled'].includes(state)) || (method === 'cod' && state === 'completed');
        const next = nextOrderState({ state, action, role, paymentMethod: method, paid });
        const want = !ROUTE_ROLES[action].includes(role) ? 403 : next ? 200 : 409;
        const orderId = want === 200 ? await orderIn(state, method) : shared;
        const res = await act(token, orderId, action);
        const got = res.status === 200 ? `200 ${res.body.state}` : `${res.status} ${(res.body as unknown as { code: string }).code}`;
        const expected = want === 200 ? `200 ${next}` : want === 409 ? '409 ILLEGAL_TRANSITION' : '403 FORBIDDEN';
        if (got !== expected) mismatches.push(`${action} by ${role}: ${got} (expected ${expected})`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
