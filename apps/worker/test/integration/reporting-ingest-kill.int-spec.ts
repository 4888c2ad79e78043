import type { mongo } from 'mongoose';
import { Types } from 'mongoose';
import { tail, WorkerHarness } from '../support/worker-harness';

/**
 * The report ingest survives `kill -9`: a few thousand source events (orders placed and cancelled over a month, stamp
 * scans with repeated serials) are written, a worker process starts ingesting them and is killed with SIGKILL in the
 * middle, another starts (after the dead one's lock lapses) and finishes. Then every event has exactly one delta, the
 * month and year rollups hold the figures computed here from the events written, and `report:rebuild` (recomputing
 * every rollup from the sources) finds no drift.
 */

/** Its own Redis database: the worker consumes queues there (cursors, dirty marks and the lock live there too). */
const KILL_REDIS_DB = 15;
const ORDERS = 1500;
const SCANS = 1500;

interface Written {
  events: number;
  created: number;
  cancelled: number;
  revenue: number;
  grams: number;
  serials: number;
}

/** The events, in a few insertMany calls, and the figures they must give. */
async function writeEvents(db: mongo.Db): Promise<Written> {
  const orders: Array<Record<string, unknown>> = [];
  let revenue = 0;
  let grams = 0;
  let cancelled = 0;
  for (let i = 0; i < ORDERS; i++) {
    const day = `2026-10-${String(1 + (i % 30)).padStart(2, '0')}`;
    const quantity = 1 + (i % 3);
    const goods = quantity * 100_000;
    const line = { productId: `p${String(i % 20).padStart(23, '0')}`, quantity, netWeightGrams: 500, lineTotalVnd: goods };
    // Already dispatched to the orders' own consumers (the sweep leaves them alone): only reporting reads them here.
    const base = { dispatchedAt: new Date(`${day}T06:00:00.000Z`), consumedBy: [], orderId: `o${i}`, sellerId: `s${i % 10}`, provinceCode: '19', communeCode: '05503', adminEra: '2025', dayVn: day, monthVn: '2026-10', paymentMethod: 'cod', totals: { itemsTotalVnd: goods, shippingFeeVnd: 0, totalVnd: goods }, lines: [line] };
    orders.push({ _id: new Types.ObjectId(), key: `state:o${i}:1`, type: 'order.created', at: new Date(`${day}T03:00:00.000Z`), ...base });
    revenue += goods;
    grams += quantity * 500;
    if (i % 7 === 0) {
      orders.push({ _id: new Types.ObjectId(), key: `state:o${i}:2`, type: 'order.cancelled', at: new Date(`${day}T05:00:00.000Z`), ...base });
      revenue -= goods;
      grams -= quantity * 500;
      cancelled++;
    }
  }
  const scans = Array.from({ length: SCANS }, (_, i) => {
    const day = `2026-10-${String(1 + (i % 30)).padStart(2, '0')}`;
    return { _id: new Types.ObjectId(), key: `stamp.scanned:${i}`, type: 'stamp.scanned', serial: `S${i % 700}`, at: new Date(`${day}T04:00:00.000Z`), dayVn: day, provinceCode: '19', communeCode: '05503', adminEra: '2025' };
  });
  for (let i = 0; i < orders.length; i += 1000) await db.collection('order_events').insertMany(orders.slice(i, i + 1000));
  for (let i = 0; i < scans.length; i += 1000) await db.collection('trace_events').insertMany(scans.slice(i, i + 1000));
  return { events: orders.length + scans.length, created: ORDERS, cancelled, revenue, grams, serials: 700 };
}

describe('the report ingest survives kill -9 of the worker (real processes, database and Redis)', () => {
  const harness = new WorkerHarness('report-kill', KILL_REDIS_DB);
  let db: mongo.Db;
  const deltas = () => db.collection('report_deltas').countDocuments();

  beforeAll(async () => {
    await harness.open();
    ({ db } = harness);
  });

  afterAll(() => harness.close());

  it('counts every event exactly once after the worker was killed mid-ingest, with no drift against a rebuild', async () => {
    const written = await writeEvents(db);

    const first = harness.startWorker('worker-1');
    const deadline = Date.now() + 240_000;
    let atKill = 0;
    while (atKill === 0) {
      if (Date.now() > deadline || first.child.exitCode !== null) throw new Error(`the first worker wrote no delta:\n${tail(first.log)}`);
      await new Promise((r) => setTimeout(r, 20));
      atKill = await deltas();
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    atKill = await deltas();
    // Killed in the middle: some deltas in, not all, and the rollups not finished.
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(written.events);

    // A second worker: waits out the dead one's lock (30 s lease), then reads on from the cursors and folds.
    const second = harness.startWorker('worker-2');
    const year = db.collection<{ _id: string; total: { figures: Record<string, number>; members: Record<string, string[]> } }>('report_rollups');
    const finish = Date.now() + 420_000;
    for (;;) {
      const total = (await year.findOne({ _id: 'y:19:2026' }))?.total;
      if ((await deltas()) === written.events && total?.figures['orders_created'] === written.created && total.figures['stamps_scanned'] === SCANS) break;
      if (Date.now() > finish || second.child.exitCode !== null) throw new Error(`the ingest did not finish (${await deltas()} deltas):\n${tail(second.log)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));

    // Nothing counted twice, nothing lost: the figures of the events written, in the month and in the year.
    for (const id of ['m:19:2026-10', 'y:19:2026']) {
      const total = (await year.findOne({ _id: id }))?.total;
      expect(total?.figures).toMatchObject({
        orders_created: written.created,
        orders_cancelled: written.cancelled,
        orders_sold: written.created - written.cancelled,
        revenue_vnd: written.revenue,
        weight_grams: written.grams,
        stamps_scanned: SCANS,
      });
      expect(total?.members['stamps_scanned_unique']).toHaveLength(written.serials);
    }
    const topYear = await db.collection<{ _id: string; communes: Record<string, { sellers: Record<string, number[]> }> }>('report_top').findOne({ _id: 'y:19:2026' });
    const sellers = Object.values(topYear?.communes['05503']?.sellers ?? {});
    expect(sellers).toHaveLength(10);
    expect(sellers.reduce((n, s) => n + (s[1] ?? 0), 0)).toBe(written.revenue);

    // And the rollups equal a rebuild from the source events (exit code 1 on any drift).
    const rebuild = await harness.runCommand(['report:rebuild'], 400_000);
    expect(rebuild.output).toContain('no drift');
    expect(rebuild.output).toContain(`${written.events} events, deltas live ${written.events} / rebuilt ${written.events}`);
    expect(rebuild.code).toBe(0);
  }, 1_200_000);
});
