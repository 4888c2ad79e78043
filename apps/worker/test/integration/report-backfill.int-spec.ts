import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Types, type Connection } from 'mongoose';
import { ReportIngest } from '@nss/reporting-api';
import { InfrastructureModule } from '@nss/server-core';
import { ReportBackfill, ReportBackfillModule } from '../../src/report-backfill.command';
import { workerTestConfig } from '../support/worker-config';

/**
 * `report:backfill` on the real database and Redis: records made before reporting's events existed (a seller without
 * its `accountAt` milestone, training attendances without `training.attended`, a listed product without
 * `product.approved`, an order whose events carry no lines) are reported after it runs, alongside a record that
 * already had its event (not counted twice); a second run writes nothing and changes no figure.
 */
describe('worker: report:backfill of records made before the events', () => {
  let app: INestApplicationContext;
  let db: Connection;
  const day = '2026-10-15';
  const at = new Date(`${day}T03:00:00.000Z`);
  const sellerId = new Types.ObjectId();
  const productId = new Types.ObjectId();
  const orderId = new Types.ObjectId();
  const sessionId = new Types.ObjectId();
  const place = { provinceCode: '19', communeCode: '05503' };

  beforeAll(async () => {
    const config = workerTestConfig('backfill');
    app = await NestFactory.createApplicationContext({ module: class BackfillOnly {}, imports: [InfrastructureModule.forRoot(config), ReportBackfillModule] }, { logger: false, abortOnError: false });
    await app.init();
    db = app.get<Connection>(getConnectionToken());
  }, 60_000);

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await app?.close();
  });

  /** Records as the code wrote them before the events: raw documents, no events (but the order's own events). */
  async function oldStyleRecords(): Promise<void> {
    await db.collection('sellers').insertMany([
      { _id: sellerId, ...place, adminEra: '2025', userId: 'u'.repeat(24), onboardingSource: 'agent', registeredByAgentId: 'a'.repeat(24), managedByAgentId: 'a'.repeat(24), displayName: 'HTX Chè La Bằng', phone: '0912000111', status: 'verified', funnel: { accountAt: at }, createdAt: at },
      // Registered half-way (no user yet): the live code writes no milestone for it either.
      { _id: new Types.ObjectId(), ...place, adminEra: '2025', userId: null, onboardingSource: 'self', displayName: 'Hộ dở dang', phone: '0912000222', funnel: { accountAt: at }, createdAt: at },
    ]);
    await db.collection('training_sessions').insertOne({ _id: sessionId, ...place, adminEra: '2025', date: day, agentUserId: 'a'.repeat(24), topics: ['Bán hàng'], attendees: [{ name: 'Hộ bà Lan', phone: '0912000333' }, { name: 'Hộ ông Tư' }, { name: 'Hộ mới', phone: '0912000444' }], attendeeCount: 3, matchedSellerCount: 0, createdAt: at });
    const [lan, tu, fresh] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const attendance = (_id: Types.ObjectId, phone: string | null) => ({ _id, sessionId: sessionId.toHexString(), ...place, date: day, phone, sellerId: null, householdKey: phone ? `p:${phone}` : `a:${_id.toHexString()}`, createdAt: at });
    await db.collection('training_attendances').insertMany([attendance(lan, '0912000333'), attendance(tu, null), attendance(fresh, '0912000444')]);
    // The third attendance was recorded after the events existed: it has its event already.
    await db.collection('training_events').insertOne({ key: `training.attended:${fresh.toHexString()}`, type: 'training.attended', sessionId: sessionId.toHexString(), ...place, adminEra: '2025', dayVn: day, at, agentUserId: 'a'.repeat(24), householdKey: 'p:0912000444', sellerId: null, name: 'Hộ mới', phone: '0912000444' });
    await db.collection('products').insertOne({ _id: productId, sellerId: sellerId.toHexString(), ...place, name: 'Chè búp La Bằng', status: 'approved', listedAt: at, ocop: { productGroup: 'beverages', stars: 4, decisionNumber: '12/QĐ', decisionDate: '2026-01-10', issuer: 'province', expiresAt: '2029-01-10' } });
    const line = { productId: productId.toHexString(), name: 'Chè búp La Bằng', unit: 'package', netWeightGrams: 500, unitPriceVnd: 100_000, quantity: 2, lineTotalVnd: 200_000 };
    await db.collection('orders').insertOne({ _id: orderId, sellerId: sellerId.toHexString(), ...place, state: 'placed', itemsTotalVnd: 200_000, lines: [line] });
    // The order's event from before events carried lines.
    await db.collection('order_events').insertOne({ _id: new Types.ObjectId(), key: `state:${orderId.toHexString()}:1`, type: 'order.created', orderId: orderId.toHexString(), sellerId: sellerId.toHexString(), ...place, adminEra: '2025', at, dayVn: day, monthVn: '2026-10', paymentMethod: 'cod', totals: { itemsTotalVnd: 200_000, shippingFeeVnd: 0, totalVnd: 200_000 } });
  }

  const month = async () => {
    const doc = await db.collection<{ _id: string; total: { figures: Record<string, number>; members: Record<string, string[]> } }>('report_rollups').findOne({ _id: 'm:19:2026-10' });
    const top = await db.collection<{ _id: string; communes: Record<string, { products: Record<string, number[]>; sellers: Record<string, number[]> }> }>('report_top').findOne({ _id: 'm:19:2026-10' });
    return { figures: doc?.total.figures ?? {}, trained: doc?.total.members['households_trained'] ?? [], top: top?.communes['05503'] ?? null };
  };

  it('reports the earlier records once, and a second run writes nothing and changes nothing', async () => {
    await oldStyleRecords();
    const ingest = app.get(ReportIngest, { strict: false });
    await ingest.runOnce();
    // Before: only what had events, and the order without its weight or its product.
    const before = await month();
    expect(before.figures).toMatchObject({ orders_created: 1, revenue_vnd: 200_000 });
    expect(before.figures['weight_grams'] ?? 0).toBe(0);
    expect(before.figures['accounts_created'] ?? 0).toBe(0);
    expect(before.trained).toEqual(['p:0912000444']);

    const first = await app.get(ReportBackfill).run();
    expect(first.written).toEqual({ trainingAttended: 2, accountMilestones: 1, productsApproved: 1, orderEventsCompleted: 1 });
    expect(first.rebuild.applied).toBe(true);
    await ingest.runOnce();
    const after = await month();
    expect(after.figures).toMatchObject({ accounts_created: 1, accounts_created_agent: 1, products_listed: 1, ocop_listed: 1, ocop_listed_4: 1, orders_created: 1, orders_sold: 1, revenue_vnd: 200_000, weight_grams: 1000 });
    expect(after.trained).toHaveLength(3);
    expect(after.top).toEqual({ products: { [productId.toHexString()]: [1, 200_000, 1000] }, sellers: { [sellerId.toHexString()]: [1, 200_000, 1000] } });
    // Events with the live keys, each once.
    expect(await db.collection('training_events').countDocuments()).toBe(3);
    expect(await db.collection('seller_events').countDocuments({ key: `milestone:${sellerId.toHexString()}:accountAt` })).toBe(1);
    expect(await db.collection('catalog_events').countDocuments({ key: `product.approved:${productId.toHexString()}` })).toBe(1);

    const second = await app.get(ReportBackfill).run();
    expect(second.written).toEqual({ trainingAttended: 0, accountMilestones: 0, productsApproved: 0, orderEventsCompleted: 0 });
    expect(second.rebuild.drift).toEqual([]);
    expect(second.rebuild.topDrift).toEqual([]);
    await ingest.runOnce();
    expect(await month()).toEqual(after);
  }, 120_000);
});
