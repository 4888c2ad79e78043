import type { ApiError, Order, PaymentIntent, PaymentReview, Page } from '@nss/contracts';
import { DocumentLocks } from '@nss/server-core';
import { CheckoutExpiry } from '@nss/payments-api';
import { anAccount } from '../support/accounts.factory';
import {
  aCheckout,
  aPaymentIntent,
  aShop,
  eventually,
  ipnPath,
  payAtSim,
  signedIpn,
  simControls,
  simIpnLog,
  startPaymentsWorld,
  stockOf,
  type PaymentsWorld,
  type Shop,
} from '../support/payments.support';

/**
 * VNPay end to end on the real database and Redis: the API creates the pay URL, the VNPay simulator (its own process,
 * over HTTP) shows the pay page, redirects the browser back and sends IPNs with VNPay's retry policy; the IPN answers
 * exactly as payments.md says and a payment changes state once whatever arrives in whatever order.
 */
describe('payments: VNPay (simulator over HTTP, real FerretDB + Redis)', () => {
  let world: PaymentsWorld;
  let shop: Shop;

  beforeAll(async () => {
    world = await startPaymentsWorld();
    shop = await aShop(world.api, { stock: 200, priceVnd: 150_000 });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  beforeEach(async () => {
    await fetch(`${world.sim.url}/sim/controls`, { method: 'DELETE' });
    await simControls(world.sim, { ipnUrl: `${world.apiUrl}/api/payments/vnpay/ipn` });
  });

  const getIntent = (id: string, token: string) => world.api.request<PaymentIntent>({ method: 'GET', url: `/api/payments/${id}`, token });
  const orderState = async (orderId: string, token: string) => (await world.api.request<Order>({ method: 'GET', url: `/api/orders/${orderId}`, token })).body.state;
  const txnRefOf = (intent: PaymentIntent) => new URL((intent.nextAction as { url: string }).url).searchParams.get('vnp_TxnRef') as string;
  const events = (intentId: string, type: string) => world.api.connection.collection('payment_events').countDocuments({ subjectId: intentId, type });
  const ipn = async (query: Record<string, string>) => (await world.api.request({ method: 'GET', url: ipnPath(query) })).body;

  async function pendingVnpay(quantity = 1) {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay', { quantity });
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    return { buyer, checkout, intent };
  }

  it('creates one intent per checkout with a redirect to VNPay for the checkout total; a retry replays it, a new key makes a new attempt', async () => {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay', { quantity: 2 });
    const send = (key: string, body: unknown = { checkoutId: checkout.checkoutId }) =>
      world.api.request<PaymentIntent>({ method: 'POST', url: '/api/payments', token: buyer.accessToken, headers: { 'idempotency-key': key }, body });
    const first = await send('key-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'requires_action', method: 'vnpay', amountVnd: checkout.totalVnd, checkoutId: checkout.checkoutId, checkoutCode: checkout.code });
    const url = new URL((first.body.nextAction as { type: 'redirect'; url: string }).url);
    expect(`${url.origin}`).toBe(world.sim.url);
    expect(url.searchParams.get('vnp_Amount')).toBe(String(checkout.totalVnd * 100));
    expect(url.searchParams.get('vnp_TxnRef')).toMatch(new RegExp(`^${checkout.code}[0-9A-F]{8}$`));

    const replay = await send('key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await send('key-1', { checkoutId: checkout.checkoutId, locale: 'en' })).status).toBe(422);

    const again = await send('key-2');
    expect(again.body.id).toBe(first.body.id);
    expect(txnRefOf(again.body)).not.toBe(txnRefOf(first.body));
    expect(await world.api.connection.collection('payment_intents').countDocuments({ checkoutId: checkout.checkoutId })).toBe(1);

    // Someone else's checkout looks like a missing one; no key is a 400 naming the header.
    const stranger = await anAccount().create(world.api);
    const other = await world.api.request<ApiError>({ method: 'POST', url: '/api/payments', token: stranger.accessToken, headers: { 'idempotency-key': 'k' }, body: { checkoutId: checkout.checkoutId } });
    expect(other.status).toBe(404);
    const noKey = await world.api.request<ApiError>({ method: 'POST', url: '/api/payments', token: buyer.accessToken, body: { checkoutId: checkout.checkoutId } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    // A price or status sent by the client is refused.
    const extra = await send('key-3', { checkoutId: checkout.checkoutId, amountVnd: 1 });
    expect(extra.status).toBe(400);
  });

  it('pays through the simulator: the IPN records it once, the orders become paid; the return only shows it', async () => {
    await simControls(world.sim, { ipnTiming: 'before_redirect' });
    const { buyer, checkout, intent } = await pendingVnpay();
    const back = await payAtSim((intent.nextAction as { url: string }).url, 'success');
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
    const order = checkout.orders[0]?.id as string;
    expect(await orderState(order, buyer.accessToken)).toBe('paid');

    // The return after the IPN: verified, redirected to the web result page, nothing changes.
    const ret = await world.api.request({ method: 'GET', url: back });
    expect(ret.status).toBe(302);
    const page = new URL(String(ret.headers['location']));
    expect(`${page.origin}${page.pathname}`).toBe('http://127.0.0.1:7532/thanh-toan/ket-qua');
    expect(Object.fromEntries(page.searchParams)).toEqual({ checkout: checkout.checkoutId, payment: intent.id, status: 'succeeded' });
    expect(await events(intent.id, 'payment.succeeded')).toBe(1);

    // VNPay calls again (a duplicate): 02, still one change.
    const log = await simIpnLog(world.sim, txnRefOf(intent));
    expect(log[0]?.rspCode).toBe('00');
    await fetch(`${world.sim.url}/sim/transactions/${txnRefOf(intent)}/ipn`, { method: 'POST' });
    expect((await simIpnLog(world.sim, txnRefOf(intent))).map((e) => e.rspCode)).toEqual(['00', '02']);
    expect(await events(intent.id, 'payment.succeeded')).toBe(1);
  });

  it('the return before the IPN changes nothing; the IPN that follows records the payment', async () => {
    await simControls(world.sim, { ipnDelayMs: 1500 });
    const { buyer, intent } = await pendingVnpay();
    const back = await payAtSim((intent.nextAction as { url: string }).url, 'success');
    const ret = await world.api.request({ method: 'GET', url: back });
    expect(ret.status).toBe(302);
    expect(new URL(String(ret.headers['location'])).searchParams.get('status')).toBe('succeeded');
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('requires_action');
    const settled = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'succeeded');
    expect(settled.body.status).toBe('succeeded');
  });

  it('answers IPNs in the order of payments.md: 97 forged, 01 unknown, 04 wrong amount, 02 settled', async () => {
    const { intent } = await pendingVnpay();
    const txnRef = txnRefOf(intent);
    const amount = String(intent.amountVnd * 100);
    expect(await ipn(signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: amount }, 'not-the-secret'))).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const raw = await world.api.request({ method: 'GET', url: '/api/payments/vnpay/ipn?vnp_TxnRef=x' });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    // Tampered after signing: 97 too.
    const tampered = { ...signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: amount, vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }), vnp_ResponseCode: '00', vnp_TransactionStatus: '00' };
    expect(await ipn(tampered)).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect(await ipn(signedIpn({ vnp_TxnRef: 'TTUNKNOWN0000ABCD', vnp_Amount: amount }))).toEqual({ RspCode: '01', Message: 'Order not found' });
    // The return URL with a forged or unknown result shows "invalid" and names no payment.
    for (const query of [tampered, signedIpn({ vnp_TxnRef: 'TTUNKNOWN0000ABCD', vnp_Amount: amount })]) {
      const back = await world.api.request({ method: 'GET', url: `/api/payments/vnpay/return?${new URLSearchParams(query).toString()}` });
      expect(back.status).toBe(302);
      expect(String(back.headers['location'])).toBe('http://127.0.0.1:7532/thanh-toan/ket-qua?status=invalid');
    }
    expect(await ipn(signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: String(intent.amountVnd) }))).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    // Nothing of that changed the intent.
    expect(await world.api.connection.collection('payment_events').countDocuments({ subjectId: intent.id })).toBe(0);
    const ok = await world.api.request({ method: 'GET', url: ipnPath(signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: amount })) });
    expect(JSON.stringify(ok.body)).toBe('{"RspCode":"00","Message":"Confirm Success"}');
    expect(await ipn(signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: amount }))).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(await ipn(signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: amount, vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }))).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
  });

  it('a failed payment is recorded, its orders cancelled and the stock returned once', async () => {
    const before = await stockOf(world.api, shop.productId);
    const { buyer, checkout, intent } = await pendingVnpay(3);
    expect(await stockOf(world.api, shop.productId)).toBe(before - 3);
    await payAtSim((intent.nextAction as { url: string }).url, 'cancel');
    const failed = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'canceled');
    expect(failed.body).toMatchObject({ status: 'canceled', reason: 'vnpay_24', nextAction: null });
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('cancelled');
    expect(await stockOf(world.api, shop.productId)).toBe(before);
    // A late success for the cancelled intent is 02 and takes nothing again.
    const late = await ipn(signedIpn({ vnp_TxnRef: txnRefOf(intent), vnp_Amount: String(intent.amountVnd * 100) }));
    expect(late).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(await stockOf(world.api, shop.productId)).toBe(before);
  });

  it('code 07 goes to the manual-review queue of the sellers\' province; staff accept it and the orders are paid', async () => {
    const { buyer, checkout, intent } = await pendingVnpay();
    await payAtSim((intent.nextAction as { url: string }).url, 'suspicious');
    const held = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'requires_review');
    expect(held.body).toMatchObject({ status: 'requires_review', reason: 'vnpay_07' });
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('awaiting_payment');

    const otherStaff = await anAccount().withRole('province_staff').inProvince('01').create(world.api);
    const mine = await world.api.request<Page<PaymentReview>>({ method: 'GET', url: '/api/payments/reviews', token: shop.staff.accessToken });
    const review = mine.body.items.find((r) => r.intentId === intent.id);
    expect(review).toMatchObject({ reason: 'vnpay_07', status: 'open', amountVnd: intent.amountVnd, vnpay: { responseCode: '07' } });
    const theirs = await world.api.request<Page<PaymentReview>>({ method: 'GET', url: '/api/payments/reviews', token: otherStaff.accessToken });
    expect(theirs.body.items.find((r) => r.intentId === intent.id)).toBeUndefined();
    const id = review?.id as string;
    expect((await world.api.request({ method: 'POST', url: `/api/payments/reviews/${id}/resolve`, token: otherStaff.accessToken, body: { decision: 'accept', note: 'ok' } })).status).toBe(404);

    const resolved = await world.api.request<PaymentReview>({
      method: 'POST',
      url: `/api/payments/reviews/${id}/resolve`,
      token: shop.staff.accessToken,
      body: { decision: 'accept', note: 'Đã gọi ngân hàng xác nhận' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', decision: 'accept', outcome: 'paid' });
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('paid');
    const twice = await world.api.request<ApiError>({ method: 'POST', url: `/api/payments/reviews/${id}/resolve`, token: shop.staff.accessToken, body: { decision: 'refund', note: 'x' } });
    expect(twice.status).toBe(409);
  });

  it('staff may refund a payment held for review: the whole transaction goes back through VNPay, the orders are cancelled and the stock returned', async () => {
    const before = await stockOf(world.api, shop.productId);
    const { buyer, checkout, intent } = await pendingVnpay(2);
    await payAtSim((intent.nextAction as { url: string }).url, 'suspicious');
    await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'requires_review');
    const review = (await world.api.request<Page<PaymentReview>>({ method: 'GET', url: '/api/payments/reviews?pageSize=100', token: shop.staff.accessToken })).body.items.find((r) => r.intentId === intent.id);
    const resolved = await world.api.request<PaymentReview>({
      method: 'POST',
      url: `/api/payments/reviews/${review?.id as string}/resolve`,
      token: shop.staff.accessToken,
      body: { decision: 'refund', note: 'Ngân hàng báo giao dịch đáng ngờ' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ decision: 'refund', outcome: 'refunded' });
    expect((await getIntent(intent.id, buyer.accessToken)).body).toMatchObject({ status: 'canceled', reason: 'review_refunded' });
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('cancelled');
    expect(await stockOf(world.api, shop.productId)).toBe(before);
    const atGateway = (await (await fetch(`${world.sim.url}/sim/transactions?txnRef=${txnRefOf(intent)}`)).json()) as Array<{ refundedAmount: number }>;
    expect(atGateway[0]?.refundedAmount).toBe(intent.amountVnd * 100);
  });

  it('money VNPay takes for a payment already recorded (a second attempt paid too) gets 02 and goes to staff, who refund it', async () => {
    await simControls(world.sim, { ipnTiming: 'before_redirect' });
    const { buyer, checkout, intent } = await pendingVnpay();
    const second = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    expect(txnRefOf(second)).not.toBe(txnRefOf(intent));
    await payAtSim((intent.nextAction as { url: string }).url, 'success');
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
    await payAtSim((second.nextAction as { url: string }).url, 'success');
    expect((await simIpnLog(world.sim, txnRefOf(second))).map((e) => e.rspCode)).toEqual(['02']);
    const reviews = (await world.api.request<Page<PaymentReview>>({ method: 'GET', url: '/api/payments/reviews?pageSize=100', token: shop.staff.accessToken })).body.items;
    const review = reviews.find((r) => r.intentId === intent.id);
    expect(review).toMatchObject({ reason: 'unexpected_payment', vnpay: { txnRef: txnRefOf(second), responseCode: '00' } });
    const url = `/api/payments/reviews/${review?.id as string}/resolve`;
    expect((await world.api.request<ApiError>({ method: 'POST', url, token: shop.staff.accessToken, body: { decision: 'accept', note: 'x' } })).body.code).toBe('REVIEW_NEEDS_REFUND');
    const refunded = await world.api.request<PaymentReview>({ method: 'POST', url, token: shop.staff.accessToken, body: { decision: 'refund', note: 'Người mua trả hai lần' } });
    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({ outcome: 'refunded' });
    const atGateway = (await (await fetch(`${world.sim.url}/sim/transactions?txnRef=${txnRefOf(second)}`)).json()) as Array<{ refundedAmount: number }>;
    expect(atGateway[0]?.refundedAmount).toBe(intent.amountVnd * 100);
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('paid');
  });

  it('a duplicated IPN racing the return changes the intent exactly once', async () => {
    await simControls(world.sim, { duplicateIpn: true, ipnTiming: 'before_redirect' });
    const { buyer, intent } = await pendingVnpay();
    const back = payAtSim((intent.nextAction as { url: string }).url, 'success');
    const query = signedIpn({ vnp_TxnRef: txnRefOf(intent), vnp_Amount: String(intent.amountVnd * 100) });
    // Our own copies of the same IPN at the same moment as the simulator's two.
    const answers = await Promise.all([ipn(query), ipn(query), ipn(query)]);
    const returned = await back;
    await world.api.request({ method: 'GET', url: returned });
    const settled = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'succeeded');
    expect(settled.body.status).toBe('succeeded');
    const codes = [...answers.map((a) => (a as { RspCode: string }).RspCode), ...(await simIpnLog(world.sim, txnRefOf(intent))).map((e) => e.rspCode)];
    expect(codes.filter((c) => c === '00')).toHaveLength(1);
    expect(codes.every((c) => c === '00' || c === '02')).toBe(true);
    expect(await events(intent.id, 'payment.succeeded')).toBe(1);
    expect(await world.api.connection.collection('payment_events').countDocuments({ subjectId: intent.id })).toBe(1);
  });

  it('VNPay retries an IPN that did not get through, and the retry is recorded', async () => {
    await simControls(world.sim, { ipnUrl: `${world.apiUrl}/api/payments/vnpay/ipn-unreachable` });
    const { buyer, intent } = await pendingVnpay();
    await payAtSim((intent.nextAction as { url: string }).url, 'success');
    await eventually(() => simIpnLog(world.sim, txnRefOf(intent)), (log) => log.length >= 1);
    await simControls(world.sim, { ipnUrl: `${world.apiUrl}/api/payments/vnpay/ipn` });
    const settled = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'succeeded');
    expect(settled.body.status).toBe('succeeded');
    const log = await simIpnLog(world.sim, txnRefOf(intent));
    expect(log[0]?.rspCode ?? null).toBeNull();
    expect(log[log.length - 1]?.rspCode).toBe('00');
    expect(log.length).toBeGreaterThanOrEqual(2);
  });

  it('expiry asks VNPay first: paid at the gateway without an IPN is recorded, not expired; unpaid is expired and the stock returned', async () => {
    await simControls(world.sim, { dropIpn: true });
    const paid = await pendingVnpay();
    await payAtSim((paid.intent.nextAction as { url: string }).url, 'success');
    expect((await getIntent(paid.intent.id, paid.buyer.accessToken)).body.status).toBe('requires_action');
    const expiry = world.api.app.get(CheckoutExpiry);
    expect(await expiry.expire(paid.checkout.checkoutId)).toBe('paid');
    expect((await getIntent(paid.intent.id, paid.buyer.accessToken)).body.status).toBe('succeeded');
    expect(await orderState(paid.checkout.orders[0]?.id as string, paid.buyer.accessToken)).toBe('paid');
    // The IPN that finally comes is a duplicate.
    await fetch(`${world.sim.url}/sim/transactions/${txnRefOf(paid.intent)}/ipn`, { method: 'POST' });
    expect((await simIpnLog(world.sim, txnRefOf(paid.intent))).map((e) => e.rspCode)).toEqual(['02']);

    const before = await stockOf(world.api, shop.productId);
    const unpaid = await pendingVnpay(2);
    expect(await expiry.expire(unpaid.checkout.checkoutId)).toBe('expired');
    expect((await getIntent(unpaid.intent.id, unpaid.buyer.accessToken)).body).toMatchObject({ status: 'canceled', reason: 'expired' });
    expect(await orderState(unpaid.checkout.orders[0]?.id as string, unpaid.buyer.accessToken)).toBe('cancelled');
    expect(await stockOf(world.api, shop.productId)).toBe(before);
    expect(await expiry.expire(unpaid.checkout.checkoutId)).toBe('already');
    expect(await stockOf(world.api, shop.productId)).toBe(before);
  });

  it('does not expire on a guess: when VNPay cannot be asked, the expiry fails (and is retried)', async () => {
    const { buyer, checkout, intent } = await pendingVnpay();
    await simControls(world.sim, { apiResponseCode: '99', apiTimes: 5 });
    await expect(world.api.app.get(CheckoutExpiry).expire(checkout.checkoutId)).rejects.toThrow();
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('requires_action');
    expect(await orderState(checkout.orders[0]?.id as string, buyer.accessToken)).toBe('awaiting_payment');
  });

  it('a payment being recorded holds the checkout lock: the IPN waits for it instead of deciding twice', async () => {
    const { buyer, checkout, intent } = await pendingVnpay();
    const locks = world.api.app.get(DocumentLocks);
    const query = signedIpn({ vnp_TxnRef: txnRefOf(intent), vnp_Amount: String(intent.amountVnd * 100) });
    let answer: unknown;
    let pending: Promise<unknown> = Promise.resolve();
    await locks.run('payment', checkout.checkoutId, async () => {
      pending = ipn(query).then((a) => (answer = a));
      await new Promise((r) => setTimeout(r, 500));
      expect(answer).toBeUndefined();
    });
    await pending;
    expect(answer).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await getIntent(intent.id, buyer.accessToken)).body.status).toBe('succeeded');
  });
});
