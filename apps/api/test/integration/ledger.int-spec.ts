import type { ApiError, CreatedPayout, Page, Payout, SellerLedger, SellerStatement } from '@nss/contracts';
import { LedgerService } from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aCompletedOrder, aRefundId } from '../support/ledger.factory';
import { aSeller, COMMUNES, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, type TestApi } from '../support/test-api';

describe('Seller ledger, payouts and statements (real database and Redis)', () => {
  let api: TestApi;
  let ledger: LedgerService;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;
  let admin: CreatedAccount;
  let agent: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    ledger = api.app.get(LedgerService);
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
    admin = await anAccount().withRole('admin').create(api);
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const sellerOf = (s: CreatedSeller) => ({ id: s.seller.id, provinceCode: s.seller.address.provinceCode });
  const entriesInDb = (sellerId: string) => api.connection.collection('seller_ledger_entries').find({ sellerId }).toArray();
  const sumInDb = async (sellerId: string) => (await entriesInDb(sellerId)).reduce((t, e) => t + (e['amountVnd'] as number), 0);
  const readLedger = (token: string, query = '') => api.request<SellerLedger>({ method: 'GET', url: `/api/seller/ledger${query}`, token });
  const payout = (token: string, body: Record<string, unknown>) => api.request<CreatedPayout>({ method: 'POST', url: '/api/payouts', token, body });

  it('credits a completed order once (items + shipping) and charges 5 % of the items, whatever the retries', async () => {
    const s = await aSeller().verified().create(api);
    const order = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 180_000, shippingFeeVnd: 35_000 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => ledger.recordOrderCompleted(order)));
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
    expect(await ledger.recordOrderCompleted(order)).toBe('already');

    const rows = await entriesInDb(s.seller.id);
    expect(rows.map((r) => [r['key'], r['kind'], r['amountVnd']]).sort()).toEqual(
      [
        [`commission:${order.orderId}`, 'commission', -9_000],
        [`sale:${order.orderId}`, 'sale', 215_000],
      ].sort(),
    );
    const res = await readLedger(s.sellerToken as string);
    expect(res.status).toBe(200);
    expect(res.body.balanceVnd).toBe(206_000);
    expect(res.body.balanceVnd).toBe(await sumInDb(s.seller.id));
    expect(res.body.entries.total).toBe(2);
    expect(res.body.entries.items.find((e) => e.kind === 'commission')).toMatchObject({
      amountVnd: -9_000,
      commissionBps: 500,
      orderCode: order.orderCode,
      description: `Phí nền tảng 5%, đơn ${order.orderCode}`,
    });
  });

  it('debits a refund only when the sale was credited, gives the commission back pro rata, and books each refund once', async () => {
    const s = await aSeller().verified().create(api);
    // Never completed (refunded before delivery): nothing to debit.
    const cancelled = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 50_000 });
    const notCredited = await ledger.recordRefund({ refundId: aRefundId(), amountVnd: 50_000, at: new Date(), orderId: cancelled.orderId, sellerId: s.seller.id, completedOrder: null });
    expect(notCredited).toBe('not_credited');
    expect(await entriesInDb(s.seller.id)).toEqual([]);

    // Sale 215 000 (items 180 000), commission 9 000; a partial refund of 100 000 delivered four times at once.
    const order = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 180_000, shippingFeeVnd: 35_000 });
    await ledger.recordOrderCompleted(order);
    const first = { refundId: aRefundId(), amountVnd: 100_000, at: new Date(), orderId: order.orderId, sellerId: s.seller.id, completedOrder: order };
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => ledger.recordRefund(first)));
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
    expect(await sumInDb(s.seller.id)).toBe(215_000 - 9_000 - 100_000 + 4_186);

    // The rest (asked for more than is left: only 115 000 is debited) gives back the rest of the commission.
    const rest = { ...first, refundId: aRefundId(), amountVnd: 200_000 };
    expect(await ledger.recordRefund(rest)).toBe('booked');
    expect(await ledger.recordRefund(rest)).toBe('already');
    const rows = await entriesInDb(s.seller.id);
    const byKey = Object.fromEntries(rows.map((r) => [r['key'], r['amountVnd']]));
    expect(byKey).toEqual({
      [`sale:${order.orderId}`]: 215_000,
      [`commission:${order.orderId}`]: -9_000,
      [`refund:${first.refundId}`]: -100_000,
      [`refund-commission:${first.refundId}`]: 4_186,
      [`refund:${rest.refundId}`]: -115_000,
      [`refund-commission:${rest.refundId}`]: 4_814,
    });
    // Fully refunded: the order's net effect on the balance is zero.
    expect(await ledger.balanceOf(s.seller.id)).toBe(0);
    expect((await readLedger(s.sellerToken as string)).body.balanceVnd).toBe(0);
  });

  it('books the sale first when a refund of a completed order is handled before its completion event', async () => {
    const s = await aSeller().verified().create(api);
    const order = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 100_000, shippingFeeVnd: 20_000 });
    const refund = { refundId: aRefundId(), amountVnd: 60_000, at: new Date(), orderId: order.orderId, sellerId: s.seller.id, completedOrder: order };
    expect(await ledger.recordRefund(refund)).toBe('booked');
    expect(await ledger.recordOrderCompleted(order)).toBe('already');
    // 120 000 − 5 000 − 60 000 + ⌊5 000 × 60 000 / 120 000⌋ = 57 500
    expect(await ledger.balanceOf(s.seller.id)).toBe(57_500);
  });

  describe('payouts', () => {
    let s: CreatedSeller;

    beforeAll(async () => {
      s = await aSeller().verified().create(api);
      await ledger.recordOrderCompleted(aCompletedOrder(sellerOf(s), { itemsTotalVnd: 1_000_000 })); // balance 950 000
    });

    it('records a payout by staff of the seller\u2019s province, never above the balance, once per bank reference', async () => {
      const over = await payout(staff19.accessToken, { sellerId: s.seller.id, amountVnd: 950_001, bankReference: 'VCB-0001' });
      expect(over.status).toBe(409);
      expect((over.body as unknown as ApiError).code).toBe('PAYOUT_EXCEEDS_BALANCE');

      const ok = await payout(staff19.accessToken, { sellerId: s.seller.id, amountVnd: 300_000, bankReference: 'VCB-0001', note: 'Chi trả tuần 48' });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ sellerId: s.seller.id, amountVnd: 300_000, bankReference: 'VCB-0001', note: 'Chi trả tuần 48', balanceAfterVnd: 650_000, createdByUserId: staff19.user.id });

      const again = await payout(staff19.accessToken, { sellerId: s.seller.id, amountVnd: 300_000, bankReference: 'VCB-0001' });
      expect(again.status).toBe(409);
      expect((again.body as unknown as ApiError).code).toBe('PAYOUT_DUPLICATE');

      expect((await payout(staff04.accessToken, { sellerId: s.seller.id, amountVnd: 1_000, bankReference: 'X-1' })).status).toBe(404);
      expect((await payout(s.sellerToken as string, { sellerId: s.seller.id, amountVnd: 1_000, bankReference: 'X-2' })).status).toBe(403);
      expect(await ledger.balanceOf(s.seller.id)).toBe(650_000);

      const bad = await payout(admin.accessToken, { sellerId: s.seller.id, amountVnd: 10.5, bankReference: '' });
      expect(bad.status).toBe(400);
      expect((bad.body as unknown as ApiError).issues?.map((i) => i.path).sort()).toEqual(['amountVnd', 'bankReference']);
      expect((await payout(admin.accessToken, { sellerId: s.seller.id, amountVnd: 1_000, bankReference: 'A-1', balanceVnd: 0 })).status).toBe(400);

      const list19 = await api.request<Page<Payout>>({ method: 'GET', url: `/api/payouts?sellerId=${s.seller.id}`, token: staff19.accessToken });
      expect(list19.status).toBe(200);
      expect(list19.body.items).toEqual([expect.objectContaining({ id: ok.body.id, amountVnd: 300_000, sellerName: s.seller.displayName })]);
      const list04 = await api.request<Page<Payout>>({ method: 'GET', url: `/api/payouts?sellerId=${s.seller.id}`, token: staff04.accessToken });
      expect(list04.body.items).toEqual([]);
    });

    it('lets one of two concurrent payouts through when each fits the balance but both do not', async () => {
      for (let round = 0; round < 3; round++) {
        const t = await aSeller().verified().create(api);
        await ledger.recordOrderCompleted(aCompletedOrder(sellerOf(t), { itemsTotalVnd: 200_000 })); // 190 000
        const results = await Promise.all([
          payout(staff19.accessToken, { sellerId: t.seller.id, amountVnd: 120_000, bankReference: `R${round}-A` }),
          payout(admin.accessToken, { sellerId: t.seller.id, amountVnd: 120_000, bankReference: `R${round}-B` }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(await ledger.balanceOf(t.seller.id)).toBe(70_000);
        expect(await sumInDb(t.seller.id)).toBe(70_000);
      }
    });
  });

  it('shows a managed seller\u2019s ledger to its agent only, and any seller\u2019s to staff of its province and admins', async () => {
    const managed = await aSeller().byAgent(agent).verified().create(api);
    const other = await aSeller().inCommune(COMMUNES.thucPhan.provinceCode, COMMUNES.thucPhan.communeCode).verified().create(api);
    await ledger.recordOrderCompleted(aCompletedOrder(sellerOf(managed), { itemsTotalVnd: 40_000 }));

    const asAgent = await readLedger(agent.accessToken, `?sellerId=${managed.seller.id}`);
    expect(asAgent.status).toBe(200);
    expect(asAgent.body).toMatchObject({ sellerId: managed.seller.id, balanceVnd: 38_000 });
    const missing = await readLedger(agent.accessToken);
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ApiError).issues?.[0]?.path).toBe('sellerId');
    expect((await readLedger(agent.accessToken, `?sellerId=${other.seller.id}`)).status).toBe(403);
    expect((await readLedger(other.sellerToken as string, `?sellerId=${managed.seller.id}`)).status).toBe(403);

    const staffRead = (token: string, sellerId: string) => api.request<SellerLedger>({ method: 'GET', url: `/api/sellers/${sellerId}/ledger?kind=sale`, token });
    expect((await staffRead(staff19.accessToken, managed.seller.id)).body).toMatchObject({ balanceVnd: 38_000, entries: { total: 1 } });
    expect((await staffRead(staff04.accessToken, managed.seller.id)).status).toBe(404);
    expect((await staffRead(admin.accessToken, managed.seller.id)).status).toBe(200);
    expect((await staffRead(staff19.accessToken, '0123456789abcdef01234567')).status).toBe(404);
  });

  it('cuts monthly statements at midnight Vietnam time, continues each month from the last, and exports CSV with a BOM', async () => {
    const s = await aSeller().verified().create(api);
    const token = s.sellerToken as string;
    // 23:59:59 on 31 October in Hà Nội, then 00:00 on 1 November, then 23:59 on 30 November and 00:00 on 1 December.
    const lastOfOctober = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 100_000, completedAt: new Date('2026-10-31T16:59:59.000Z') });
    const firstOfNovember = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 200_000, shippingFeeVnd: 30_000, completedAt: new Date('2026-10-31T17:00:00.000Z') });
    const endOfNovember = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 60_000, completedAt: new Date('2026-11-30T16:59:00.000Z') });
    const december = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 10_000, completedAt: new Date('2026-11-30T17:00:00.000Z') });
    for (const o of [lastOfOctober, firstOfNovember, endOfNovember, december]) await ledger.recordOrderCompleted(o);
    await ledger.recordRefund({ refundId: aRefundId(), amountVnd: 30_000, at: new Date('2026-11-15T03:00:00.000Z'), orderId: firstOfNovember.orderId, sellerId: s.seller.id, completedOrder: firstOfNovember });

    const get = (month: string) => api.request<SellerStatement>({ method: 'GET', url: `/api/seller/statements/${month}`, token });
    const october = await get('2026-10');
    const november = await get('2026-11');
    const dec = await get('2026-12');
    expect(november.status).toBe(200);
    expect(october.body).toMatchObject({ openingBalanceVnd: 0, closingBalanceVnd: 95_000 });
    expect(november.body).toMatchObject({
      month: '2026-11',
      from: '2026-10-31T17:00:00.000Z',
      to: '2026-11-30T17:00:00.000Z',
      openingBalanceVnd: 95_000,
      // ⌊10 000 × 30 000 / 230 000⌋ = 1 304 back
      totals: { sale: 290_000, commission: -13_000, refund: -30_000, refund_commission: 1_304, payout: 0 },
      closingBalanceVnd: 95_000 + 290_000 - 13_000 - 30_000 + 1_304,
    });
    expect(november.body.entries.map((e) => e.kind)).toEqual(['sale', 'commission', 'refund', 'refund_commission', 'sale', 'commission']);
    expect(november.body.entries.at(-1)?.balanceAfterVnd).toBe(november.body.closingBalanceVnd);
    expect(dec.body.openingBalanceVnd).toBe(november.body.closingBalanceVnd);
    expect(dec.body.closingBalanceVnd).toBe(await ledger.balanceOf(s.seller.id));

    const csv = await api.request<string>({ method: 'GET', url: '/api/seller/statements/2026-11.csv', token });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sao-ke-2026-11.csv"');
    const text = String(csv.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Thời điểm (giờ Việt Nam),Loại,Mã đơn hàng,Diễn giải,Ghi chú,Số tiền (đồng),Số dư sau (đồng)');
    expect(lines).toHaveLength(1 + 1 + 6 + 1);
    expect(lines[2]).toMatch(/^01\/11\/2026 00:00,Bán hàng,DH/);
    expect(lines.at(-1)).toBe(`01/12/2026 00:00,Số dư cuối kỳ,,,,,${november.body.closingBalanceVnd}`);

    const bad = await get('2026-13');
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ApiError).issues?.[0]?.path).toBe('month');
    expect((await api.request({ method: 'GET', url: '/api/seller/statements/2026-13.csv', token })).status).toBe(400);
    expect((await api.request({ method: 'GET', url: '/api/seller/statements/2026-11', token: staff19.accessToken })).status).toBe(403);
  });

  it('gives staff of the seller\u2019s province and admins its monthly statement and CSV, the same as the seller\u2019s; others 404', async () => {
    const s = await aSeller().verified().create(api);
    const october = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 80_000, completedAt: new Date('2026-10-10T03:00:00.000Z') });
    const november = aCompletedOrder(sellerOf(s), { itemsTotalVnd: 150_000, shippingFeeVnd: 25_000, completedAt: new Date('2026-11-05T02:00:00.000Z') });
    for (const o of [october, november]) await ledger.recordOrderCompleted(o);
    await ledger.recordRefund({ refundId: aRefundId(), amountVnd: 50_000, at: new Date('2026-11-20T08:00:00.000Z'), orderId: november.orderId, sellerId: s.seller.id, completedOrder: november });

    const url = (sellerId: string, month = '2026-11', csv = false) => `/api/sellers/${sellerId}/statements/${month}${csv ? '.csv' : ''}`;
    const own = await api.request<SellerStatement>({ method: 'GET', url: '/api/seller/statements/2026-11', token: s.sellerToken as string });
    const asStaff = await api.request<SellerStatement>({ method: 'GET', url: url(s.seller.id), token: staff19.accessToken });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body).toEqual(own.body);
    expect(asStaff.body).toMatchObject({ sellerId: s.seller.id, month: '2026-11', openingBalanceVnd: 76_000, totals: { sale: 175_000, commission: -7_500, refund: -50_000 } });
    expect((await api.request<SellerStatement>({ method: 'GET', url: url(s.seller.id), token: admin.accessToken })).body).toEqual(own.body);

    const csv = await api.request<string>({ method: 'GET', url: url(s.seller.id, '2026-11', true), token: staff19.accessToken });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sao-ke-2026-11-${s.seller.id}.csv"`);
    const text = String(csv.body);
    expect(text).toBe(String((await api.request<string>({ method: 'GET', url: '/api/seller/statements/2026-11.csv', token: s.sellerToken as string })).body));
    // Every row of the file says what the JSON says: the opening, each entry with its running balance, the closing.
    const rows = text.slice(1).trim().split('\r\n').map(csvCells);
    const statement = asStaff.body;
    expect(rows).toHaveLength(1 + 1 + statement.entries.length + 1);
    expect(rows[1]?.[1]).toBe('Số dư đầu kỳ');
    expect(Number(rows[1]?.[6])).toBe(statement.openingBalanceVnd);
    statement.entries.forEach((e, i) => {
      const row = rows[2 + i] as string[];
      expect([row[2], row[3], Number(row[5]), Number(row[6])]).toEqual([e.orderCode ?? '', e.description, e.amountVnd, e.balanceAfterVnd]);
    });
    expect(rows.at(-1)?.[1]).toBe('Số dư cuối kỳ');
    expect(Number(rows.at(-1)?.[6])).toBe(statement.closingBalanceVnd);

    // Staff of another province, a seller or agent on the staff route, an unknown seller, a bad month.
    for (const csvFile of [false, true]) {
      expect((await api.request({ method: 'GET', url: url(s.seller.id, '2026-11', csvFile), token: staff04.accessToken })).status).toBe(404);
      expect((await api.request({ method: 'GET', url: url(s.seller.id, '2026-11', csvFile), token: s.sellerToken as string })).status).toBe(403);
      expect((await api.request({ method: 'GET', url: url(s.seller.id, '2026-11', csvFile), token: agent.accessToken })).status).toBe(403);
      expect((await api.request({ method: 'GET', url: url('0123456789abcdef01234567', '2026-11', csvFile), token: staff19.accessToken })).status).toBe(404);
      const bad = await api.request<ApiError>({ method: 'GET', url: url(s.seller.id, '2026-13', csvFile), token: staff19.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.body.issues?.map((i) => i.path)).toEqual(['month']);
    }
  });
});

/** The cells of one CSV row (RFC 4180: quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
