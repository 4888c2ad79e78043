import { Test, type TestingModule } from '@nestjs/testing';
import { Module } from '@nestjs/common';
import { Types } from 'mongoose';
import { InfrastructureModule, ORDER_JOB_NAMES } from '@nss/server-core';
import {
  ORDER_EVENT_CONSUMERS,
  OrderAutoComplete,
  OrderEventDispatcher,
  OrderJobsProcessor,
  OrderPayments,
  OrdersWorkerModule,
  type OrderEventConsumer,
  type OrderEventRecord,
} from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anOrder, aShop, getOrder, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Order events in the worker, on the real database and Redis: the worker's orders module (compiled on the test API's
 * database, its queue consumer not started so it takes no other file's jobs) dispatches events to their consumers
 * once — messages to the buyer and the seller, the seller's first sale — and completes old delivered orders.
 */
describe('order events: dispatch, messages, first sale, auto-completion (real database and Redis)', () => {
  let api: TestApi;
  let worker: TestingModule;
  let dispatcher: OrderEventDispatcher;
  let shop: SellerWithAgent;
  let buyer: CreatedAccount;
  const seen: OrderEventRecord[] = [];
  let failNext = false;

  /** A consumer like the ledger: registered by name, must be idempotent. */
  const probe: OrderEventConsumer = {
    name: 'probe',
    async handle(event) {
      if (failNext) {
        failNext = false;
        throw new Error('probe down');
      }
      seen.push(event);
    },
  };

  beforeAll(async () => {
    api = await startTestApi();
    @Module({ imports: [InfrastructureModule.forRoot(api.config), OrdersWorkerModule] })
    class OrdersWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [OrdersWorkerOnly] }).compile();
    worker.get<OrderEventConsumer[]>(ORDER_EVENT_CONSUMERS).push(probe);
    dispatcher = worker.get(OrderEventDispatcher);
    shop = await aShop(api);
    buyer = await anAccount().create(api);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  async function eventsOf(orderId: string) {
    return api.connection.collection('order_events').find({ orderId }).sort({ at: 1 }).toArray();
  }
  async function dispatchAll(orderId: string) {
    for (const event of await eventsOf(orderId)) await dispatcher.dispatch(String(event['_id']));
  }
  async function messagesTo(phone: string) {
    return api.connection.collection('notification_messages').find({ phone }).sort({ createdAt: 1 }).toArray();
  }

  it('has a handler for every job of the orders queue', () => {
    expect(Object.keys(worker.get(OrderJobsProcessor).handlers).sort()).toEqual([...ORDER_JOB_NAMES].sort());
    const names = worker.get<OrderEventConsumer[]>(ORDER_EVENT_CONSUMERS).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['messages', 'first-sale', 'probe']));
  });

  it('sends the buyer and the seller their messages once per event, and marks the event dispatched', async () => {
    const product = await aListing(api, shop, { stock: 5, priceVnd: 125_000 });
    const { orderId, result } = await anOrder(api, buyer, product, 'vnpay');
    await dispatchAll(orderId);
    await dispatchAll(orderId);
    const buyerPhone = buyer.user.phone;
    const sellerPhone = shop.seller.phone;
    let toBuyer = await messagesTo(buyerPhone);
    expect(toBuyer.map((m) => m['template'])).toEqual(['order.placed']);
    // A prepaid order reaches the seller once paid.
    expect(await messagesTo(sellerPhone)).toEqual([]);
    await api.app.get(OrderPayments).recordPaymentSucceeded(result.checkoutId, { paymentId: 'p', at: new Date() });
    await api.request({ method: 'POST', url: `/api/orders/${orderId}/accept`, token: shop.sellerUser.accessToken, body: {} });
    await api.request({ method: 'POST', url: `/api/orders/${orderId}/pack`, token: shop.sellerUser.accessToken, body: {} });
    await api.request({ method: 'POST', url: `/api/orders/${orderId}/ship`, token: shop.sellerUser.accessToken, body: { carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-555' } });
    await dispatchAll(orderId);
    toBuyer = await messagesTo(buyerPhone);
    expect(toBuyer.map((m) => m['template'])).toEqual(['order.placed', 'order.paid', 'order.accepted', 'order.shipped']);
    expect((await messagesTo(sellerPhone)).map((m) => m['template'])).toEqual(['order.seller_new']);
    const events = await eventsOf(orderId);
    expect(events.every((e) => e['dispatchedAt'] instanceof Date)).toBe(true);
    expect(events.every((e) => (e['consumedBy'] as string[]).includes('messages'))).toBe(true);
    expect(seen.filter((e) => e.orderId === orderId).map((e) => e.type)).toEqual(['order.created', 'order.paid', 'order.accepted', 'order.packed', 'order.shipped']);
    const shipped = seen.find((e) => e.orderId === orderId && e.type === 'order.shipped')!;
    expect(shipped).toMatchObject({ provinceCode: '19', buyerProvinceCode: '01', adminEra: '2025', data: { carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-555' }, actor: { role: 'seller' } });
    expect(shipped.dayVn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('retries only the consumers that failed', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId } = await anOrder(api, buyer, product, 'cod');
    const [created] = await eventsOf(orderId);
    const id = String(created!['_id']);
    failNext = true;
    await expect(dispatcher.dispatch(id)).rejects.toThrow('probe down');
    const half = await api.connection.collection('order_events').findOne({ _id: new Types.ObjectId(id) });
    expect(half?.['dispatchedAt']).toBeNull();
    expect(half?.['consumedBy']).toEqual(expect.arrayContaining(['messages', 'first-sale']));
    expect(await dispatcher.dispatch(id)).toBe('dispatched');
    expect(await dispatcher.dispatch(id)).toBe('already');
    expect(seen.filter((e) => e.id === id)).toHaveLength(1);
    // COD: the seller hears at once; one message each despite the retry.
    expect((await messagesTo(shop.seller.phone)).filter((m) => String(m['key']).startsWith(`state:${orderId}:1:seller`))).toHaveLength(1);
  });

  it('finds undispatched events in the sweep', async () => {
    const product = await aListing(api, shop, { stock: 5 });
    const { orderId } = await anOrder(api, buyer, product, 'cod');
    await api.connection.collection('order_events').updateMany({ orderId }, { $set: { at: new Date(Date.now() - 5 * 60_000) } });
    expect(await dispatcher.sweep()).toBeGreaterThanOrEqual(1);
  });

  it('completes prepaid orders delivered more than ORDER_AUTO_COMPLETE_DAYS ago, and records the first sale once', async () => {
    const fresh = await aShop(api);
    const product = await aListing(api, fresh, { stock: 5 });
    const { orderId, result } = await anOrder(api, buyer, product, 'vnpay');
    await api.app.get(OrderPayments).recordPaymentSucceeded(result.checkoutId, { paymentId: 'p2', at: new Date() });
    for (const [action, body] of [['accept', {}], ['pack', {}], ['ship', { carrier: 'VNPost', trackingCode: 'EMS-1234' }], ['deliver', {}]] as const) {
      expect((await api.request({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token: fresh.sellerUser.accessToken, body })).status).toBe(200);
    }
    const autoComplete = worker.get(OrderAutoComplete);
    expect(await autoComplete.run()).toBe(0);
    await api.connection.collection('orders').updateOne({ _id: new Types.ObjectId(orderId) }, { $set: { deliveredAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect(await autoComplete.run()).toBe(1);
    const order = (await getOrder(api, buyer.accessToken, orderId)).body;
    expect(order.state).toBe('completed');
    expect(order.history.at(-1)).toMatchObject({ actorRole: 'system', reason: 'auto_complete', actorUserId: null });
    await dispatchAll(orderId);
    const seller = await api.connection.collection('sellers').findOne({ _id: new Types.ObjectId(fresh.seller.seller.id) });
    const firstSale = (seller?.['funnel'] as { firstSaleAt?: Date } | undefined)?.firstSaleAt;
    expect(firstSale).toBeInstanceOf(Date);
    await dispatchAll(orderId);
    const again = await api.connection.collection('sellers').findOne({ _id: new Types.ObjectId(fresh.seller.seller.id) });
    expect((again?.['funnel'] as { firstSaleAt?: Date }).firstSaleAt).toEqual(firstSale);
  });
});
