import type { ApiError, BankTransferIssue, Order, Page, PaymentIntent, Refund } from '@nss/contracts';
import { parseVietQrPayload } from '@nss/vietqr';
import { CheckoutExpiry } from '@nss/payments-api';
import { anAccount } from '../support/accounts.factory';
import {
  TEST_FEED_KEY,
  aCheckout,
  aPaymentIntent,
  aShop,
  eventually,
  payAtSim,
  simControls,
  startPaymentsWorld,
  stockOf,
  type PaymentsWorld,
  type Shop,
} from '../support/payments.support';
import { startSimulator } from '../support/simulators';

let feedIds = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** A SePay-style webhook body for a transfer into our account. */
function transfer(content: string, amount: number, overrides: Record<string, unknown> = {}) {
  feedIds += 1;
  return {
    id: feedIds,
    gateway: 'VietinBank',
    transactionDate: '2026-12-01 10:12:00',
    accountNumber: '0011001932418',
    code: null,
    content,
    transferType: 'in',
    transferAmount: amount,
    accumulated: 19_077_000,
    subAccount: null,
    referenceCode: `FT${feedIds}`,
    description: content,
    ...overrides,
  };
}

/**
 * VietQR bank transfer (payload, bank-feed webhook, mismatches to staff), cash on delivery and refunds, on the real
 * database and Redis, with VNPay refunds through the simulator.
 */
describe('payments: VietQR + bank feed, cash on delivery, refunds', () => {
  let world: PaymentsWorld;
  let shop: Shop;
  let otherStaff: { accessToken: string };
  let admin: { accessToken: string };

  beforeAll(async () => {
    world = await startPaymentsWorld();
    shop = await aShop(world.api, { stock: 200, priceVnd: 90_000 });
    otherStaff = await anAccount().withRole('province_staff').inProvince('01').create(world.api);
    admin = await anAccount().withRole('admin').create(world.api);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const feed = (body: unknown, key: string | null = TEST_FEED_KEY) =>
    world.api.request<{ success: true } | ApiError>({ method: 'POST', url: '/api/payments/bank-feed/webhook', body, headers: key === null ? {} : { authorization: `Apikey ${key}` } });
  const getIntent = (id: string, token: string) => world.api.request<PaymentIntent>({ method: 'GET', url: `/api/payments/${id}`, token });
  const order = async (orderId: string, token: string) => (await world.api.request<Order>({ method: 'GET', url: `/api/orders/${orderId}`, token })).body;
  const issues = async (token: string) => (await world.api.request<Page<BankTransferIssue>>({ method: 'GET', url: '/api/payments/bank-transfers/issues?pageSize=100', token })).body.items;

  async function transferCheckout(quantity = 1) {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'bank_transfer', { quantity });
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    return { buyer, checkout, intent };
  }

  it('shows a dynamic VietQR for the checkout total with the checkout code as purpose', async () => {
    const { checkout, intent } = await transferCheckout(2);
    expect(intent).toMatchObject({ status: 'requires_action', method: 'bank_transfer', amountVnd: checkout.totalVnd });
    const action = intent.nextAction as Extract<PaymentIntent['nextAction'], { type: 'vietqr' }>;
    expect(action).toMatchObject({ type: 'vietqr', bankBin: '970415', accountNumber: '0011001932418', accountName: 'CONG TY NONG SAN SO', amountVnd: checkout.totalVnd, purpose: checkout.code });
    expect(parseVietQrPayload(action.payload)).toMatchObject({ initiation: 'dynamic', bankBin: '970415', accountNumber: '0011001932418', amountVnd: checkout.totalVnd, purpose: checkout.code });
  });

  it('refuses the webhook without the right API key (401, whatever the body), and a malformed body (400)', async () => {
    expect((await feed(transfer('x', 1), null)).status).toBe(401);
    expect((await feed(transfer('x', 1), 'wrong-key')).status).toBe(401);
    expect((await feed({ nonsense: true }, 'wrong-key')).status).toBe(401);
    const bad = await feed({ id: 1, content: 'x', transferType: 'sideways', transferAmount: -5 });
    expect(bad.status).toBe(400);
    expect((bad.body as ApiError).issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['transferType', 'transferAmount']));
  });

  it('an exact transfer pays the checkout once, however often the feed sends it', async () => {
    const { buyer, checkout, intent } = await transferCheckout();
    const body = transfer(`MBVCB.123 NGUYEN VAN MUA chuyen tien ${checkout.code.toLowerCase()} FT2633`, checkout.totalVnd);
    const answers = await Promise.all([feed(body), feed(body), feed(body)]);
    for (const a of answers) expect(a).toMatchObject({ status: 200, body: { success: true } });
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
    expect((await order(checkout.orders[0]?.id as string, buyer.accessToken)).state).toBe('paid');
    expect(await world.api.connection.collection('bank_feed_transactions').countDocuments({ feedId: String(body.id) })).toBe(1);
    expect(await world.api.connection.collection('payment_events').countDocuments({ subjectId: intent.id, type: 'payment.succeeded' })).toBe(1);
    expect((await feed(body)).body).toEqual({ success: true });
    // A second, separate transfer for the paid checkout is money to give back: an issue.
    await feed(transfer(`thanh toan ${checkout.code}`, checkout.totalVnd));
    expect((await issues(shop.staff.accessToken)).find((i) => i.checkoutId === checkout.checkoutId)).toMatchObject({ kind: 'already_paid' });
  });

  it('under- and over-payments go to the staff of the province, never accepted silently; staff may accept one', async () => {
    const under = await transferCheckout();
    const over = await transferCheckout();
    await feed(transfer(`${under.checkout.code}`, under.checkout.totalVnd - 1_000));
    await feed(transfer(`${over.checkout.code}`, over.checkout.totalVnd + 50_000));
    expect((await getIntent(under.intent.id, under.buyer.accessToken)).body.status).toBe('requires_action');
    expect((await getIntent(over.intent.id, over.buyer.accessToken)).body.status).toBe('requires_action');
    const list = await issues(shop.staff.accessToken);
    const underIssue = list.find((i) => i.checkoutId === under.checkout.checkoutId);
    expect(underIssue).toMatchObject({ kind: 'underpaid', expectedVnd: under.checkout.totalVnd, receivedVnd: under.checkout.totalVnd - 1_000, status: 'open' });
    expect(list.find((i) => i.checkoutId === over.checkout.checkoutId)).toMatchObject({ kind: 'overpaid', receivedVnd: over.checkout.totalVnd + 50_000 });
    expect((await issues(otherStaff.accessToken)).find((i) => i.checkoutId === under.checkout.checkoutId)).toBeUndefined();
    const url = `/api/payments/bank-transfers/issues/${underIssue?.id as string}/resolve`;
    expect((await world.api.request({ method: 'POST', url, token: otherStaff.accessToken, body: { decision: 'dismiss', note: 'x' } })).status).toBe(404);
    const refundedWithoutRef = await world.api.request<ApiError>({ method: 'POST', url, token: shop.staff.accessToken, body: { decision: 'refunded', note: 'đã trả lại' } });
    expect(refundedWithoutRef.status).toBe(400);
    const accepted = await world.api.request<BankTransferIssue>({ method: 'POST', url, token: shop.staff.accessToken, body: { decision: 'accept', note: 'Người mua bù 1.000 đ tiền mặt' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'resolved', decision: 'accept' });
    expect((await getIntent(under.intent.id, under.buyer.accessToken)).body.status).toBe('succeeded');
    expect((await world.api.request({ method: 'POST', url, token: shop.staff.accessToken, body: { decision: 'dismiss', note: 'x' } })).status).toBe(409);
  });

  it('a transfer with no known code goes to admins; one after expiry is "late"; money out is ignored', async () => {
    const stray = transfer('chuyen tien mua che TT0000000000', 77_000);
    await feed(stray);
    expect((await issues(admin.accessToken)).find((i) => i.feedTransactionId === String(stray.id))).toMatchObject({ kind: 'unknown_code', checkoutId: null, provinceCodes: [] });
    expect((await issues(shop.staff.accessToken)).find((i) => i.feedTransactionId === String(stray.id))).toBeUndefined();

    const expired = await transferCheckout();
    const before = await stockOf(world.api, shop.productId);
    expect(await world.api.app.get(CheckoutExpiry).expire(expired.checkout.checkoutId)).toBe('expired');
    expect(await stockOf(world.api, shop.productId)).toBe(before + 1);
    await feed(transfer(`${expired.checkout.code}`, expired.checkout.totalVnd));
    expect((await issues(shop.staff.accessToken)).find((i) => i.checkoutId === expired.checkout.checkoutId)).toMatchObject({ kind: 'late' });
    expect((await getIntent(expired.intent.id, expired.buyer.accessToken)).body.status).toBe('canceled');
    expect(await stockOf(world.api, shop.productId)).toBe(before + 1);

    const out = transfer('rut tien', 10_000, { transferType: 'out' });
    expect((await feed(out)).status).toBe(200);
    expect(await world.api.connection.collection('bank_transfer_issues').countDocuments({ feedId: String(out.id) })).toBe(0);
  });

  it('the bank-feed simulator\'s transfers pay the checkout over HTTP, its retries reaching us once the webhook is back', async () => {
    const feedSim = await startSimulator('bank-feed-sim', {
      BANK_FEED_SIM_WEBHOOK_URL: `${world.apiUrl}/api/payments/bank-feed/webhook`,
      BANK_FEED_SIM_API_KEY: TEST_FEED_KEY,
      BANK_FEED_SIM_RETRY_MS: '200',
      BANK_FEED_SIM_MAX_ATTEMPTS: '10',
    });
    try {
      const send = async (content: string, transferAmount: number) => {
        const res = await fetch(`${feedSim.url}/sim/transfers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content, transferAmount }) });
        expect(res.status).toBe(201);
        return (await res.json()) as { payload: { id: number }; status: string };
      };
      const first = await transferCheckout();
      const sent = await send(`NGUYEN VAN MUA CK ${first.checkout.code}`, first.checkout.totalVnd);
      expect(sent.status).toBe('delivered');
      expect((await getIntent(first.intent.id, first.buyer.accessToken)).body.status).toBe('succeeded');

      // The webhook is down for the first call: the feed retries, and the retry pays once.
      const second = await transferCheckout();
      await fetch(`${feedSim.url}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhookUrl: `${world.apiUrl}/api/payments/bank-feed/down` }) });
      const retried = await send(`${second.checkout.code}`, second.checkout.totalVnd);
      expect(retried.status).not.toBe('delivered');
      await fetch(`${feedSim.url}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhookUrl: null }) });
      const paid = await eventually(() => getIntent(second.intent.id, second.buyer.accessToken), (r) => r.body.status === 'succeeded');
      expect(paid.body.status).toBe('succeeded');
      // Delivered again on purpose: acknowledged, nothing happens twice.
      await fetch(`${feedSim.url}/sim/transfers/${retried.payload.id}/redeliver`, { method: 'POST' });
      expect(await world.api.connection.collection('payment_events').countDocuments({ subjectId: second.intent.id, type: 'payment.succeeded' })).toBe(1);
      expect(await world.api.connection.collection('bank_feed_transactions').countDocuments({ feedId: String(retried.payload.id) })).toBe(1);
    } finally {
      await feedSim.stop();
    }
  });

  it('cash on delivery: processing until the seller (or its agent) records the cash, once; then the order completes', async () => {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'cod');
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    expect(intent).toMatchObject({ status: 'processing', method: 'cod', nextAction: null });
    const orderId = checkout.orders[0]?.id as string;
    const agent = shop.agent.accessToken;
    const collect = (token: string, id = orderId) => world.api.request<{ orderId: string; paymentId: string }>({ method: 'POST', url: `/api/payments/cod/${id}/collected`, token });
    for (const step of ['accept', 'pack', 'ship', 'deliver']) {
      const body = step === 'ship' ? { carrier: 'Viettel Post', trackingCode: 'VTP123456789' } : undefined;
      const res = await world.api.request({ method: 'POST', url: `/api/orders/${orderId}/${step}`, token: agent, ...(body ? { body } : {}) });
      expect(res.status).toBe(200);
    }
    expect((await collect(buyer.accessToken)).status).toBe(403);
    const otherAgent = await anAccount().withRole('agent').inProvince('01').create(world.api);
    expect((await collect(otherAgent.accessToken)).status).toBe(404);
    const first = await collect(agent);
    expect(first.status).toBe(200);
    expect((await order(orderId, buyer.accessToken)).state).toBe('completed');
    const again = await collect(agent);
    expect(again.status).toBe(200);
    expect(again.body.paymentId).toBe(first.body.paymentId);

    // Not a COD order: 409.
    const prepaid = await aCheckout(world.api, shop, 'vnpay');
    expect((await collect(agent, prepaid.checkout.orders[0]?.id as string)).status).toBe(409);
  });

  it('refunds a VNPay order through VNPay\'s refund API (staff of its province), once; a transfer order with the bank reference', async () => {
    await simControls(world.sim, { ipnTiming: 'before_redirect' });
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay', { quantity: 2 });
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    await payAtSim((intent.nextAction as { url: string }).url, 'success');
    await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'succeeded');
    const orderId = checkout.orders[0]?.id as string;
    const body = { orderId, reason: 'Hàng dập nát khi giao' };
    const refund = (token: string, b: unknown = body) => world.api.request<Refund | ApiError>({ method: 'POST', url: '/api/payments/refunds', token, body: b });

    expect((await refund(shop.staff.accessToken)).body).toMatchObject({ code: 'REFUND_NOT_REQUESTED' });
    const asked = await world.api.request({ method: 'POST', url: `/api/orders/${orderId}/refund-request`, token: buyer.accessToken, body: { reason: 'Hàng dập nát' } });
    expect(asked.status).toBe(200);
    expect((await refund(otherStaff.accessToken)).status).toBe(404);
    expect((await refund(buyer.accessToken)).status).toBe(403);
    expect((await refund(shop.staff.accessToken, { ...body, amountVnd: checkout.totalVnd + 1 })).status).toBe(400);

    const made = await refund(shop.staff.accessToken);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ orderId, method: 'vnpay', amountVnd: checkout.totalVnd, kind: 'full', status: 'succeeded', gatewayCode: '00' });
    expect((await order(orderId, buyer.accessToken)).state).toBe('refunded');
    const txnRef = new URL((intent.nextAction as { url: string }).url).searchParams.get('vnp_TxnRef') as string;
    const atGateway = (await (await fetch(`${world.sim.url}/sim/transactions?txnRef=${txnRef}`)).json()) as Array<{ refundedAmount: number }>;
    expect(atGateway[0]?.refundedAmount).toBe(checkout.totalVnd * 100);
    const again = await refund(shop.staff.accessToken);
    expect(again.status).toBe(200);
    expect((again.body as Refund).id).toBe((made.body as Refund).id);

    // Bank transfer: recorded with the reference of the transfer staff made (required).
    const paid = await transferCheckout();
    await feed(transfer(paid.checkout.code, paid.checkout.totalVnd));
    const paidOrder = paid.checkout.orders[0]?.id as string;
    await world.api.request({ method: 'POST', url: `/api/orders/${paidOrder}/refund-request`, token: paid.buyer.accessToken, body: { reason: 'Không muốn mua nữa' } });
    expect((await refund(admin.accessToken, { orderId: paidOrder, reason: 'Hoàn theo yêu cầu' })).status).toBe(400);
    const recorded = await refund(admin.accessToken, { orderId: paidOrder, reason: 'Hoàn theo yêu cầu', bankReference: 'FT26335000123', amountVnd: 50_000 });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ method: 'bank_transfer', kind: 'partial', amountVnd: 50_000, bankReference: 'FT26335000123', gatewayCode: null });
    expect((await order(paidOrder, paid.buyer.accessToken)).state).toBe('refunded');
  });
});
