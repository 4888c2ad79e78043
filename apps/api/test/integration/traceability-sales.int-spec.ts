import type { ApiError, LotDetail, Order, Product, TraceRecord } from '@nss/contracts';
import { expandEpcis, validateEpcisSchema } from '@nss/trace-epcis/testing';
import { newSerials } from '@nss/trace-codes';
import { vnDayKey } from '@nss/util-vn';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anOrder, aShop, HANOI_ADDRESS, type SellerWithAgent } from '../support/orders.factory';
import { aStampedLot, DEFAULT_DIARY, withWrongCheckCharacter, type StampedLot } from '../support/scans.factory';
import { startTestApi, type TestApi, type TestResponse } from '../support/test-api';

interface StampRow {
  _id: string;
  soldOrderId: string | null;
  soldAt: Date | null;
}

interface EpcisEventView {
  type: string;
  bizStep?: string;
  action?: string;
  epcList?: string[];
  bizTransactionList?: Array<{ type: string; bizTransaction: string }>;
  quantityList?: Array<{ epcClass: string; quantity?: number }>;
  inputQuantityList?: unknown[];
}

interface EpcisView {
  type: string;
  epcisBody: { eventList: EpcisEventView[] };
}

/** Shipping an order line from a lot with its stamps; the sale on the scan page, the lot and its EPCIS export. */
describe('traceability: lots and stamps sold with orders (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let otherShop: SellerWithAgent;
  let buyer: CreatedAccount;
  let staff: CreatedAccount;
  let tea: Product;
  let rice: Product;
  let otherTea: Product;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    otherShop = await aShop(api);
    buyer = await anAccount().create(api);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    tea = await aListing(api, shop, { stock: 200, name: 'Chè búp Tân Cương' });
    rice = await aListing(api, shop, { stock: 200, name: 'Gạo nếp cái hoa vàng' });
    otherTea = await aListing(api, otherShop, { stock: 200 });
  }, 180_000);
  afterAll(async () => {
    await api.close();
  });

  const sellerToken = () => shop.sellerUser.accessToken;

  function act(token: string, orderId: string, action: string, body: unknown = {}): Promise<TestResponse<Order>> {
    return api.request<Order>({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token, body });
  }

  /** A COD order of `quantity` units, accepted and packed by the seller. */
  async function packedOrder(product: Product, quantity: number, owner: SellerWithAgent = shop): Promise<{ orderId: string; code: string }> {
    const { orderId, result } = await anOrder(api, buyer, product, 'cod', quantity);
    for (const action of ['accept', 'pack']) {
      const res = await act(owner.sellerUser.accessToken, orderId, action);
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { orderId, code: result.orders[0]?.code ?? '' };
  }

  function ship(orderId: string, lines: unknown, token = sellerToken()): Promise<TestResponse<Order>> {
    return act(token, orderId, 'ship', { carrier: 'Giao Hàng Nhanh', trackingCode: 'GHN-20261201', lines });
  }

  async function stamps(serials: string[]): Promise<Map<string, StampRow>> {
    const rows = await api.connection.collection<StampRow>('stamps').find({ _id: { $in: serials } }).toArray();
    return new Map(rows.map((r) => [r._id, r]));
  }

  async function stateOf(orderId: string): Promise<string> {
    const res = await api.request<Order>({ method: 'GET', url: `/api/orders/${orderId}`, token: sellerToken() });
    return res.body.state;
  }

  function issues(res: TestResponse<unknown>): string[] {
    return ((res.body as ApiError).issues ?? []).map((i) => i.path);
  }

  async function epcisOf(lotId: string, token: string): Promise<TestResponse<string>> {
    return api.request<string>({ method: 'GET', url: `/api/lots/${lotId}/epcis`, token });
  }

  it('records the lot and stamps on the shipped line, marks the stamps sold, and the lot, the scan and the export show the sale', async () => {
    const lot = await aStampedLot(api, tea, {
      quantity: 4,
      diary: [...DEFAULT_DIARY, { type: 'processing', at: new Date('2026-05-21T09:00:00Z'), place: 'Xưởng sao chè', communeCode: null, inputs: ['CHE-TUOI-1'] }],
    });
    const { orderId, code } = await packedOrder(tea, 2);
    const [s0, s1, s2] = lot.serials as [string, string, string];
    // Typed as people type them: lower case, grouped with spaces and dashes.
    const typed = `${s0.slice(0, 4).toLowerCase()} ${s0.slice(4, 8)}-${s0.slice(8)}`;
    const before = new Date();
    const res = await ship(orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [typed, s1] }]);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('shipped');
    expect(res.body.lines[0]).toMatchObject({ productId: tea.id, lotId: lot.lotId, lotCode: lot.lotCode, stampSerials: [s0, s1] });

    const rows = await stamps([s0, s1, s2]);
    for (const serial of [s0, s1]) {
      expect(rows.get(serial)?.soldOrderId).toBe(orderId);
      expect(rows.get(serial)?.soldAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    }
    expect(rows.get(s2)?.soldOrderId ?? null).toBeNull();

    // The order event carries the lots (an order whose write died rolls forward to them).
    const event = await api.connection.collection('order_events').findOne({ orderId, type: 'order.shipped' });
    expect(JSON.parse(String((event?.['data'] as Record<string, string>)['lots']))).toEqual([{ productId: tea.id, lotId: lot.lotId, lotCode: lot.lotCode, serials: [s0, s1] }]);

    // The lot's view lists the sale: order code, day, quantity, stamps; nothing of the buyer.
    const today = vnDayKey(new Date());
    const view = await api.request<LotDetail>({ method: 'GET', url: `/api/lots/${lot.lotId}`, token: sellerToken() });
    expect(view.status).toBe(200);
    expect(view.body.sales).toEqual([{ orderId, orderCode: code, productId: tea.id, soldAt: expect.any(String), soldOn: today, quantity: 2, stampCount: 2 }]);
    const staffView = await api.request<LotDetail>({ method: 'GET', url: `/api/lots/${lot.lotId}`, token: staff.accessToken });
    expect(staffView.body.sales.map((s) => s.orderCode)).toEqual([code]);
    for (const personal of [HANOI_ADDRESS.recipientName, HANOI_ADDRESS.phone, HANOI_ADDRESS.street, buyer.actor.userId]) {
      expect(JSON.stringify(view.body)).not.toContain(personal);
    }

    // Scanned later: genuine, sold on that (Vietnam) day; the unsold stamp says nothing of a sale.
    const scanned = await api.request<TraceRecord>({ method: 'GET', url: `/api/trace/${s0}` });
    expect(scanned.status).toBe(200);
    expect(scanned.body.verdict.kind).toBe('genuine_first');
    expect(scanned.body.soldOn).toBe(today);
    expect(JSON.stringify(scanned.body)).not.toContain(HANOI_ADDRESS.recipientName);
    const page = await api.request<string>({ method: 'GET', url: `/t/${s1}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Đã bán ngày ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
    expect(page.body).not.toContain(HANOI_ADDRESS.recipientName);
    const english = await api.request<string>({ method: 'GET', url: `/t/${s1}?lang=en` });
    expect(english.body).toContain(`Sold on ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
    const unsold = await api.request<TraceRecord>({ method: 'GET', url: `/api/trace/${s2}` });
    expect(unsold.body.soldOn).toBeNull();

    // The EPCIS export: commissioning of the stamps, the diary (processing with inputs as a transformation), the shipment.
    const exported = await epcisOf(lot.lotId, sellerToken());
    expect(exported.status).toBe(200);
    expect(String(exported.headers['content-type'])).toMatch(/^application\/ld\+json/);
    const doc = exported.body as unknown as EpcisView;
    expect(doc.type).toBe('EPCISDocument');
    expect(validateEpcisSchema(doc)).toEqual([]);
    await expect(expandEpcis(doc)).resolves.toEqual(expect.any(Array));
    const events = doc.epcisBody.eventList;
    const commissioning = events.filter((e) => e.bizStep === 'commissioning');
    expect(commissioning).toHaveLength(1);
    expect(commissioning[0]?.epcList).toHaveLength(4);
    expect(commissioning[0]?.epcList?.every((url) => url.includes(`/10/${lot.lotCode}/21/`))).toBe(true);
    expect(events.filter((e) => e.type === 'TransformationEvent')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'ObjectEvent' && e.action === 'OBSERVE' && e.bizStep !== 'shipping')).toHaveLength(DEFAULT_DIARY.length);
    const shipping = events.filter((e) => e.bizStep === 'shipping');
    expect(shipping).toHaveLength(1);
    expect(shipping[0]?.bizTransactionList?.[0]).toEqual({ type: 'po', bizTransaction: expect.stringMatching(new RegExp(`/orders/${code}$`)) });
    expect(shipping[0]?.quantityList?.[0]?.quantity).toBe(2);
    expect(shipping[0]?.epcList).toEqual([expect.stringMatching(new RegExp(`/21/${s0}$`)), expect.stringMatching(new RegExp(`/21/${s1}$`))]);
    for (const personal of [HANOI_ADDRESS.recipientName, HANOI_ADDRESS.phone, buyer.actor.userId]) {
      expect(JSON.stringify(doc)).not.toContain(personal);
    }
  });

  it('ships a line from a lot without stamps, and lines not named carry no lot', async () => {
    const lot = await aStampedLot(api, tea, { quantity: 1 });
    const { orderId } = await packedOrder(tea, 3);
    const res = await ship(orderId, [{ productId: tea.id, lotId: lot.lotId }]);
    expect(res.status).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ lotId: lot.lotId, lotCode: lot.lotCode, stampSerials: [] });
    const view = await api.request<LotDetail>({ method: 'GET', url: `/api/lots/${lot.lotId}`, token: sellerToken() });
    expect(view.body.sales).toMatchObject([{ orderId, quantity: 3, stampCount: 0 }]);

    const plain = await packedOrder(tea, 1);
    const noLots = await act(sellerToken(), plain.orderId, 'ship', { carrier: 'GHN', trackingCode: 'GHN-0002' });
    expect(noLots.status).toBe(200);
    expect(noLots.body.lines[0]).toMatchObject({ lotId: null, lotCode: null, stampSerials: [] });
  });

  it('refuses bad lines with 400 naming the field, before anything changes', async () => {
    const lot = await aStampedLot(api, tea, { quantity: 3 });
    const riceLot = await aStampedLot(api, rice, { quantity: 1 });
    const otherLotOfTea = await aStampedLot(api, tea, { quantity: 1 });
    const { orderId } = await packedOrder(tea, 1);
    const [s0, s1] = lot.serials as [string, string];
    const cases: Array<[unknown, string[]]> = [
      [[{ productId: tea.id, lotId: lot.lotId, serials: [withWrongCheckCharacter(s0)] }], ['lines.0.serials.0']],
      [[{ productId: tea.id, lotId: lot.lotId, serials: [s0, s1] }], ['lines.0.serials']],
      [[{ productId: tea.id, lotId: lot.lotId, serials: [s0, s0.toLowerCase()] }], ['lines.0.serials.1']],
      [[{ productId: rice.id, lotId: riceLot.lotId }], ['lines.0.productId']],
      [[{ productId: tea.id, lotId: riceLot.lotId }], ['lines.0.lotId']],
      [[{ productId: tea.id, lotId: lot.lotId, serials: [otherLotOfTea.serials[0]] }], ['lines.0.serials.0']],
      [[{ productId: tea.id, lotId: 'not-an-id' }], ['lines.0.lotId']],
      [[{ productId: tea.id, lotId: lot.lotId, serials: 'ABC' }], ['lines.0.serials']],
      [[{ productId: tea.id, lotId: lot.lotId, extra: 1 }], ['lines.0']],
    ];
    for (const [lines, paths] of cases) {
      const res = await ship(orderId, lines);
      expect({ lines, status: res.status, code: (res.body as unknown as ApiError).code }).toEqual({ lines, status: 400, code: 'VALIDATION_FAILED' });
      expect(issues(res)).toEqual(paths);
    }
    expect(await stateOf(orderId)).toBe('packed');
    const rows = await stamps([...lot.serials, ...otherLotOfTea.serials]);
    expect([...rows.values()].every((r) => (r.soldOrderId ?? null) === null)).toBe(true);
  });

  it("answers 404 for another seller's lot or stamp and for an unknown serial", async () => {
    const lot = await aStampedLot(api, tea, { quantity: 2 });
    const othersLot = await aStampedLot(api, otherTea, { quantity: 2 });
    const { orderId } = await packedOrder(tea, 2);
    const [unknown] = newSerials(1) as [string];
    for (const [lines, path] of [
      [[{ productId: tea.id, lotId: othersLot.lotId }], 'lines.0.lotId'],
      [[{ productId: tea.id, lotId: lot.lotId, serials: [othersLot.serials[0]] }], 'lines.0.serials.0'],
      [[{ productId: tea.id, lotId: lot.lotId, serials: [lot.serials[0], unknown] }], 'lines.0.serials.1'],
    ] as const) {
      const res = await ship(orderId, lines);
      expect(res.status).toBe(404);
      expect(issues(res)).toEqual([path]);
    }
    expect(await stateOf(orderId)).toBe('packed');
    expect((await stamps([...lot.serials, ...othersLot.serials])).get(lot.serials[0] as string)?.soldOrderId ?? null).toBeNull();
  });

  it('refuses inactive, void and already sold stamps with 409, and the same serial on two orders', async () => {
    const lot = await aStampedLot(api, tea, { quantity: 4 });
    const inactive = await aStampedLot(api, tea, { quantity: 1, status: 'inactive' });
    const voided = await aStampedLot(api, tea, { quantity: 1, status: 'void' });
    const first = await packedOrder(tea, 2);
    const second = await packedOrder(tea, 2);
    const [s0, s1, s2, s3] = lot.serials as [string, string, string, string];

    for (const bad of [inactive, voided]) {
      const res = await ship(first.orderId, [{ productId: tea.id, lotId: bad.lotId, serials: [bad.serials[0]] }]);
      expect(res.status).toBe(409);
      expect((res.body as unknown as ApiError).code).toBe('STAMP_UNAVAILABLE');
      expect(issues(res)).toEqual(['lines.0.serials.0']);
    }
    // A good stamp named with a void one of the same lot is not sold either: all are checked before any is marked.
    await api.connection.collection('stamps').updateOne({ _id: s3 as never }, { $set: { status: 'void', voidReason: 'Tem in hỏng' } });
    const mixed = await ship(first.orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [s0, s3] }]);
    expect(mixed.status).toBe(409);
    expect(issues(mixed)).toEqual(['lines.0.serials.1']);
    expect((await stamps([s0])).get(s0)?.soldOrderId ?? null).toBeNull();

    expect((await ship(first.orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [s0, s1] }])).status).toBe(200);
    const again = await ship(second.orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [s2, s1] }]);
    expect(again.status).toBe(409);
    expect(issues(again)).toEqual(['lines.0.serials.1']);
    expect(await stateOf(second.orderId)).toBe('packed');
    const rows = await stamps([s1, s2]);
    expect(rows.get(s1)?.soldOrderId).toBe(first.orderId);
    expect(rows.get(s2)?.soldOrderId ?? null).toBeNull();
    // Shipping the first order again is an illegal transition; its stamps stay sold with it.
    expect((await ship(first.orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [s2] }])).status).toBe(409);
    expect((await stamps([s2])).get(s2)?.soldOrderId ?? null).toBeNull();
  });

  it('lets only one of two orders shipped at once with the same stamp have it', async () => {
    const lot: StampedLot = await aStampedLot(api, tea, { quantity: 1 });
    const a = await packedOrder(tea, 1);
    const b = await packedOrder(tea, 1);
    const serial = lot.serials[0] as string;
    const results = await Promise.all([a, b].map((o) => ship(o.orderId, [{ productId: tea.id, lotId: lot.lotId, serials: [serial] }])));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]?.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((await stamps([serial])).get(serial)?.soldOrderId).toBe(winner.orderId);
    expect(await stateOf(loser.orderId)).toBe('packed');
    const view = await api.request<LotDetail>({ method: 'GET', url: `/api/lots/${lot.lotId}`, token: sellerToken() });
    expect(view.body.sales.map((s) => s.orderId)).toEqual([winner.orderId]);
  });

  it('exports EPCIS to the readers of the lot only', async () => {
    const lot = await aStampedLot(api, tea, { quantity: 1 });
    expect((await epcisOf(lot.lotId, staff.accessToken)).status).toBe(200);
    expect((await epcisOf(lot.lotId, shop.agent.accessToken)).status).toBe(200);
    expect((await epcisOf(lot.lotId, otherShop.sellerUser.accessToken)).status).toBe(404);
    expect((await epcisOf(lot.lotId, buyer.accessToken)).status).toBe(403);
    expect((await epcisOf('0123456789abcdef01234567', sellerToken())).status).toBe(404);
    expect((await epcisOf('nope', sellerToken())).status).toBe(400);
  });
});
