import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { BankTransferIssue, Order, Page, PaymentIntent } from '@nss/contracts';
import { OrderPayments } from '@nss/orders-api';
import { TEST_FEED_KEY, aCheckout, aPaymentIntent, aShop, ipnPath, signedIpn, type PaymentsWorld, type Shop, startPaymentsWorld } from '../support/payments.support';

let feedIds = 8_000_000 + Math.floor(Math.random() * 1_000_000);

/** A SePay-style webhook body for a transfer into our account. */
function transfer(content: string, amount: number) {
  feedIds += 1;
  return { id: feedIds, gateway: 'VietinBank', transactionDate: '2026-12-01 10:12:00', accountNumber: '0011001932418', content, transferType: 'in', transferAmount: amount, referenceCode: `FT${feedIds}` };
}

/** What a database going away in the middle of a step looks like to the code that called it. */
const dbGone = () => new Error('connection 4 to 127.0.0.1:27017 closed');

/**
 * Crash recovery of payments on the real FerretDB + Redis: a webhook (bank feed) or IPN (VNPay) whose processing dies
 * after a step (the seam: a real step that throws right after, or right before, doing its work, as when the database
 * restarts) is retried by the provider with the same transaction; the retry finishes the remaining steps, once.
 */
describe('payments: a retried transfer or IPN resumes a payment interrupted part-way', () => {
  let world: PaymentsWorld;
  let shop: Shop;
  let orderPayments: OrderPayments;

  beforeAll(async () => {
    world = await startPaymentsWorld();
    shop = await aShop(world.api, { stock: 200, priceVnd: 85_000 });
    orderPayments = world.api.app.get(OrderPayments);
  }, 120_000);
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await world?.close();
  });

  const db = () => world.api.connection;
  const feed = (body: unknown) =>
    world.api.request<{ success: true }>({ method: 'POST', url: '/api/payments/bank-feed/webhook', body, headers: { authorization: `Apikey ${TEST_FEED_KEY}` } });
  const getIntent = async (id: string, token: string) => (await world.api.request<PaymentIntent>({ method: 'GET', url: `/api/payments/${id}`, token })).body;
  const order = async (orderId: string, token: string) => (await world.api.request<Order>({ method: 'GET', url: `/api/orders/${orderId}`, token })).body;
  const issuesOf = async (checkoutId: string) =>
    (await world.api.request<Page<BankTransferIssue>>({ method: 'GET', url: '/api/payments/bank-transfers/issues?pageSize=100', token: shop.staff.accessToken })).body.items.filter((i) => i.checkoutId === checkoutId);
  const succeededEvents = (intentId: string) => db().collection('payment_events').countDocuments({ subjectId: intentId, type: 'payment.succeeded' });
  const paidOrderEvents = (orderId: string) => db().collection('order_events').countDocuments({ orderId, to: 'paid' });
  const feedRow = (feedId: number) => db().collection('bank_feed_transactions').findOne({ feedId: String(feedId) });

  /** The orders are told the money arrived (the real step runs), then the database goes away. */
  function crashAfterOrdersPaid(): void {
    const real = orderPayments.recordPaymentSucceeded.bind(orderPayments);
    jest.spyOn(orderPayments, 'recordPaymentSucceeded').mockImplementationOnce(async (...args) => {
      await real(...args);
      throw dbGone();
    });
  }

  async function transferCheckout() {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'bank_transfer');
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    return { buyer, checkout, intent, orderId: checkout.orders[0]?.id as string };
  }

  async function expectPaidOnce(p: { buyer: { accessToken: string }; checkout: { checkoutId: string }; intent: { id: string }; orderId: string }) {
    expect(await getIntent(p.intent.id, p.buyer.accessToken)).toMatchObject({ status: 'succeeded', nextAction: null });
    expect(await succeededEvents(p.intent.id)).toBe(1);
    expect((await order(p.orderId, p.buyer.accessToken)).state).toBe('paid');
    expect(await paidOrderEvents(p.orderId)).toBe(1);
  }

  it('bank feed: the database dies after the orders were paid; the retry of the same transfer completes the payment, no already_paid issue', async () => {
    const paying = await transferCheckout();
    const body = transfer(`chuyen tien ${paying.checkout.code}`, paying.checkout.totalVnd);
    crashAfterOrdersPaid();
    const first = await feed(body);
    // Not acknowledged: the feed retries until {"success": true}.
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect((await order(paying.orderId, paying.buyer.accessToken)).state).toBe('paid');

    const retry = await feed(body);
    expect(retry).toMatchObject({ status: 200, body: { success: true } });
    await expectPaidOnce(paying);
    expect(await issuesOf(paying.checkout.checkoutId)).toEqual([]);
    expect(await feedRow(body.id)).toMatchObject({ outcome: 'paid', checkoutId: paying.checkout.checkoutId });
    // Further retries change nothing.
    expect((await feed(body)).body).toEqual({ success: true });
    await expectPaidOnce(paying);
    expect(await issuesOf(paying.checkout.checkoutId)).toEqual([]);
    // A genuinely different transfer for the paid checkout is still money to give back.
    const second = transfer(`thanh toan ${paying.checkout.code}`, paying.checkout.totalVnd);
    expect((await feed(second)).body).toEqual({ success: true });
    expect(await issuesOf(paying.checkout.checkoutId)).toEqual([expect.objectContaining({ kind: 'already_paid', feedTransactionId: String(second.id), receivedVnd: paying.checkout.totalVnd })]);
    await expectPaidOnce(paying);
  });

  it('bank feed: the database dies after the payment succeeded, before the transfer was closed; the retry only closes it', async () => {
    const paying = await transferCheckout();
    const body = transfer(`${paying.checkout.code}`, paying.checkout.totalVnd);
    const model = world.api.app.get<Model<unknown>>(getModelToken('BankFeedTransactionDoc'));
    const real = model.updateOne.bind(model);
    let crashed = false;
    jest.spyOn(model, 'updateOne').mockImplementation(((filter: never, update: { $set?: { outcome?: string } }, ...rest: never[]) => {
      if (!crashed && update?.$set?.outcome === 'paid') {
        crashed = true;
        throw dbGone();
      }
      return real(filter, update, ...rest);
    }) as never);
    expect((await feed(body)).status).toBeGreaterThanOrEqual(500);
    expect(crashed).toBe(true);
    expect((await getIntent(paying.intent.id, paying.buyer.accessToken)).status).toBe('succeeded');

    expect(await feed(body)).toMatchObject({ status: 200, body: { success: true } });
    await expectPaidOnce(paying);
    expect(await issuesOf(paying.checkout.checkoutId)).toEqual([]);
    expect(await feedRow(body.id)).toMatchObject({ outcome: 'paid' });
  });

  it('bank feed: a transfer interrupted before paying, then another transfer pays the checkout: the retry of the first is already_paid', async () => {
    const paying = await transferCheckout();
    const first = transfer(`${paying.checkout.code} lan 1`, paying.checkout.totalVnd);
    const second = transfer(`${paying.checkout.code} lan 2`, paying.checkout.totalVnd);
    jest.spyOn(orderPayments, 'recordPaymentSucceeded').mockRejectedValueOnce(dbGone());
    expect((await feed(first)).status).toBeGreaterThanOrEqual(500);
    expect((await order(paying.orderId, paying.buyer.accessToken)).state).toBe('awaiting_payment');

    expect((await feed(second)).body).toEqual({ success: true });
    await expectPaidOnce(paying);
    expect((await feed(first)).body).toEqual({ success: true });
    await expectPaidOnce(paying);
    expect(await issuesOf(paying.checkout.checkoutId)).toEqual([expect.objectContaining({ kind: 'already_paid', feedTransactionId: String(first.id) })]);
    expect(await feedRow(second.id)).toMatchObject({ outcome: 'paid' });
    expect(await feedRow(first.id)).toMatchObject({ outcome: 'issue' });
  });

  it('VNPay: the database dies after the orders were paid; the IPN answers 99, its retry completes the payment once', async () => {
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay');
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    const txnRef = new URL((intent.nextAction as { url: string }).url).searchParams.get('vnp_TxnRef') as string;
    const query = signedIpn({ vnp_TxnRef: txnRef, vnp_Amount: String(intent.amountVnd * 100) });
    crashAfterOrdersPaid();
    expect((await world.api.request({ method: 'GET', url: ipnPath(query) })).body).toEqual({ RspCode: '99', Message: 'Unknow error' });
    expect((await getIntent(intent.id, buyer.accessToken)).status).toBe('requires_action');

    expect((await world.api.request({ method: 'GET', url: ipnPath(query) })).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    await expectPaidOnce({ buyer, checkout, intent, orderId: checkout.orders[0]?.id as string });
    expect((await world.api.request({ method: 'GET', url: ipnPath(query) })).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    await expectPaidOnce({ buyer, checkout, intent, orderId: checkout.orders[0]?.id as string });
  });
});
