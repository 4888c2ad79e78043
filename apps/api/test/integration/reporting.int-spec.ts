import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import type { ApiError, Order, Product, ReportCommunesDto, ReportFiguresDto, ReportFunnelDto, ReportSeriesDto, ReportTopDto } from '@nss/contracts';
import { SellerDirectory } from '@nss/onboarding-api';
import { OrderPayments } from '@nss/orders-api';
import { addDays, vnDay, type FigureName } from '@nss/report-figures';
import { ReportIngest, ReportRebuild, ReportingCoreModule, reportRedisKeys } from '@nss/reporting-api';
import { InfrastructureModule, REDIS } from '@nss/server-core';
import { anAccount, aPhone, type CreatedAccount } from '../support/accounts.factory';
import { collectCash, aRefundId, deliver } from '../support/ledger.factory';
import { aSeller, COMMUNES } from '../support/onboarding.factory';
import { aListing, anOrder, aShop, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Province reporting on the real database and Redis: real onboarding, catalogue and order flows write their events,
 * the reporting ingest (the worker's ReportingCoreModule, run by hand here) turns them into deltas and rollups, and
 * the dashboard routes must agree with totals recomputed from the raw records: through cancellations, refunds and a
 * seller verified again after a rejection, and however often the events are read again.
 */
describe('province reporting: rollups from domain events (real FerretDB/MongoDB and Redis)', () => {
  let api: TestApi;
  let worker: TestingModule;
  let ingest: () => Promise<unknown>;
  let shop: SellerWithAgent;
  let listed: Product;
  let staff: CreatedAccount;
  let otherStaff: CreatedAccount;
  let admin: CreatedAccount;
  const today = vnDay(new Date());
  const range = `period=range&from=${addDays(today, -1)}&to=${addDays(today, 1)}`;
  const trainedPhone = aPhone();
  /** This database's reporting keys in Redis (cursors, dirty marks). */
  let keys: ReturnType<typeof reportRedisKeys>;

  beforeAll(async () => {
    api = await startTestApi();
    @Module({ imports: [InfrastructureModule.forRoot(api.config), ReportingCoreModule] })
    class ReportingWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [ReportingWorkerOnly] }).compile();
    keys = reportRedisKeys(api.connection.name);
    const runner = worker.get(ReportIngest);
    ingest = async () => {
      const outcome = await runner.runOnce();
      if (!outcome) throw new Error('the ingest lock was busy');
      return outcome;
    };
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    otherStaff = await anAccount().withRole('province_staff').inProvince('04').create(api);
    admin = await anAccount().withRole('admin').create(api);
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const get = <T>(url: string, token: string) => api.request<T>({ method: 'GET', url, token });
  const figuresOf = async (query: string, token = staff.accessToken): Promise<Record<FigureName, number>> => {
    const res = await get<ReportFiguresDto>(`/api/reports/figures?${query}`, token);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.figures.map((f) => [f.name, f.value])) as Record<FigureName, number>;
  };
  const act = async (orderId: string, action: string, token: string, body?: unknown) => {
    const res = await api.request<Order>({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token, ...(body ? { body } : {}) });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const verify = async (sellerId: string, decision: 'approve' | 'reject') => {
    const res = await api.request({ method: 'POST', url: `/api/sellers/${sellerId}/verify`, token: staff.accessToken, body: decision === 'approve' ? { decision } : { decision, reason: 'Ảnh CCCD không rõ' } });
    expect(res.status).toBe(200);
  };

  /** The same figures recomputed from the raw records of the province (sellers, products, orders, attendances). */
  async function rawTotals(provinceCode: string): Promise<Partial<Record<FigureName, number>>> {
    const db = api.connection;
    const sellers = await db.collection('sellers').find({ provinceCode }).toArray();
    const products = await db.collection('products').find({ provinceCode, listedAt: { $ne: null } }).toArray();
    const orders = await db.collection('orders').find({ provinceCode }).toArray();
    const attendances = await db.collection('training_attendances').find({ provinceCode }).toArray();
    const sold = orders.filter((o) => o['state'] !== 'cancelled' && o['state'] !== 'refunded');
    const lines = (o: (typeof orders)[number]) => (o['lines'] as Array<{ quantity: number; netWeightGrams: number }>).reduce((s, l) => s + l.quantity * l.netWeightGrams, 0);
    const history = (o: (typeof orders)[number]) => (o['history'] ?? o['stateHistory'] ?? []) as Array<{ to: string }>;
    return {
      accounts_created: sellers.length,
      accounts_created_agent: sellers.filter((s) => s['onboardingSource'] === 'agent').length,
      accounts_created_self: sellers.filter((s) => s['onboardingSource'] === 'self').length,
      sellers_verified: sellers.reduce((n, s) => n + (s['statusHistory'] as Array<{ status: string }>).filter((h) => h.status === 'verified').length, 0),
      products_listed: products.length,
      households_trained: new Set(attendances.map((a) => (a['phone'] ? `p:${a['phone']}` : a['householdKey']))).size,
      active_sellers: new Set([...products.map((p) => p['sellerId']), ...orders.map((o) => o['sellerId'])]).size,
      orders_created: orders.length,
      orders_created_cod: orders.filter((o) => o['paymentMethod'] === 'cod').length,
      orders_created_vnpay: orders.filter((o) => o['paymentMethod'] === 'vnpay').length,
      orders_cancelled: orders.filter((o) => o['state'] === 'cancelled').length,
      orders_refunded: orders.filter((o) => o['state'] === 'refunded').length,
      orders_completed: orders.filter((o) => history(o).some((h) => h.to === 'completed')).length,
      orders_sold: sold.length,
      revenue_vnd: sold.reduce((n, o) => n + Number(o['itemsTotalVnd']), 0),
      weight_grams: sold.reduce((n, o) => n + lines(o), 0),
    };
  }

  it('gives the dashboard the totals recomputed from the raw records, through cancellations, refunds and a re-verification', async () => {
    shop = await aShop(api);
    const product = await aListing(api, shop, { stock: 50, priceVnd: 120_000, netWeightGrams: 500 });
    listed = product;
    const buyer = await anAccount().create(api);

    // Training: the shop's household, a household known by phone only (it registers afterwards), one by name only.
    const session = await api.request({
      method: 'POST',
      url: '/api/training-sessions',
      token: shop.agent.accessToken,
      body: { date: today, communeCode: COMMUNES.tanCuong.communeCode, topics: ['Bán hàng trên sàn'], attendees: [{ name: 'Hộ Hoàng', sellerId: shop.seller.seller.id }, { name: 'Hộ bà Lan', phone: trainedPhone }, { name: 'Hộ ông Tư' }] },
    });
    expect(session.status).toBe(201);
    const lan = await aSeller().inCommune('19', COMMUNES.phanDinhPhung.communeCode).withPhone(trainedPhone).named('Hộ bà Lan').create(api);
    // Re-activation: verified, rejected, verified again (each verification counts on its day).
    await verify(lan.seller.id, 'approve');
    await verify(lan.seller.id, 'reject');
    await verify(lan.seller.id, 'approve');

    // A completed COD order, a cancelled one, a refunded VNPay one.
    const completed = await anOrder(api, buyer, product, 'cod', 2);
    await deliver(api, shop, completed.orderId);
    await collectCash(api, shop, completed.orderId);
    const cancelled = await anOrder(api, buyer, product, 'cod', 1);
    await act(cancelled.orderId, 'cancel', buyer.accessToken, { reason: 'Đặt nhầm hàng' });
    const refunded = await anOrder(api, buyer, product, 'vnpay', 3);
    const payments = api.app.get(OrderPayments);
    expect(await payments.recordPaymentSucceeded(refunded.result.checkoutId, { paymentId: `pay_${randomBytes(4).toString('hex')}`, at: new Date() })).toBe('paid');
    await act(refunded.orderId, 'refund-request', buyer.accessToken, { reason: 'Hàng bị dập' });
    await payments.recordRefunded(refunded.orderId, { refundId: aRefundId(), amountVnd: refunded.result.orders[0]?.totalVnd ?? 0, actor: null, at: new Date() });
    const stillOpen = await anOrder(api, buyer, product, 'cod', 4);
    expect(stillOpen.orderId).toBeTruthy();

    await ingest();
    const figures = await figuresOf(`province=19&${range}`);
    const raw = await rawTotals('19');
    expect(figures).toMatchObject(raw);
    // The scenario itself, so a wrong recomputation cannot hide a wrong dashboard.
    expect(raw).toMatchObject({ orders_created: 4, orders_sold: 2, orders_cancelled: 1, orders_refunded: 1, revenue_vnd: 6 * 120_000, weight_grams: 6 * 500, sellers_verified: 3, households_trained: 3 });
    expect(figures.orders_completed).toBe(1);
  });

  it('ranks the top products and sellers by revenue net of cancellations and refunds, from the rollups, with public names', async () => {
    // From the raw orders: what is still sold, per product and per seller.
    const orders = await api.connection.collection('orders').find({ provinceCode: '19' }).toArray();
    const sold = orders.filter((o) => o['state'] !== 'cancelled' && o['state'] !== 'refunded');
    const rawLines = sold.flatMap((o) => o['lines'] as Array<{ productId: string; quantity: number; netWeightGrams: number; lineTotalVnd: number }>);
    const ofProduct = rawLines.filter((l) => l.productId === listed.id);
    const products = await get<ReportTopDto>(`/api/reports/top?province=19&by=product&${range}`, staff.accessToken);
    expect(products.status).toBe(200);
    expect(products.body.rows).toEqual([
      { id: listed.id, name: listed.name, orders: sold.length, revenueVnd: ofProduct.reduce((n, l) => n + l.lineTotalVnd, 0), weightKg: ofProduct.reduce((n, l) => n + l.quantity * l.netWeightGrams, 0) / 1000 },
    ]);
    expect(products.body.rows[0]).toMatchObject({ orders: 2, revenueVnd: 720_000, weightKg: 3 });

    const sellers = await get<ReportTopDto>(`/api/reports/top?province=19&by=seller&${range}&limit=5`, staff.accessToken);
    expect(sellers.body.rows).toEqual([{ id: shop.seller.seller.id, name: shop.seller.seller.displayName, orders: 2, revenueVnd: 720_000, weightKg: 3 }]);
    // Public names only: no phone of the seller anywhere in the answer.
    expect(JSON.stringify(sellers.body)).not.toContain(shop.seller.phone);
    // The seller's commune has them; another commune of the province has none; admins see the country's.
    expect((await get<ReportTopDto>(`/api/reports/top?province=19&commune=${COMMUNES.tanCuong.communeCode}&${range}`, staff.accessToken)).body.rows).toHaveLength(1);
    expect((await get<ReportTopDto>(`/api/reports/top?province=19&commune=${COMMUNES.phanDinhPhung.communeCode}&${range}`, staff.accessToken)).body.rows).toEqual([]);
    expect((await get<ReportTopDto>(`/api/reports/top?by=seller&${range}`, admin.accessToken)).body.rows.map((r) => r.id)).toEqual([shop.seller.seller.id]);
    // Another province's staff: 403 on this province, nothing of it in their own.
    expect((await get<ApiError>(`/api/reports/top?province=19&${range}`, otherStaff.accessToken)).status).toBe(403);
    expect((await get<ReportTopDto>(`/api/reports/top?${range}`, otherStaff.accessToken)).body.rows).toEqual([]);
    expect((await get<ApiError>(`/api/reports/top?province=19&limit=500`, staff.accessToken)).status).toBe(400);
    expect((await get<ApiError>(`/api/reports/top?province=19&by=commune`, staff.accessToken)).status).toBe(400);
  });

  it('applies each event exactly once however often it is read again, and the rebuild finds no drift', async () => {
    const before = await figuresOf(`province=19&${range}`);
    const deltas = await api.connection.collection('report_deltas').countDocuments();
    await ingest();
    // A lost cursor (Redis reset, a replay): every event is read again.
    const redis = worker.get<Redis>(REDIS);
    await redis.del(...(await redis.keys(`${keys.prefix}cursor:*`)));
    // Two workers at once: one runs, the other sees the lock and returns.
    const runner = worker.get(ReportIngest);
    const both = await Promise.all([runner.runOnce(), runner.runOnce()]);
    expect(both.filter((o) => o === null)).toHaveLength(1);
    await ingest();
    expect(await api.connection.collection('report_deltas').countDocuments()).toBe(deltas);
    expect(await figuresOf(`province=19&${range}`)).toEqual(before);

    const report = await worker.get(ReportRebuild).run({ provinceCode: '19' });
    expect(report.drift).toEqual([]);
    expect(report.topDrift).toEqual([]);
    expect(report.deltas.rebuilt).toBe(report.deltas.live);
  });

  it('reports drift when an event was lost or a rollup damaged, and repairs both with --apply', async () => {
    const before = await figuresOf(`province=19&${range}`);
    // An event lost: its delta gone, and the day folded again without it (cursors moved past it, so the ingest's
    // re-read of recent events cannot bring it back).
    const redis = worker.get<Redis>(REDIS);
    const future = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) + 86_400).toHexString();
    for (const source of ['sellers', 'training', 'catalog', 'orders', 'trace'] as const) await redis.set(keys.cursor(source), future);
    const deltas = api.connection.collection<{ _id: string; source: string; figures: Record<string, number> }>('report_deltas');
    const created = (await deltas.find({ provinceCode: '19', source: 'orders' }).toArray()).find((d) => d.figures['orders_created'] === 1);
    expect(created).toBeDefined();
    await deltas.deleteOne({ _id: created?._id ?? '' });
    await redis.sadd(keys.dirty, `19|${today}`);
    await ingest();
    expect((await figuresOf(`province=19&${range}`)).orders_created).toBe(before.orders_created - 1);
    // An event counted that never happened (yesterday): a phantom delta, folded.
    const yesterday = addDays(today, -1);
    await deltas.insertOne({ _id: `19:${yesterday}:orders:state:phantom:1`, provinceCode: '19', communeKey: COMMUNES.tanCuong.communeCode, dayVn: yesterday, source: 'orders', figures: { orders_created: 1 }, members: {} } as never);
    await redis.sadd(keys.dirty, `19|${yesterday}`);
    await ingest();
    // A rollup damaged by hand, and the top sums of the day too.
    await api.connection.collection<{ _id: string }>('report_rollups').updateOne({ _id: `d:19:${today}` }, { $set: { 'total.figures.stamps_activated': 99 } });
    await api.connection.collection<{ _id: string }>('report_top').updateOne({ _id: `d:19:${today}` }, { $set: { [`communes.${COMMUNES.tanCuong.communeCode}.sellers.${shop.seller.seller.id}`]: [9, 9, 9] } });

    const report = await worker.get(ReportRebuild).run({ provinceCode: '19' });
    expect(report.drift.map((d) => d.figure)).toEqual(expect.arrayContaining(['orders_created', 'stamps_activated']));
    expect(report.drift.find((d) => d.figure === 'orders_created')).toMatchObject({ live: before.orders_created, rebuilt: before.orders_created, daysDiffering: 2 });
    expect(report.topDrift).toEqual([{ provinceCode: '19', daysDiffering: 1 }]);
    expect(report.deltas.rebuilt).toBe(report.deltas.live);
    expect(report.applied).toBe(false);

    const applied = await worker.get(ReportRebuild).run({ provinceCode: '19', apply: true });
    expect(applied.applied).toBe(true);
    expect(await figuresOf(`province=19&${range}`)).toEqual(before);
    expect(await deltas.countDocuments({ _id: `19:${yesterday}:orders:state:phantom:1` })).toBe(0);
    expect(await api.connection.collection<{ _id: string }>('report_rollups').countDocuments({ _id: `d:19:${yesterday}` })).toBe(0);
    expect((await worker.get(ReportRebuild).run({ provinceCode: '19' })).drift).toEqual([]);
    expect((await get<ReportTopDto>(`/api/reports/top?province=19&by=seller&${range}`, staff.accessToken)).body.rows[0]).toMatchObject({ orders: 2, revenueVnd: 720_000 });
    // Back to a normal cursor (none: the next ingest reads everything again, harmlessly).
    await redis.del(...(await redis.keys(`${keys.prefix}cursor:*`)));
  });

  it('gives the funnel per commune and per agent, with stuck households named only to the province staff', async () => {
    // The first sale is recorded by the orders' consumer in the worker (not running here): record it as it would.
    expect(await api.app.get(SellerDirectory).markFirstSale(shop.seller.seller.id)).toBe(true);
    await ingest();
    const res = await get<ReportFunnelDto>('/api/reports/funnel?province=19&by=commune', staff.accessToken);
    expect(res.status).toBe(200);
    // Trained: Hoàng (sold), Lan (trained by phone, registered and verified later: one household), Tư (name only).
    expect(res.body.counts).toEqual({ trained: 3, account: 2, verified: 2, firstListing: 1, firstSale: 1 });
    expect(res.body.conversion.account).toBeCloseTo(2 / 3);
    expect(res.body.medianDaysToFirstSale).not.toBeNull();
    const stuck = res.body.stuck.map((s) => [s.step, s.name ?? null, s.phone ?? null]);
    expect(stuck).toEqual(expect.arrayContaining([['firstListing', 'Hộ bà Lan', trainedPhone], ['account', 'Hộ ông Tư', null]]));
    expect(res.body.rows.map((r) => r.key).sort()).toEqual([COMMUNES.phanDinhPhung.communeCode, COMMUNES.tanCuong.communeCode].sort());

    const byAgent = await get<ReportFunnelDto>('/api/reports/funnel?province=19&by=agent', staff.accessToken);
    const agentRow = byAgent.body.rows.find((r) => r.key === shop.agent.user.id);
    expect(agentRow?.counts.trained).toBeGreaterThanOrEqual(2);
    // Named by the agent's full name, not by an account id.
    expect(agentRow?.name.vi).toBe(shop.agent.user.fullName);

    const asAdmin = await get<ReportFunnelDto>('/api/reports/funnel?province=19', admin.accessToken);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.stuck.length).toBe(res.body.stuck.length);
    expect(asAdmin.body.stuck.every((s) => s.name === undefined && s.phone === undefined)).toBe(true);
  });

  it('reports pre-2025 records under their new commune, and a split old commune on its own row', async () => {
    // Legacy stamps recorded under old codes: 01837 (Bắc Kạn) became 01843; 05461 was split between 05443 and 05467.
    const legacy = (communeCode: string, provinceCode: string, count: number) => ({
      _id: new Types.ObjectId(),
      key: `stamps.issued:legacy-${randomBytes(4).toString('hex')}`,
      type: 'stamps.issued',
      at: new Date(),
      dayVn: today,
      monthVn: today.slice(0, 7),
      provinceCode,
      communeCode,
      adminEra: 'pre2025',
      sellerId: shop.seller.seller.id,
      productId: new Types.ObjectId().toHexString(),
      count,
      data: {},
    });
    await api.connection.collection('trace_events').insertMany([legacy('01837', '06', 100), legacy('05461', '19', 40)]);
    await ingest();
    const res = await get<ReportCommunesDto>(`/api/reports/communes?province=19&${range}`, staff.accessToken);
    expect(res.status).toBe(200);
    const row = (key: string) => res.body.communes.find((c) => c.key === key);
    expect(row('01843')?.values['stamps_issued']).toBe(100);
    expect(row('old:05461')).toMatchObject({ former: true, name: { vi: 'Xã cũ 05461 (đã chia tách, không phân bổ)' }, values: { stamps_issued: 40 } });
    // Never guessed into one of the new communes, but in the province total.
    expect(row('05443')?.values['stamps_issued']).toBe(0);
    expect(row('05467')?.values['stamps_issued']).toBe(0);
    expect((await figuresOf(`province=19&${range}`)).stamps_issued).toBe(140);
    const oldRow = await figuresOf(`province=19&commune=old:05461&${range}`);
    expect(oldRow.stamps_issued).toBe(40);
  });

  it('keeps province staff to their own province: 403 on another, whatever the route', async () => {
    for (const path of ['figures?period=month', 'communes?period=month', 'series?figure=orders_sold&period=month', 'funnel?by=commune']) {
      const other = await get<ApiError>(`/api/reports/${path}&province=19`, otherStaff.accessToken);
      expect(other.status).toBe(403);
      expect(other.body.messageEn).toBeTruthy();
    }
    expect((await get(`/api/reports/figures?${range}`, otherStaff.accessToken)).status).toBe(200);
    expect((await figuresOf(range, otherStaff.accessToken)).orders_created).toBe(0);
    expect((await figuresOf(range, staff.accessToken)).orders_created).toBe(4);
    // Admins: any province, and the whole country.
    expect((await figuresOf(`province=19&${range}`, admin.accessToken)).orders_created).toBe(4);
    expect((await figuresOf(range, admin.accessToken)).orders_created).toBe(4);
    const buyer = await anAccount().create(api);
    expect((await get('/api/reports/figures', buyer.accessToken)).status).toBe(403);
    expect((await get('/api/reports/funnel?province=19', shop.agent.accessToken)).status).toBe(403);
  });

  it('answers each figure with its previous period, a series, and the summary paragraph', async () => {
    const res = await get<ReportFiguresDto>(`/api/reports/figures?province=19&period=day&at=${today}`, staff.accessToken);
    expect(res.body.previousPeriod).toMatchObject({ kind: 'day', from: addDays(today, -1) });
    expect(res.body.figures.find((f) => f.name === 'orders_sold')).toMatchObject({ value: 2, previous: 0 });
    expect(res.body.summary.vi).toMatch(/^Trong ngày \d\d\/\d\d\/\d{4}, toàn tỉnh đã tập huấn cho 3 hộ/);
    expect(res.body.summary.en).toContain('trained 3 households');
    const series = await get<ReportSeriesDto>(`/api/reports/series?province=19&figure=revenue_vnd&${range}&granularity=day`, staff.accessToken);
    expect(series.body.points.map((p) => p.value)).toEqual([0, 720_000, 0]);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await get<ApiError>(`/api/reports/figures?${query}`, staff.accessToken);
      expect(res.status).toBe(400);
      expect((res.body.issues ?? []).map((i) => i.path)).toContain(field);
    };
    await bad('period=month&at=2026-13', 'at');
    await bad('period=range&from=2026-11-10', 'to');
    await bad('period=range&from=2026-11-10&to=2026-11-01', 'to');
    await bad('period=month&from=2026-11-01', 'from');
    await bad('province=19&commune=01273', 'commune');
    await bad('commune=abc', 'commune');
    const admins = await get<ApiError>('/api/reports/communes?province=99', admin.accessToken);
    expect(admins.status).toBe(400);
    expect((await get<ApiError>('/api/reports/series?figure=nothing', staff.accessToken)).status).toBe(400);
  });
});
