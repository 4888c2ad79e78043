import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Order, PaymentIntent } from '@nss/contracts';
import { AuthCoreModule, InfrastructureModule, QUEUES, checkoutExpireJobId } from '@nss/server-core';
import { PaymentsWorkerModule } from '@nss/payments-api';
import { aCheckout, aPaymentIntent, aShop, eventually, payAtSim, simControls, startPaymentsWorld, stockOf, type PaymentsWorld, type Shop } from '../support/payments.support';

/**
 * The expiry job orders queues at checkout (`checkout.expire` on `checkout-expiry`) is consumed by payments in a worker
 * process context (the payments worker module alone, so this file takes no other file's jobs from the shared Redis).
 */
describe('checkout expiry in the worker (real BullMQ, FerretDB, Redis, VNPay simulator)', () => {
  let world: PaymentsWorld;
  let shop: Shop;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    world = await startPaymentsWorld();
    shop = await aShop(world.api, { stock: 100 });
    @Module({ imports: [InfrastructureModule.forRoot(world.api.config), AuthCoreModule, PaymentsWorkerModule] })
    class ExpiryWorker {}
    worker = await NestFactory.createApplicationContext(ExpiryWorker, { logger: false });
    await worker.init();
    queue = worker.get<Queue>(getQueueToken(QUEUES.checkoutExpiry));
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  const getIntent = (id: string, token: string) => world.api.request<PaymentIntent>({ method: 'GET', url: `/api/payments/${id}`, token });
  const order = async (id: string, token: string) => (await world.api.request<Order>({ method: 'GET', url: `/api/orders/${id}`, token })).body;

  async function dueNow(checkoutId: string): Promise<void> {
    const job = await queue.getJob(checkoutExpireJobId(checkoutId));
    if (!job) throw new Error('no expiry job was queued at checkout');
    expect(await job.getState()).toBe('delayed');
    await job.promote();
  }

  it('expires an unpaid VNPay checkout after asking VNPay: orders cancelled, stock back, intent cancelled', async () => {
    const before = await stockOf(world.api, shop.productId);
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay', { quantity: 3 });
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    expect(await stockOf(world.api, shop.productId)).toBe(before - 3);
    await dueNow(checkout.checkoutId);
    const expired = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'canceled', 15_000);
    expect(expired.body).toMatchObject({ status: 'canceled', reason: 'expired' });
    expect((await order(checkout.orders[0]?.id as string, buyer.accessToken)).state).toBe('cancelled');
    expect(await stockOf(world.api, shop.productId)).toBe(before);
  });

  it('records a payment made at VNPay whose IPN never came instead of expiring it', async () => {
    await simControls(world.sim, { dropIpn: true });
    const { buyer, checkout } = await aCheckout(world.api, shop, 'vnpay');
    const intent = await aPaymentIntent(world.api, buyer, checkout.checkoutId);
    await payAtSim((intent.nextAction as { url: string }).url, 'success');
    await dueNow(checkout.checkoutId);
    const paid = await eventually(() => getIntent(intent.id, buyer.accessToken), (r) => r.body.status === 'succeeded', 15_000);
    expect(paid.body.status).toBe('succeeded');
    expect((await order(checkout.orders[0]?.id as string, buyer.accessToken)).state).toBe('paid');
  });
});
