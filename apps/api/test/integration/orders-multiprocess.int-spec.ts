import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { CheckoutResult, PaymentIntent } from '@nss/contracts';
import { anAccount, aPhone, type CreatedAccount } from '../support/accounts.factory';
import { COMMUNES } from '../support/onboarding.factory';
import { aShop, eventually, signedIpn, startPaymentsWorld, stockOf, type PaymentsWorld, type Shop } from '../support/payments.support';
import { startProcessCluster, type ProcessCluster } from '../support/process-cluster';
import { withRedisDb } from '../support/test-helpers';

/**
 * A deployment with replicas: two API processes and two worker processes (from the build) on one database and one
 * Redis, as production would run them behind a load balancer. Requests alternate between the two APIs; the two
 * workers compete for the delayed expiry jobs. The books must come out exact: no unit sold twice, every expiry and
 * every IPN applied once.
 */

const EXPIRY_SECONDS = 2;
// VNPay checkouts: a payment is only started with more than 30 s left (the buyer needs time at VNPay's page).
const VNPAY_EXPIRY_SECONDS = 120;
// The cluster's workers consume BullMQ queues: a Redis database of their own, so they never take jobs queued by the
// other test files' APIs (which share the server's database 0).
const CLUSTER_REDIS_DB = 11;

interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

async function post<T>(base: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('two API and two worker processes on one database and Redis (no oversell, every expiry and IPN once)', () => {
  let world: PaymentsWorld;
  let cluster: ProcessCluster;
  let buyers: CreatedAccount[];

  const address = () => ({
    recipientName: 'Nguyễn Văn Mua',
    phone: aPhone(),
    street: 'Số 5 ngõ 12 phố Chùa Bộc',
    provinceCode: COMMUNES.thucPhan.provinceCode,
    communeCode: COMMUNES.thucPhan.communeCode,
  });

  /** `count` checkouts of one unit each, all at once, alternating between the two API processes and the buyers. */
  function checkoutsAtOnce(shop: Shop, count: number, paymentMethod: 'cod' | 'bank_transfer' | 'vnpay') {
    return Promise.all(
      Array.from({ length: count }, (_, i) => {
        const base = cluster.apis[i % cluster.apis.length].url as string;
        const buyer = buyers[i % buyers.length];
        return post<CheckoutResult>(
          base,
          '/api/checkout',
          buyer.accessToken,
          { paymentMethod, items: [{ productId: shop.productId, quantity: 1 }], address: address() },
          { 'idempotency-key': `mp-${randomBytes(8).toString('hex')}` },
        );
      }),
    );
  }

  const ordersOf = (productId: string) => world.api.connection.collection('orders').find({ 'lines.productId': productId }).toArray();

  beforeAll(async () => {
    const redisUrl = withRedisDb(process.env['REDIS_URL'] as string, CLUSTER_REDIS_DB);
    // A clean queue database for this file (left-overs of an earlier run would be consumed against a dropped database).
    const redis = new (await import('ioredis')).default(redisUrl);
    await redis.flushdb();
    await redis.quit();
    world = await startPaymentsWorld({
      env: { REDIS_URL: redisUrl, ORDER_EXPIRY_BANK_TRANSFER_SECONDS: String(EXPIRY_SECONDS), ORDER_EXPIRY_VNPAY_SECONDS: String(VNPAY_EXPIRY_SECONDS) },
    });
    buyers = await Promise.all(Array.from({ length: 10 }, () => anAccount().create(world.api)));
    cluster = await startProcessCluster({ ...world.api.env, LOG_LEVEL: 'warn' }, { apis: 2, workers: 2 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await world?.close();
  });

  it('50 parallel checkouts for 5 units across both APIs: exactly 5 orders and stock 0, three times over', async () => {
    for (let round = 1; round <= 3; round++) {
      const shop = await aShop(world.api, { stock: 5 });
      const answers = await checkoutsAtOnce(shop, 50, 'cod');
      const created = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 409);
      expect({ round, created: created.length, refused: refused.length, other: answers.length - created.length - refused.length }).toEqual({
        round,
        created: 5,
        refused: 45,
        other: 0,
      });
      expect(await stockOf(world.api, shop.productId)).toBe(0);
      expect(await ordersOf(shop.productId)).toHaveLength(5);
    }
  }, 180_000);

  it('unpaid bank-transfer checkouts expire once each through the two workers, and the stock comes back exactly', async () => {
    const shop = await aShop(world.api, { stock: 6 });
    const answers = await checkoutsAtOnce(shop, 6, 'bank_transfer');
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(await stockOf(world.api, shop.productId)).toBe(0);

    // Both workers hold the delayed expiry jobs; each checkout must be expired by exactly one of them.
    const settled = await eventually(
      () => ordersOf(shop.productId),
      (orders) => orders.every((o) => o['state'] === 'cancelled'),
      30_000,
    );
    expect(settled.map((o) => o['state'])).toEqual(Array(6).fill('cancelled'));
    // Returned at once, or (when the product's lock was busy with the other worker) by the order event's consumer.
    expect(await eventually(() => stockOf(world.api, shop.productId), (stock) => stock === 6, 30_000)).toBe(6);
    const orderIds = settled.map((o) => String(o['_id']));
    const events = await world.api.connection.collection('order_events').find({ orderId: { $in: orderIds }, to: 'cancelled' }).toArray();
    expect(events).toHaveLength(6);
    // Stock returned once per reservation, even with two workers: still 6 a moment later.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await stockOf(world.api, shop.productId)).toBe(6);
  }, 120_000);

  it('duplicate and concurrent IPNs to both APIs change each payment exactly once', async () => {
    const shop = await aShop(world.api, { stock: 4 });
    const answers = await checkoutsAtOnce(shop, 4, 'vnpay');
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);

    for (const [i, answer] of answers.entries()) {
      const buyer = buyers[i % buyers.length];
      const base = cluster.apis[i % 2].url as string;
      const intent = await post<PaymentIntent>(base, '/api/payments', buyer.accessToken, { checkoutId: answer.body.checkoutId }, { 'idempotency-key': `mp-pay-${randomBytes(8).toString('hex')}` });
      expect({ status: intent.status, body: intent.status === 201 ? null : intent.body }).toEqual({ status: 201, body: null });
      const next = intent.body.nextAction;
      if (!next || next.type !== 'redirect') throw new Error(`expected a VNPay redirect, got ${JSON.stringify(next)}`);
      const payUrl = new URL(next.url);
      const ipn = signedIpn({
        vnp_TxnRef: payUrl.searchParams.get('vnp_TxnRef') as string,
        vnp_Amount: payUrl.searchParams.get('vnp_Amount') as string,
        vnp_TransactionNo: String(20_000_000 + i),
      });
      const query = new URLSearchParams(ipn).toString();
      // VNPay retrying while the first call is still running, at both replicas.
      const calls = await Promise.all(
        Array.from({ length: 8 }, (_, k) => fetch(`${cluster.apis[k % 2].url}/api/payments/vnpay/ipn?${query}`).then((r) => r.json() as Promise<{ RspCode: string }>)),
      );
      const codes = calls.map((c) => c.RspCode);
      expect(codes.every((c) => c === '00' || c === '02')).toBe(true);
      expect(codes.filter((c) => c === '00').length).toBeGreaterThanOrEqual(1);

      const intentId = new Types.ObjectId(intent.body.id);
      const stored = await world.api.connection.collection('payment_intents').findOne({ _id: intentId });
      expect(stored?.['status']).toBe('succeeded');
      const changes = await world.api.connection.collection('payment_events').find({ subjectId: intent.body.id, to: 'succeeded' }).toArray();
      expect(changes).toHaveLength(1);
    }
    const orders = await ordersOf(shop.productId);
    expect(orders.map((o) => o['state'])).toEqual(['paid', 'paid', 'paid', 'paid']);
    const paidEvents = await world.api.connection
      .collection('order_events')
      .find({ orderId: { $in: orders.map((o) => String(o['_id'])) }, to: 'paid' })
      .toArray();
    expect(paidEvents).toHaveLength(4);
  }, 120_000);
});
