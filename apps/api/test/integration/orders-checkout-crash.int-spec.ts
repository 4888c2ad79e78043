import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Redis } from 'ioredis';
import type { ApiError } from '@nss/contracts';
import { ProductWriter } from '@nss/catalog-api';
import { CheckoutRepair, CheckoutsRepository } from '@nss/orders-api';
import { DataScope, IDEMPOTENCY_LEASE_MS, idempotencyRedisKey, lockKey, REDIS, requestHash } from '@nss/server-core';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anIdempotencyKey, aShop, checkout, HANOI_ADDRESS, stockOf, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * A checkout interrupted at the worst moments (what the fault suite found with a FerretDB restart and an API killed
 * mid-request), on the real FerretDB and Redis: the stock taken comes back exactly once, and a retry with the same
 * Idempotency-Key never makes a second checkout.
 */
describe('checkout interrupted by a failure or a dead process (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let buyer: CreatedAccount;
  let checkouts: CheckoutsRepository;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    buyer = await anAccount().create(api);
    checkouts = api.app.get(CheckoutsRepository);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** The checkout update that marks a line `taken` (right after its stock was taken). */
  const isMarkOfTake = (update: unknown) => Boolean((update as { $set?: { reservations?: unknown } }).$set?.reservations);
  /** The checkout update that finishes it (after its orders were written). */
  const isFinish = (update: unknown) => Boolean((update as { $set?: { orderIds?: unknown } }).$set?.orderIds);

  /** Ages a checkout past the sweep's threshold (a crash long ago). */
  async function ageCheckout(id: Types.ObjectId): Promise<void> {
    const past = new Date(Date.now() - 10 * 60_000);
    await api.connection.collection('checkouts').updateOne({ _id: id }, { $set: { createdAt: past, updatedAt: past } });
  }

  it('a keyed take happens at most once and is returned at most once, even when tried concurrently', async () => {
    const tea = await aListing(api, shop, { stock: 5 });
    const writer = api.app.get(ProductWriter);
    const scope = DataScope.platform('test: keyed stock takes');
    // 8 tries of one key at once (a retried take): one takes, the others find it held.
    const same = await Promise.all(Array.from({ length: 8 }, () => writer.takeStockHeld(scope, tea.id, 2, 'take:c1:p').catch(() => 'busy' as const)));
    expect(same.filter((o) => o === 'taken')).toHaveLength(1);
    expect(await stockOf(api, tea.id)).toBe(3);
    expect(await writer.isHeld(scope, tea.id, 'take:c1:p')).toBe(true);
    // Distinct keys never oversell.
    const others = await Promise.all(Array.from({ length: 6 }, (_, i) => writer.takeStockHeld(scope, tea.id, 1, `take:c${i + 2}:p`).catch(() => 'busy' as const)));
    expect(others.filter((o) => o === 'taken')).toHaveLength(3);
    expect(others.filter((o) => o === 'short').length + others.filter((o) => o === 'busy').length).toBe(3);
    expect(await stockOf(api, tea.id)).toBe(0);
    // Returned once, however often tried; a key never taken returns nothing.
    const returns = await Promise.all(Array.from({ length: 4 }, () => writer.returnStockHeld(scope, tea.id, 2, 'take:c1:p').catch(() => false)));
    expect(returns.filter(Boolean)).toHaveLength(1);
    expect(await writer.returnStockHeld(scope, tea.id, 2, 'take:never:p')).toBe(false);
    expect(await stockOf(api, tea.id)).toBe(2);
    expect(await writer.isHeld(scope, tea.id, 'take:c1:p')).toBe(false);
    // A settled take keeps its stock and forgets its key.
    const kept = `take:c${others.indexOf('taken') + 2}:p`;
    expect(await writer.isHeld(scope, tea.id, kept)).toBe(true);
    await writer.settleHold(scope, tea.id, kept);
    expect(await writer.isHeld(scope, tea.id, kept)).toBe(false);
    expect(await writer.returnStockHeld(scope, tea.id, 1, kept)).toBe(false);
    expect(await stockOf(api, tea.id)).toBe(2);
  });

  it('returns the stock once when the checkout fails between taking a line and marking it taken (database gone)', async () => {
    const tea = await aListing(api, shop, { stock: 10 });
    const original = checkouts.update.bind(checkouts);
    jest.spyOn(checkouts, 'update').mockImplementation(async (scope, id, update) => {
      if (isMarkOfTake(update)) throw new Error('connection closed (FerretDB restarting)');
      return original(scope, id, update);
    });
    const res = await checkout(api, buyer, { items: [{ productId: tea.id, quantity: 3 }] });
    expect(res.status).toBe(500);
    jest.restoreAllMocks();
    // The failure path returned what was taken although the line was never marked.
    expect(await stockOf(api, tea.id)).toBe(10);
    const failed = await api.connection.collection('checkouts').findOne({ 'reservations.productId': tea.id });
    expect(failed).toMatchObject({ state: 'cancelled', closedReason: 'reservation_failed' });
    // Nothing is returned a second time, whoever tries again.
    await api.connection.collection('checkouts').updateOne({ _id: failed!['_id'] }, { $set: { state: 'reserving' } });
    await ageCheckout(failed!['_id'] as Types.ObjectId);
    await api.app.get(CheckoutRepair).repairStale();
    expect(await stockOf(api, tea.id)).toBe(10);
    // The product can be bought in full again.
    expect((await checkout(api, buyer, { items: [{ productId: tea.id, quantity: 10 }] })).status).toBe(201);
    expect(await stockOf(api, tea.id)).toBe(0);
  });

  it('returns the stock once when the process dies between taking a line and marking it taken (the sweep repairs)', async () => {
    const tea = await aListing(api, shop, { stock: 10 });
    const rice = await aListing(api, shop, { stock: 10 });
    const [low, high] = [tea.id, rice.id].sort() as [string, string];
    // The process "dies" right after the stock of the second line was taken: its request never goes on.
    let resume!: () => void;
    const dead = new Promise<void>((resolve) => (resume = resolve));
    let marks = 0;
    const original = checkouts.update.bind(checkouts);
    jest.spyOn(checkouts, 'update').mockImplementation(async (scope, id, update) => {
      if (isMarkOfTake(update) && ++marks === 2) {
        await dead;
        throw new Error('process killed');
      }
      return original(scope, id, update);
    });
    const pending = checkout(api, buyer, { items: [{ productId: low, quantity: 2 }, { productId: high, quantity: 3 }] });
    const left = await waitFor(() => api.connection.collection('checkouts').findOne({ 'reservations.productId': high, state: 'reserving' }), () => marks === 2);
    expect(await stockOf(api, low)).toBe(8);
    expect(await stockOf(api, high)).toBe(7);
    // What the dead process left: line 1 marked taken, line 2 taken but not marked.
    expect(left!['reservations']).toEqual([expect.objectContaining({ productId: low, taken: true }), expect.objectContaining({ productId: high, taken: false })]);

    await ageCheckout(left!['_id'] as Types.ObjectId);
    expect(await api.app.get(CheckoutRepair).repairStale()).toBeGreaterThanOrEqual(1);
    expect(await stockOf(api, low)).toBe(10);
    expect(await stockOf(api, high)).toBe(10);
    expect(await api.connection.collection('checkouts').findOne({ _id: left!['_id'] })).toMatchObject({ state: 'cancelled', closedReason: 'interrupted' });

    // The "dead" request wakes up and fails: its failure path returns nothing a second time.
    resume();
    expect((await pending).status).toBe(500);
    await api.app.get(CheckoutRepair).repairStale();
    expect(await stockOf(api, low)).toBe(10);
    expect(await stockOf(api, high)).toBe(10);
  });

  it('a retry with the same key after the process died (orders written, checkout unfinished) finishes that checkout, never a second', async () => {
    const tea = await aListing(api, shop, { stock: 10 });
    const key = anIdempotencyKey();
    const body = { paymentMethod: 'cod' as const, items: [{ productId: tea.id, quantity: 2 }], address: HANOI_ADDRESS };
    const original = checkouts.update.bind(checkouts);
    jest.spyOn(checkouts, 'update').mockImplementation(async (scope, id, update) => {
      if (isFinish(update)) throw new Error('process killed');
      return original(scope, id, update);
    });
    expect((await checkout(api, buyer, body, key)).status).toBe(500);
    jest.restoreAllMocks();
    const left = await api.connection.collection('checkouts').findOne({ 'reservations.productId': tea.id });
    expect(left).toMatchObject({ state: 'reserving' });
    const leftId = (left!['_id'] as Types.ObjectId).toHexString();
    expect(await api.connection.collection('orders').countDocuments({ checkoutId: leftId })).toBe(1);

    // A killed process answers nothing and releases nothing: its key's claim (and its request's lock) stay in Redis
    // until their leases run out.
    const redis = api.app.get<Redis>(REDIS);
    const claim = idempotencyRedisKey('checkout', `u:${buyer.user.id}`, key);
    const hash = requestHash('POST', '/api/checkout', body);
    await redis.set(claim, JSON.stringify({ state: 'running', hash, owner: 'dead-process' }), 'PX', IDEMPOTENCY_LEASE_MS);
    const requestLock = lockKey('checkout-request', `${buyer.user.id}:${createHash('sha256').update(key).digest('hex')}`);
    await redis.set(requestLock, randomBytes(8).toString('hex'), 'PX', 5_000);

    const early = await checkout(api, buyer, body, key);
    expect(early.status).toBe(409);
    expect((early.body as unknown as ApiError).code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');

    // Within seconds of the death, the retry finds the first checkout and finishes it.
    const started = Date.now();
    let retry = early;
    while (retry.status === 409 && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      retry = await checkout(api, buyer, body, key);
    }
    expect(retry.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(retry.body.checkoutId).toBe(leftId);
    expect(retry.body.orders).toHaveLength(1);
    expect(await api.connection.collection('checkouts').countDocuments({ 'reservations.productId': tea.id })).toBe(1);
    expect(await api.connection.collection('orders').countDocuments({ 'lines.productId': tea.id })).toBe(1);
    expect(await api.connection.collection('checkouts').findOne({ _id: left!['_id'] })).toMatchObject({ state: 'settled' });
    expect(await stockOf(api, tea.id)).toBe(8);
    // The order's creation event is there once (the sweep or another retry adds nothing).
    expect(await api.connection.collection('order_events').countDocuments({ orderId: retry.body.orders[0]!.id, type: 'order.created' })).toBe(1);
    const again = await checkout(api, buyer, body, key);
    expect(again.status).toBe(201);
    expect(again.body.checkoutId).toBe(leftId);
    expect(await api.connection.collection('orders').countDocuments({ 'lines.productId': tea.id })).toBe(1);
  });

  it('a retry with the same key after a failure that left the checkout reserving repairs it and checks out once', async () => {
    const tea = await aListing(api, shop, { stock: 10 });
    const key = anIdempotencyKey();
    const body = { paymentMethod: 'cod' as const, items: [{ productId: tea.id, quantity: 4 }], address: HANOI_ADDRESS };
    const original = checkouts.update.bind(checkouts);
    jest.spyOn(checkouts, 'update').mockImplementation(async (scope, id, update) => {
      // The database fails after the take: the mark and the closing of the checkout never land.
      if (isMarkOfTake(update) || (update as { $set?: { state?: string } }).$set?.state === 'cancelled') throw new Error('process killed');
      return original(scope, id, update);
    });
    const first = await checkout(api, buyer, body, key);
    expect(first.status).toBe(500);
    jest.restoreAllMocks();

    const retry = await checkout(api, buyer, body, key);
    expect(retry.status).toBe(201);
    // One live checkout and one order for the key; the stock taken once.
    const all = await api.connection.collection('checkouts').find({ 'reservations.productId': tea.id }).toArray();
    expect(all.filter((c) => c['state'] !== 'cancelled')).toHaveLength(1);
    expect(await api.connection.collection('orders').countDocuments({ 'lines.productId': tea.id })).toBe(1);
    expect(await stockOf(api, tea.id)).toBe(6);
    const replay = await checkout(api, buyer, body, key);
    expect(replay.body.checkoutId).toBe(retry.body.checkoutId);
    await Promise.all(all.map((c) => ageCheckout(c['_id'] as Types.ObjectId)));
    await api.app.get(CheckoutRepair).repairStale();
    expect(await stockOf(api, tea.id)).toBe(6);
  });
});

/** Polls `read` until `ready()` and a value (10 s at most). */
async function waitFor<T>(read: () => Promise<T | null>, ready: () => boolean): Promise<T | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = ready() ? await read() : null;
    if (value || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
