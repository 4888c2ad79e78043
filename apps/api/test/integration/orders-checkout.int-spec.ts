import { Types } from 'mongoose';
import { ProductWriter } from '@nss/catalog-api';
import type { AddressInfo } from 'node:net';
import type { ApiError, CheckoutResult, Order } from '@nss/contracts';
import { CheckoutRepair, OrderPayments } from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anIdempotencyKey, aShop, checkout, HANOI_ADDRESS, stockOf, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/** Checkout on the real FerretDB and Redis: server pricing, one order per seller, stock reservation, idempotency. */
describe('checkout (real database and Redis)', () => {
  let api: TestApi;
  let shopA: SellerWithAgent;
  let shopB: SellerWithAgent;
  let buyer: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    [shopA, shopB] = [await aShop(api), await aShop(api, { provinceCode: '04', communeCode: '01273' })];
    buyer = await anAccount().create(api);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('prices on the server, makes one order per seller with the shipping fee of each, and takes the stock', async () => {
    const tea = await aListing(api, shopA, { stock: 10, priceVnd: 120_000, netWeightGrams: 1500 });
    const rice = await aListing(api, shopB, { stock: 10, priceVnd: 600_000, netWeightGrams: 5000 });
    const res = await checkout(api, buyer, { paymentMethod: 'vnpay', items: [{ productId: tea.id, quantity: 2 }, { productId: rice.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    const result = res.body;
    expect(result.code).toMatch(/^TT[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(result.orders).toHaveLength(2);
    const a = result.orders.find((o) => o.sellerId === shopA.seller.seller.id)!;
    const b = result.orders.find((o) => o.sellerId === shopB.seller.seller.id)!;
    // Thái Nguyên → Hà Nội: same region (north), 3 kg: 25 000 + 3 × 5 000.
    expect(a).toMatchObject({ itemsTotalVnd: 240_000, shippingFeeVnd: 40_000, totalVnd: 280_000, state: 'awaiting_payment', paymentStatus: 'unpaid' });
    // Cao Bằng → Hà Nội: same region, but 600 000 ≥ 500 000: free.
    expect(b).toMatchObject({ itemsTotalVnd: 600_000, shippingFeeVnd: 0, totalVnd: 600_000 });
    expect(a.code).toMatch(/^DH/);
    expect(result.totalVnd).toBe(880_000);
    expect(new Date(result.expiresAt!).getTime() - Date.now()).toBeGreaterThan(800_000);
    expect(await stockOf(api, tea.id)).toBe(8);
    expect(await stockOf(api, rice.id)).toBe(9);

    const order = await api.request<Order>({ method: 'GET', url: `/api/orders/${a.id}`, token: buyer.accessToken });
    expect(order.status).toBe(200);
    expect(order.body.lines).toEqual([expect.objectContaining({ productId: tea.id, unitPriceVnd: 120_000, quantity: 2, lineTotalVnd: 240_000, lotCode: null, stampSerials: [] })]);
    expect(order.body.shippingAddress).toMatchObject({ provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeName: 'Phường Ba Đình' });
    expect(order.body.history).toEqual([expect.objectContaining({ from: null, to: 'awaiting_payment', actorUserId: buyer.user.id, actorRole: 'buyer' })]);

    const stored = await api.connection.collection('orders').findOne({ code: a.code });
    expect(stored).toMatchObject({ provinceCode: '19', buyerProvinceCode: '01', buyerCommuneCode: '00004', adminEra: '2025', dayVn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), monthVn: expect.stringMatching(/^\d{4}-\d{2}$/) });
    const events = await api.connection.collection('order_events').find({ orderId: a.id }).toArray();
    expect(events).toEqual([expect.objectContaining({ key: `state:${a.id}:1`, type: 'order.created', to: 'awaiting_payment', provinceCode: '19', buyerProvinceCode: '01', dispatchedAt: null })]);

    const payable = await api.app.get(OrderPayments).getCheckoutByCode(result.code);
    expect(payable).toMatchObject({ checkoutId: result.checkoutId, totalVnd: 880_000, state: 'awaiting_payment', paymentMethod: 'vnpay' });
  });

  it('puts each seller\u2019s note on that seller\u2019s order only, shown to the buyer and the seller; ≤ 500 characters', async () => {
    const tea = await aListing(api, shopA, { stock: 10 });
    const rice = await aListing(api, shopB, { stock: 10 });
    const items = [{ productId: tea.id, quantity: 1 }, { productId: rice.id, quantity: 1 }];
    const sellerA = shopA.seller.seller.id;
    const sellerB = shopB.seller.seller.id;

    const tooLong = await checkout(api, buyer, { paymentMethod: 'cod', items, notes: { [sellerA]: 'x'.repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as unknown as ApiError).issues?.map((i) => i.path)).toEqual([`notes.${sellerA}`]);
    const stranger = await checkout(api, buyer, { paymentMethod: 'cod', items: [items[0]!], notes: { [sellerB]: 'Giao buổi sáng' } });
    expect(stranger.status).toBe(400);
    expect((stranger.body as unknown as ApiError).issues?.[0]?.path).toBe(`notes.${sellerB}`);
    expect((await checkout(api, buyer, { paymentMethod: 'cod', items, notes: { 'not-a-seller': 'x' } })).status).toBe(400);
    // Nothing was taken by the refused checkouts.
    expect(await stockOf(api, tea.id)).toBe(10);

    const note = '  Gọi trước khi giao, cổng xanh số 12. '.padEnd(2 + 500, '.');
    const res = await checkout(api, buyer, { paymentMethod: 'cod', items, notes: { [sellerA]: note, [sellerB]: '   ' } });
    expect(res.status).toBe(201);
    const orderA = res.body.orders.find((o) => o.sellerId === sellerA)!;
    const orderB = res.body.orders.find((o) => o.sellerId === sellerB)!;
    const asBuyer = await api.request<Order>({ method: 'GET', url: `/api/orders/${orderA.id}`, token: buyer.accessToken });
    expect(asBuyer.body.note).toBe(note.trim());
    expect(asBuyer.body.note).toHaveLength(500);
    const asSeller = await api.request<Order>({ method: 'GET', url: `/api/orders/${orderA.id}`, token: shopA.agent.accessToken });
    expect(asSeller.status).toBe(200);
    expect(asSeller.body.note).toBe(note.trim());
    // The other seller's order carries no note (a blank one is none), and that seller cannot read A's order.
    expect((await api.request<Order>({ method: 'GET', url: `/api/orders/${orderB.id}`, token: shopB.agent.accessToken })).body.note).toBeNull();
    expect((await api.request({ method: 'GET', url: `/api/orders/${orderA.id}`, token: shopB.agent.accessToken })).status).toBe(404);
    expect(await api.connection.collection('orders').countDocuments({ checkoutId: res.body.checkoutId, note: { $ne: null } })).toBe(1);
  });

  it('refuses a client-sent price, total, status or seller id (400), and a bad address', async () => {
    const tea = await aListing(api, shopA);
    const item = { productId: tea.id, quantity: 1 };
    for (const extra of [{ totalVnd: 1 }, { status: 'paid' }, { sellerId: shopA.seller.seller.id }, { shippingFeeVnd: 0 }]) {
      const res = await checkout(api, buyer, { items: [item], ...extra });
      expect(res.status).toBe(400);
    }
    const priced = await checkout(api, buyer, { items: [{ ...item, unitPriceVnd: 1 } as typeof item] });
    expect(priced.status).toBe(400);
    expect((priced.body as unknown as ApiError).issues?.[0]?.path).toContain('items');
    const wrongCommune = await checkout(api, buyer, { items: [item], address: { ...HANOI_ADDRESS, communeCode: '05503' } });
    expect(wrongCommune.status).toBe(400);
    expect((wrongCommune.body as unknown as ApiError).issues?.[0]?.path).toBe('address.communeCode');
    const both = await checkout(api, buyer, { items: [item], addressId: '0123456789abcdef01234567' });
    expect(both.status).toBe(400);
    const noKey = await api.request({ method: 'POST', url: '/api/checkout', token: buyer.accessToken, body: { address: HANOI_ADDRESS, paymentMethod: 'cod', items: [item] } });
    expect(noKey.status).toBe(400);
    expect((noKey.body as ApiError).code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await stockOf(api, tea.id)).toBe(10);
  });

  it('replays a retried checkout (same key and body) without a second order, 422 for another body', async () => {
    const tea = await aListing(api, shopA, { stock: 5 });
    const key = anIdempotencyKey();
    const body = { paymentMethod: 'cod' as const, items: [{ productId: tea.id, quantity: 2 }] };
    // A body refused by validation leaves the key free for the corrected request.
    expect((await checkout(api, buyer, { ...body, paymentMethod: 'cheque' } as never, key)).status).toBe(400);
    const first = await checkout(api, buyer, body, key);
    const again = await checkout(api, buyer, body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await stockOf(api, tea.id)).toBe(3);
    expect(await api.connection.collection('orders').countDocuments({ checkoutId: first.body.checkoutId })).toBe(1);
    const other = await checkout(api, buyer, { ...body, items: [{ productId: tea.id, quantity: 1 }] }, key);
    expect(other.status).toBe(422);
    expect((other.body as unknown as ApiError).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another buyer's identical key is theirs alone.
    const someone = await anAccount().create(api);
    expect((await checkout(api, someone, body, key)).status).toBe(201);
  });

  it('returns the earlier reservations when a later line is out of stock (409 naming the product)', async () => {
    const plenty = await aListing(api, shopA, { stock: 10 });
    const scarce = await aListing(api, shopB, { stock: 1 });
    const res = await checkout(api, buyer, { items: [{ productId: plenty.id, quantity: 3 }, { productId: scarce.id, quantity: 2 }] });
    expect(res.status).toBe(409);
    const error = res.body as unknown as ApiError;
    expect(['OUT_OF_STOCK']).toContain(error.code);
    expect(error.issues?.[0]?.path).toBe(`items.${scarce.id}`);
    expect(await stockOf(api, plenty.id)).toBe(10);
    expect(await stockOf(api, scarce.id)).toBe(1);
  });

  it('compensates when the reservation of a later line fails after the first was taken', async () => {
    const first = await aListing(api, shopA, { stock: 10 });
    const second = await aListing(api, shopA, { stock: 10 });
    // The later line (in the fixed order: by product id) passes the price check, then its stock is gone when it is
    // reserved (someone else bought it meanwhile).
    const [low, high] = [first.id, second.id].sort();
    const writer = api.app.get(ProductWriter);
    const original = writer.takeStockHeld.bind(writer);
    const spy = jest.spyOn(writer, 'takeStockHeld').mockImplementation(async (scope, id, quantity, hold) => (id === high ? 'short' : original(scope, id, quantity, hold)));
    try {
      const res = await checkout(api, buyer, { items: [{ productId: low!, quantity: 4 }, { productId: high!, quantity: 4 }] });
      expect(res.status).toBe(409);
      expect((res.body as unknown as ApiError).code).toBe('OUT_OF_STOCK');
    } finally {
      spy.mockRestore();
    }
    expect(await stockOf(api, low!)).toBe(10);
    const closed = await api.connection.collection('checkouts').find({ buyerUserId: buyer.user.id, state: 'cancelled', closedReason: 'out_of_stock' }).toArray();
    expect(closed.length).toBeGreaterThanOrEqual(1);
  });

  it('repairs a checkout a crash left half-way: the stock it took comes back once', async () => {
    const tea = await aListing(api, shopA, { stock: 10 });
    const checkoutId = new Types.ObjectId();
    // What a crash after taking the stock (and before writing orders) leaves behind.
    await api.connection.collection('products').updateOne({ _id: new Types.ObjectId(tea.id) }, { $inc: { stock: -3 } });
    await api.connection.collection('checkouts').insertOne({
      _id: checkoutId,
      code: 'TTCRASH23456',
      buyerUserId: buyer.user.id,
      paymentMethod: 'cod',
      itemsTotalVnd: 300_000,
      shippingTotalVnd: 0,
      totalVnd: 300_000,
      state: 'reserving',
      expiresAt: null,
      orderIds: [],
      reservations: [{ productId: tea.id, sellerId: shopA.seller.seller.id, quantity: 3, taken: true }],
      createdAt: new Date(Date.now() - 10 * 60_000),
      updatedAt: new Date(Date.now() - 10 * 60_000),
    });
    const repair = api.app.get(CheckoutRepair);
    expect(await repair.repairStale()).toBeGreaterThanOrEqual(1);
    expect(await repair.repairStale()).toBe(0);
    expect(await stockOf(api, tea.id)).toBe(10);
    expect(await api.connection.collection('checkouts').findOne({ _id: checkoutId })).toMatchObject({ state: 'cancelled', closedReason: 'interrupted' });
    // Expiry of the same checkout later returns nothing more.
    expect(await api.app.get(OrderPayments).expireCheckout(checkoutId.toHexString(), new Date())).toBe('already');
    expect(await stockOf(api, tea.id)).toBe(10);
  });

  describe('50 parallel HTTP checkouts for 5 units', () => {
    let baseUrl: string;
    let buyers: CreatedAccount[];

    beforeAll(async () => {
      // A real socket (in this helper's port range): 50 concurrent HTTP requests, not in-process injections.
      await api.app.listen(Number(process.env['ORDERS_TEST_PORT'] ?? 0), '127.0.0.1');
      const address = api.app.getHttpServer().address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${address.port}`;
      buyers = await Promise.all(Array.from({ length: 10 }, () => anAccount().create(api)));
    });

    for (const round of [1, 2, 3]) {
      it(`sell exactly 5 and leave the stock at 0 (round ${round})`, async () => {
        const product = await aListing(api, shopA, { stock: 5 });
        const responses = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const res = await fetch(`${baseUrl}/api/checkout`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${buyers[i % buyers.length]!.accessToken}`, 'idempotency-key': anIdempotencyKey() },
              body: JSON.stringify({ address: HANOI_ADDRESS, paymentMethod: 'cod', items: [{ productId: product.id, quantity: 1 }] }),
            });
            return { status: res.status, body: (await res.json()) as CheckoutResult | ApiError };
          }),
        );
        const created = responses.filter((r) => r.status === 201);
        const refused = responses.filter((r) => r.status === 409);
        expect(created).toHaveLength(5);
        expect(refused).toHaveLength(45);
        expect(refused.every((r) => ['OUT_OF_STOCK', 'BUSY'].includes((r.body as ApiError).code))).toBe(true);
        expect(await stockOf(api, product.id)).toBe(0);
        const orders = await api.connection.collection('orders').countDocuments({ 'lines.productId': product.id });
        expect(orders).toBe(5);
      }, 120_000);
    }
  });
});
