import type { ApiError, Order, OrderPage } from '@nss/contracts';
import { OrderPayments } from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anOrder, aShop, getOrder, stockOf, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/** The order state machine over HTTP and through OrderPayments, on the real database and Redis. */
describe('order transitions (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let otherShop: SellerWithAgent;
  let buyer: CreatedAccount;
  let otherBuyer: CreatedAccount;
  let payments: OrderPayments;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    otherShop = await aShop(api);
    buyer = await anAccount().create(api);
    otherBuyer = await anAccount().create(api);
    payments = api.app.get(OrderPayments);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  function act(token: string, orderId: string, action: string, body: unknown = {}) {
    return api.request<Order>({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token, body });
  }
  async function expectState(orderId: string, state: string) {
    const res = await getOrder(api, buyer.accessToken, orderId);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe(state);
    return res.body;
  }
  function codeOf(res: { body: unknown }) {
    return (res.body as ApiError).code;
  }

  it('COD: seller accepts, packs, ships with tracking, delivers; the cash collected completes it', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId } = await anOrder(api, buyer, product, 'cod', 2);
    await expectState(orderId, 'cod_confirmed');
    const seller = shop.sellerUser.accessToken;
    expect((await act(seller, orderId, 'pack')).status).toBe(409);
    expect((await act(seller, orderId, 'accept')).body.state).toBe('accepted');
    expect((await act(seller, orderId, 'pack')).body.state).toBe('packed');
    const badShip = await act(seller, orderId, 'ship', { carrier: 'GHN' });
    expect(badShip.status).toBe(400);
    const shipped = await act(seller, orderId, 'ship', { carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-12345678' });
    expect(shipped.status).toBe(200);
    expect(shipped.body.shipment).toEqual({ carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-12345678' });
    expect((await act(seller, orderId, 'deliver')).body.state).toBe('delivered');
    // A COD order is completed by the cash, not by the buyer.
    expect(codeOf(await act(buyer.accessToken, orderId, 'complete'))).toBe('ILLEGAL_TRANSITION');
    await payments.recordCashCollected(orderId, { paymentId: 'cod-1', actor: shop.sellerUser.actor, at: new Date() });
    await payments.recordCashCollected(orderId, { paymentId: 'cod-1', actor: shop.sellerUser.actor, at: new Date() });
    const done = await expectState(orderId, 'completed');
    expect(done.paymentStatus).toBe('succeeded');
    expect(done.history.map((h) => `${h.from ?? ''}>${h.to}:${h.actorRole}`)).toEqual([
      '>cod_confirmed:buyer',
      'cod_confirmed>accepted:seller',
      'accepted>packed:seller',
      'packed>shipped:seller',
      'shipped>delivered:seller',
      'delivered>completed:seller',
    ]);
    expect(done.history.every((h) => h.actorUserId && h.at)).toBe(true);
    const events = await api.connection.collection('order_events').find({ orderId }).sort({ at: 1 }).toArray();
    expect(events.map((e) => e['key'])).toEqual([1, 2, 3, 4, 5, 6].map((n) => `state:${orderId}:${n}`));
    expect(events.map((e) => e['type'])).toEqual(['order.created', 'order.accepted', 'order.packed', 'order.shipped', 'order.delivered', 'order.completed']);
    expect(events[3]).toMatchObject({ data: { carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-12345678' }, buyerProvinceCode: '01', provinceCode: '19', adminEra: '2025' });
    expect(await stockOf(api, product.id)).toBe(3);
  });

  it('prepaid: paid once (a repeated IPN is "already"), the managing agent fulfils, the buyer completes', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId, result } = await anOrder(api, buyer, product, 'vnpay');
    await expectState(orderId, 'awaiting_payment');
    expect(codeOf(await act(shop.sellerUser.accessToken, orderId, 'accept'))).toBe('ILLEGAL_TRANSITION');
    expect(await payments.recordPaymentSucceeded(result.checkoutId, { paymentId: 'pay-1', at: new Date() })).toBe('paid');
    expect(await payments.recordPaymentSucceeded(result.checkoutId, { paymentId: 'pay-1', at: new Date() })).toBe('already');
    expect((await expectState(orderId, 'paid')).paymentStatus).toBe('succeeded');
    expect((await payments.getCheckout(result.checkoutId))?.state).toBe('settled');
    const agent = shop.agent.accessToken;
    for (const [action, state] of [['accept', 'accepted'], ['pack', 'packed'], ['ship', 'shipped'], ['deliver', 'delivered']] as const) {
      const res = await act(agent, orderId, action, action === 'ship' ? { carrier: 'Viettel Post', trackingCode: 'VTP-0001' } : {});
      expect(res.status).toBe(200);
      expect(res.body.state).toBe(state);
    }
    expect((await act(buyer.accessToken, orderId, 'complete')).body.state).toBe('completed');
    expect(codeOf(await act(buyer.accessToken, orderId, 'complete'))).toBe('ILLEGAL_TRANSITION');
    const order = await expectState(orderId, 'completed');
    expect(order.history.find((h) => h.to === 'accepted')?.actorRole).toBe('agent');
  });

  it('refund: the buyer asks after delivery, payments records the refund', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId, result } = await anOrder(api, buyer, product, 'bank_transfer');
    await payments.recordPaymentSucceeded(result.checkoutId, { paymentId: 'bt-1', at: new Date() });
    const seller = shop.sellerUser.accessToken;
    await act(seller, orderId, 'accept');
    await act(seller, orderId, 'pack');
    await act(seller, orderId, 'ship', { carrier: 'GHTK', trackingCode: 'GHTK-777' });
    expect((await act(buyer.accessToken, orderId, 'refund-request', {})).status).toBe(400);
    const asked = await act(buyer.accessToken, orderId, 'refund-request', { reason: 'Hàng bị dập khi nhận' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ state: 'refund_requested', cancelReason: 'Hàng bị dập khi nhận' });
    await payments.recordRefunded(orderId, { refundId: 'rf-1', amountVnd: 100_000, actor: null, at: new Date() });
    await payments.recordRefunded(orderId, { refundId: 'rf-1', amountVnd: 100_000, actor: null, at: new Date() });
    const refunded = await expectState(orderId, 'refunded');
    expect(refunded.paymentStatus).toBe('refunded');
    // Shipped goods do not come back to stock by a refund.
    expect(await stockOf(api, product.id)).toBe(4);
  });

  it('cancellations: the seller needs a reason; unpaid → cancelled, paid → refund_requested; stock comes back once', async () => {
    const product = await aListing(api, shop, { stock: 10 });
    const cod = await anOrder(api, buyer, product, 'cod', 2);
    const seller = shop.sellerUser.accessToken;
    expect((await act(seller, cod.orderId, 'cancel', {})).status).toBe(400);
    const cancelled = await act(seller, cod.orderId, 'cancel', { reason: 'Hết hàng trong kho' });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelReason: 'Hết hàng trong kho' });
    expect(await stockOf(api, product.id)).toBe(10);
    expect(codeOf(await act(seller, cod.orderId, 'cancel', { reason: 'Lần nữa' }))).toBe('ILLEGAL_TRANSITION');
    expect(await stockOf(api, product.id)).toBe(10);

    const paid = await anOrder(api, buyer, product, 'vnpay', 3);
    await payments.recordPaymentSucceeded(paid.result.checkoutId, { paymentId: 'p-2', at: new Date() });
    await act(seller, paid.orderId, 'accept');
    const refundDue = await act(seller, paid.orderId, 'cancel', { reason: 'Không giao được tới xã này' });
    expect(refundDue.body.state).toBe('refund_requested');
    expect(await stockOf(api, product.id)).toBe(10);
    // The refund later does not return the stock a second time.
    await payments.recordRefunded(paid.orderId, { refundId: 'rf-2', amountVnd: 300_000, actor: null, at: new Date() });
    expect(await stockOf(api, product.id)).toBe(10);

    // The buyer cancels before acceptance (COD), not after.
    const mine = await anOrder(api, buyer, product, 'cod');
    expect((await act(buyer.accessToken, mine.orderId, 'cancel')).body.state).toBe('cancelled');
    const late = await anOrder(api, buyer, product, 'cod');
    await act(seller, late.orderId, 'accept');
    expect(codeOf(await act(buyer.accessToken, late.orderId, 'cancel'))).toBe('ILLEGAL_TRANSITION');
    expect(await stockOf(api, product.id)).toBe(9);
  });

  it('a buyer cancelling an unpaid checkout cancels it whole; a payment arriving after is "too_late"', async () => {
    const a = await aListing(api, shop, { stock: 4 });
    const b = await aListing(api, otherShop, { stock: 4 });
    const res = await api.request<{ checkoutId: string; orders: Array<{ id: string }> }>({
      method: 'POST',
      url: '/api/checkout',
      token: buyer.accessToken,
      headers: { 'idempotency-key': `cancel-${Date.now()}` },
      body: { address: { recipientName: 'Trần Thị Mua', phone: '0912345678', street: '12 Phố Huế', provinceCode: '01', communeCode: '00004' }, paymentMethod: 'vnpay', items: [{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 2 }] },
    });
    expect(res.status).toBe(201);
    const [first, second] = res.body.orders;
    expect((await act(buyer.accessToken, first!.id, 'cancel')).body.state).toBe('cancelled');
    await expectState(second!.id, 'cancelled');
    expect(await stockOf(api, a.id)).toBe(4);
    expect(await stockOf(api, b.id)).toBe(4);
    expect(await payments.recordPaymentSucceeded(res.body.checkoutId, { paymentId: 'late', at: new Date() })).toBe('too_late');
    expect(await payments.expireCheckout(res.body.checkoutId, new Date())).toBe('already');
  });

  it('expiry and failed payments cancel awaiting orders and return the stock exactly once', async () => {
    const product = await aListing(api, shop, { stock: 6 });
    const expiring = await anOrder(api, buyer, product, 'bank_transfer', 2);
    expect(await stockOf(api, product.id)).toBe(4);
    const [x, y] = await Promise.all([payments.expireCheckout(expiring.result.checkoutId, new Date()), payments.expireCheckout(expiring.result.checkoutId, new Date())]);
    expect([x, y].sort()).toEqual(['already', 'expired']);
    expect(await stockOf(api, product.id)).toBe(6);
    const expired = await expectState(expiring.orderId, 'cancelled');
    expect(expired.history.at(-1)).toMatchObject({ actorRole: 'system', reason: 'expired' });
    expect((await payments.getCheckout(expiring.result.checkoutId))?.state).toBe('expired');

    const failing = await anOrder(api, buyer, product, 'vnpay', 1);
    await payments.recordPaymentFailed(failing.result.checkoutId, { paymentId: 'f-1', reason: 'vnpay_24', at: new Date() });
    await payments.recordPaymentFailed(failing.result.checkoutId, { paymentId: 'f-1', reason: 'vnpay_24', at: new Date() });
    expect((await expectState(failing.orderId, 'cancelled')).paymentStatus).toBe('failed');
    expect(await stockOf(api, product.id)).toBe(6);
    // A paid checkout does not expire.
    const paid = await anOrder(api, buyer, product, 'vnpay', 1);
    await payments.recordPaymentSucceeded(paid.result.checkoutId, { paymentId: 'ok', at: new Date() });
    expect(await payments.expireCheckout(paid.result.checkoutId, new Date())).toBe('paid');
    expect(await stockOf(api, product.id)).toBe(5);
  });

  it('lets one of many concurrent transitions of an order through (409 for the others), recorded once', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId } = await anOrder(api, buyer, product, 'cod');
    const results = await Promise.all(Array.from({ length: 8 }, () => act(shop.sellerUser.accessToken, orderId, 'accept')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const order = await expectState(orderId, 'accepted');
    expect(order.history.filter((h) => h.to === 'accepted')).toHaveLength(1);
    expect(order.stateVersion).toBe(2);
    expect(await api.connection.collection('order_events').countDocuments({ orderId })).toBe(2);
  });

  it('hides orders from everyone but their buyer, seller, managing agent, province staff and admins (404)', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId } = await anOrder(api, buyer, product, 'cod');
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    const farStaff = await anAccount().withRole('province_staff').inProvince('04').create(api);
    const admin = await anAccount().withRole('admin').create(api);
    const strangerAgent = await anAccount().withRole('agent').inProvince('19').create(api);
    for (const [who, status] of [
      [buyer, 200],
      [shop.sellerUser, 200],
      [shop.agent, 200],
      [staff, 200],
      [admin, 200],
      [otherBuyer, 404],
      [otherShop.sellerUser, 404],
      [strangerAgent, 404],
      [farStaff, 404],
    ] as const) {
      expect({ who: who.user.role, status: (await getOrder(api, who.accessToken, orderId)).status }).toEqual({ who: who.user.role, status });
    }
    expect((await act(otherShop.sellerUser.accessToken, orderId, 'accept')).status).toBe(404);
    expect((await act(strangerAgent.accessToken, orderId, 'accept')).status).toBe(404);
    expect((await act(otherBuyer.accessToken, orderId, 'cancel')).status).toBe(404);
    expect((await act(staff.accessToken, orderId, 'accept')).status).toBe(403);
    expect((await act(buyer.accessToken, orderId, 'accept')).status).toBe(403);

    const list = async (who: CreatedAccount, query = '') => (await api.request<OrderPage>({ method: 'GET', url: `/api/orders${query}`, token: who.accessToken })).body;
    expect((await list(buyer)).items.map((o) => o.id)).toContain(orderId);
    expect((await list(otherBuyer)).items.map((o) => o.id)).not.toContain(orderId);
    expect((await list(shop.sellerUser)).items.every((o) => o.sellerId === shop.seller.seller.id)).toBe(true);
    expect((await list(shop.agent)).items.map((o) => o.id)).toContain(orderId);
    expect((await list(strangerAgent)).total).toBe(0);
    expect((await list(farStaff)).items.map((o) => o.id)).not.toContain(orderId);
    expect((await list(staff)).items.map((o) => o.id)).toContain(orderId);
    const filtered = await list(buyer, '?status=cod_confirmed&pageSize=5');
    expect(filtered.items.every((o) => o.state === 'cod_confirmed')).toBe(true);
    expect(filtered.pageSize).toBe(5);
    expect((await api.request({ method: 'GET', url: '/api/orders?status=lost', token: buyer.accessToken })).status).toBe(400);
  });
});
