import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { InfrastructureModule } from '@nss/server-core';
import { ORDER_EVENT_CONSUMERS, OrderEventDispatcher, OrderPayments, OrdersWorkerModule, type OrderEventConsumer } from '@nss/orders-api';
import { anAccount } from '../support/accounts.factory';
import { aRefundId, collectCash, deliver } from '../support/ledger.factory';
import { aListing, anOrder, aShop } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The ledger in the worker: the orders worker module (compiled on the test API's database, its queue consumer not
 * started) dispatches real order events to the `seller-ledger` consumer; dispatching again books nothing more.
 */
describe('seller ledger in the worker: order events dispatched to the ledger (real database and Redis)', () => {
  let api: TestApi;
  let worker: TestingModule;
  let dispatcher: OrderEventDispatcher;

  beforeAll(async () => {
    api = await startTestApi();
    @Module({ imports: [InfrastructureModule.forRoot(api.config), OrdersWorkerModule] })
    class OrdersWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [OrdersWorkerOnly] }).compile();
    dispatcher = worker.get(OrderEventDispatcher);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const dispatchAll = async (orderId: string) => {
    const events = await api.connection.collection('order_events').find({ orderId }).sort({ at: 1, _id: 1 }).toArray();
    for (const event of events) await dispatcher.dispatch(String(event['_id']));
  };
  const entriesOf = (sellerId: string) =>
    api.connection.collection('seller_ledger_entries').find({ sellerId }).sort({ at: 1, _id: 1 }).toArray();

  it('registers the ledger with the dispatcher', () => {
    expect(worker.get<OrderEventConsumer[]>(ORDER_EVENT_CONSUMERS).map((c) => c.name)).toContain('seller-ledger');
  });

  it('books a completed COD order once, and its refund once, however often the events are dispatched', async () => {
    const shop = await aShop(api);
    const product = await aListing(api, shop, { priceVnd: 150_000, stock: 10 });
    const buyer = await anAccount().create(api);
    const { orderId, result } = await anOrder(api, buyer, product, 'cod', 2);
    await deliver(api, shop, orderId);
    await dispatchAll(orderId);
    expect(await entriesOf(shop.seller.seller.id)).toEqual([]);

    await collectCash(api, shop, orderId);
    await dispatchAll(orderId);
    await dispatchAll(orderId);
    const order = result.orders[0];
    const items = 300_000;
    const afterSale = await entriesOf(shop.seller.seller.id);
    expect(afterSale.map((e) => [e['key'], e['amountVnd']])).toEqual([
      [`sale:${orderId}`, order?.totalVnd],
      [`commission:${orderId}`, -15_000],
    ]);
    expect(order?.totalVnd).toBeGreaterThanOrEqual(items);

    const refundId = aRefundId();
    await api.app.get(OrderPayments).recordRefunded(orderId, { refundId, amountVnd: order?.totalVnd as number, actor: null, at: new Date() });
    await dispatchAll(orderId);
    await dispatchAll(orderId);
    const all = await entriesOf(shop.seller.seller.id);
    expect(all.map((e) => e['key'])).toEqual([`sale:${orderId}`, `commission:${orderId}`, `refund:${refundId}`, `refund-commission:${refundId}`]);
    expect(all.reduce((t, e) => t + (e['amountVnd'] as number), 0)).toBe(0);
    const events = await api.connection.collection('order_events').find({ orderId }).toArray();
    expect(events.every((e) => e['dispatchedAt'] && (e['consumedBy'] as string[]).includes('seller-ledger'))).toBe(true);
  });
});
