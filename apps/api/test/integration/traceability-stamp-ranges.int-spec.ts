import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import type { ApiError, PendingStampChange, Product, StampBatch, StampRangeResult, TraceRecord } from '@nss/contracts';
import { InfrastructureModule } from '@nss/server-core';
import { LotSales, StampMirror, TraceabilityWorkerModule } from '@nss/traceability-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aLot } from '../support/lots.factory';
import { aSeller, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, type TestApi } from '../support/test-api';
import { issuePaths, withRedisDb } from '../support/test-helpers';

/** The worker below consumes the `stamps` queue: a Redis database of its own, so it never takes other files' jobs. */
const RANGES_REDIS_DB = 10;
/** Ranges above this many stamps go to the worker here (its chunks are as small). */
const SYNC_MAX = 50;

describe('Stamp ranges: large activations and voidings by the worker, one change at a time, sales never after a void (real database and Redis)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let seller: CreatedSeller;
  let token: string;
  let product: Product;
  let lotId: string;
  let staff: CreatedAccount;
  let queueRedis: Redis;

  beforeAll(async () => {
    const redisUrl = withRedisDb(process.env['REDIS_URL'] as string, RANGES_REDIS_DB);
    queueRedis = new Redis(redisUrl);
    await queueRedis.flushdb();
    api = await startTestApi({ REDIS_URL: redisUrl, TRACE_AUTO_APPROVE_MAX: '1000', TRACE_RANGE_SYNC_MAX: String(SYNC_MAX), TRACE_SCAN_RATE: '10000' });
    worker = await NestFactory.createApplicationContext(
      { module: class StampRangesWorkerOnly {}, imports: [InfrastructureModule.forRoot(api.config), TraceabilityWorkerModule] },
      { logger: false, abortOnError: false },
    );
    await worker.init();
    seller = await aSeller().verified().create(api);
    token = seller.sellerToken as string;
    product = await aProduct().create(api, token);
    lotId = (await aLot(api, token, product.id)).id;
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await queueRedis?.quit();
  });

  const post = <T>(t: string, url: string, body?: unknown) => api.request<T>({ method: 'POST', url, token: t, ...(body === undefined ? {} : { body }) });
  const batchView = async (id: string) => (await api.request<StampBatch>({ method: 'GET', url: `/api/stamp-batches/${id}`, token })).body;
  const stampsOf = (batchId: string) => api.connection.collection('stamps').find({ batchId }).project({ _id: 1, seq: 1, status: 1, soldOrderId: 1 }).toArray();
  const eventsOf = (prefix: string) => api.connection.collection('trace_events').find({ key: { $regex: `^${prefix}` } }).toArray();
  const verdict = async (serial: string) => (await api.request<TraceRecord>({ method: 'GET', url: `/api/trace/${serial}` })).body.verdict.kind;
  const serialAt = async (batchId: string, seq: number) => String((await api.connection.collection('stamps').findOne({ batchId, seq }))?.['_id']);

  async function readyBatch(quantity: number): Promise<StampBatch> {
    const res = await post<StampBatch>(token, '/api/stamp-batches', { lotId, quantity });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const batch = await batchView(res.body.id);
      if (batch.status === 'ready') return batch;
      if (Date.now() > deadline) throw new Error(`batch ${batch.id} is ${batch.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Polls the batch until its pending change is gone; answers every progress seen on the way. */
  async function untilApplied(batchId: string, timeoutMs = 90_000): Promise<{ batch: StampBatch; seen: PendingStampChange['progress'][] }> {
    const seen: PendingStampChange['progress'][] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const batch = await batchView(batchId);
      if (!batch.pendingChange) return { batch, seen };
      seen.push(batch.pendingChange.progress);
      if (Date.now() > deadline) throw new Error(`range change of ${batchId} still pending: ${JSON.stringify(batch.pendingChange)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('sends a range above TRACE_RANGE_SYNC_MAX to the worker: 202 with the pending change, progress in the batch view, 409 meanwhile, exact counts and one event', async () => {
    const batch = await readyBatch(400);
    const accepted = await post<StampRangeResult>(token, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 299, printRun: 'Lần in 1' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ batchId: batch.id, fromSeq: 0, toSeq: 299, status: 'active', changed: null });
    expect(accepted.body.pending).toMatchObject({ status: 'active', fromSeq: 0, toSeq: 299, printRun: 'Lần in 1', reason: null, progress: { total: 300 } });

    // One range change at a time per batch, large or small, activation or void.
    const second = await post<ApiError>(token, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 300, toSeq: 310 });
    const voidMeanwhile = await post<ApiError>(staff.accessToken, '/api/stamps/void', { batchId: batch.id, fromSeq: 390, toSeq: 399, reason: 'Tem in hỏng' });
    expect([second.status, second.body.code]).toEqual([409, 'RANGE_CHANGE_RUNNING']);
    expect([voidMeanwhile.status, voidMeanwhile.body.code]).toEqual([409, 'RANGE_CHANGE_RUNNING']);

    const { batch: done, seen } = await untilApplied(batch.id);
    expect(seen.some((p) => p.done > 0 && p.done < p.total && p.percent === Math.floor((p.done * 100) / p.total))).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(done.activated).toBe(300);
    const stamps = await stampsOf(batch.id);
    expect(stamps.filter((s) => s['status'] === 'active').map((s) => s['seq']).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect((await eventsOf(`stamps.activated:${batch.id}:`)).map((e) => [e['key'], e['count'], e['data']])).toEqual([
      [`stamps.activated:${batch.id}:1`, 300, { fromSeq: 0, toSeq: 299 }],
    ]);
    expect(await verdict(await serialAt(batch.id, 299))).toBe('genuine_first');
    expect(await verdict(await serialAt(batch.id, 300))).toBe('inactive');

    // A large void over active and inactive stamps: 150 changed, 50 of them were active.
    const voiding = await post<StampRangeResult>(staff.accessToken, '/api/stamps/void', { batchId: batch.id, fromSeq: 250, toSeq: 399, reason: 'Lô tem bị mất' });
    expect(voiding.status).toBe(202);
    expect(voiding.body.pending).toMatchObject({ status: 'void', reason: 'Lô tem bị mất' });
    const { batch: voided } = await untilApplied(batch.id);
    expect(voided.activated).toBe(250);
    expect((await eventsOf(`stamps.voided:${batch.id}:`)).map((e) => [e['key'], e['count']])).toEqual([[`stamps.voided:${batch.id}:1`, 150]]);
    expect(await verdict(await serialAt(batch.id, 260))).toBe('void');

    // Small ranges keep the request path: 200 with what changed.
    const small = await post<StampRangeResult>(token, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 200, toSeq: 249 });
    expect([small.status, small.body.changed, small.body.pending]).toEqual([200, 0, null]);
    const smallVoid = await post<StampRangeResult>(token, '/api/stamps/void', { batchId: batch.id, fromSeq: 0, toSeq: 9, reason: 'Tem rách' });
    expect([smallVoid.status, smallVoid.body.changed]).toEqual([200, 10]);
    expect((await batchView(batch.id)).activated).toBe(240);
    expect((await eventsOf(`stamps.voided:${batch.id}:`)).map((e) => e['key']).sort()).toEqual([`stamps.voided:${batch.id}:1`, `stamps.voided:${batch.id}:2`]);
  }, 240_000);

  it('applies a pending change whose job was lost once the worker’s sweep queues it again', async () => {
    const batch = await readyBatch(120);
    const key = `stamps.activated:${batch.id}:1`;
    // As if the API recorded the change and then failed to queue its job.
    await api.connection.collection('stamp_batches').updateOne(
      { _id: new Types.ObjectId(batch.id) },
      { $set: { pendingChange: { key, status: 'active', n: 1, fromSeq: 20, toSeq: 119, printRun: null, reason: null, done: 0, changed: null, activeDelta: null, requestedByUserId: seller.seller.id, requestedAt: new Date() } } },
    );
    expect((await batchView(batch.id)).pendingChange).toMatchObject({ status: 'active', progress: { done: 0, total: 100, percent: 0 } });
    const queue = new Queue('stamps', { connection: { url: withRedisDb(process.env['REDIS_URL'] as string, RANGES_REDIS_DB) } });
    try {
      await queue.add('stamps.sweep', {});
      const { batch: done } = await untilApplied(batch.id);
      expect(done.activated).toBe(100);
      expect((await eventsOf(`stamps.activated:${batch.id}:`)).map((e) => [e['key'], e['count']])).toEqual([[key, 100]]);
      expect((await stampsOf(batch.id)).filter((s) => s['status'] === 'active')).toHaveLength(100);
    } finally {
      await queue.close();
    }
  });

  it('answers malformed range requests with 400 naming the field, and keeps nothing of them', async () => {
    const batch = await readyBatch(20);
    const cases: Array<[string, unknown, string[]]> = [
      [`/api/stamp-batches/${batch.id}/activate`, { fromSeq: 20 }, ['fromSeq']],
      [`/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 20 }, ['toSeq']],
      [`/api/stamp-batches/${batch.id}/activate`, { fromSeq: 1.5 }, ['fromSeq']],
      [`/api/stamp-batches/${batch.id}/activate`, { printRun: '' }, ['printRun']],
      ['/api/stamps/void', { batchId: batch.id, fromSeq: 25, toSeq: 30, reason: 'Tem hỏng' }, ['fromSeq']],
      ['/api/stamps/void', { batchId: batch.id, fromSeq: 5, toSeq: 2, reason: 'Tem hỏng' }, ['toSeq']],
      ['/api/stamps/void', { batchId: batch.id, fromSeq: 0, toSeq: 2, reason: 'x' }, ['reason']],
      ['/api/stamps/void', { batchId: 'nope', fromSeq: 0, toSeq: 2, reason: 'Tem hỏng' }, ['batchId']],
      ['/api/stamps/void', { batchId: batch.id, toSeq: 2, reason: 'Tem hỏng' }, ['fromSeq']],
    ];
    for (const [url, body, paths] of cases) {
      const res = await post(token, url, body);
      expect({ url, body, status: res.status, paths: issuePaths(res.body) }).toEqual({ url, body, status: 400, paths });
    }
    expect((await stampsOf(batch.id)).every((s) => s['status'] === 'inactive')).toBe(true);
    expect(await batchView(batch.id)).toMatchObject({ activated: 0, pendingChange: null });
  });

  it('never marks a stamp sold once the voiding of its range was accepted (sales and voids raced, request path and worker)', async () => {
    const rounds = 40;
    const batch = await readyBatch(rounds + 2 * SYNC_MAX);
    expect((await post(token, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: SYNC_MAX - 1 })).status).toBe(200);
    const rest = await post(token, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: SYNC_MAX, toSeq: batch.quantity - 1 });
    expect(rest.status).toBe(202);
    await untilApplied(batch.id);

    // The scan mirror's calls, in order: what a scan would say, and when.
    const mirror = api.app.get(StampMirror, { strict: false });
    const calls: string[] = [];
    const voiding = jest.spyOn(mirror, 'voiding').mockImplementation(async (_b, from, to) => {
      for (let seq = from; seq <= to; seq++) calls.push(`void:${seq}`);
    });
    const sold = jest.spyOn(mirror, 'sold').mockImplementation(async (serial, at) => {
      calls.push(`${at ? 'sold' : 'unsold'}:${serial}`);
    });
    const sales = api.app.get(LotSales, { strict: false });
    const sell = (serial: string) =>
      sales
        .recordShipment(
          { orderId: new Types.ObjectId().toHexString(), orderCode: 'DH-RACE', sellerId: seller.seller.id, provinceCode: '19' },
          [{ path: '0', productId: product.id, quantity: 1, lotId, serials: [serial] }],
          new Date(),
        )
        .then(
          () => true,
          (error: { getStatus?: () => number }) => {
            if (error.getStatus?.() !== 409) throw error;
            return false;
          },
        );
    try {
      const serials = await Promise.all(Array.from({ length: rounds }, (_, seq) => serialAt(batch.id, seq)));
      const outcomes: boolean[] = [];
      for (let seq = 0; seq < rounds; seq++) {
        const [saleDone, voidRes] = await Promise.all([
          sell(serials[seq] as string),
          post<StampRangeResult>(token, '/api/stamps/void', { batchId: batch.id, fromSeq: seq, toSeq: seq, reason: 'Tem bị đánh cắp' }),
        ]);
        expect(voidRes.status).toBe(200);
        outcomes.push(saleDone);
        // Sold only when the sale came before the void: the mirror heard of the sale first.
        const soldAt = calls.indexOf(`sold:${serials[seq]}`);
        const voidAt = calls.indexOf(`void:${seq}`);
        expect({ seq, saleDone, soldBeforeVoid: saleDone ? soldAt >= 0 && soldAt < voidAt : soldAt === -1 }).toEqual({ seq, saleDone, soldBeforeVoid: true });
        // After the void was accepted, no sale of the stamp goes through.
        expect(await sell(serials[seq] as string)).toBe(false);
      }
      const stamps = new Map((await stampsOf(batch.id)).map((s) => [Number(s['seq']), s]));
      for (let seq = 0; seq < rounds; seq++) {
        expect({ seq, status: stamps.get(seq)?.['status'], sold: !!stamps.get(seq)?.['soldOrderId'] }).toEqual({ seq, status: 'void', sold: outcomes[seq] });
      }

      // A large voiding accepted (202, pending in the worker): from then on its stamps do not sell, though still active.
      const big = await post<StampRangeResult>(token, '/api/stamps/void', { batchId: batch.id, fromSeq: rounds, toSeq: batch.quantity - 1, reason: 'Lô tem bị mất' });
      expect(big.status).toBe(202);
      const inRange = await Promise.all([rounds, rounds + 7, batch.quantity - 1].map((seq) => serialAt(batch.id, seq)));
      expect(await Promise.all(inRange.map(sell))).toEqual([false, false, false]);
      await untilApplied(batch.id);
      const after = await api.connection.collection<{ _id: string; status: string; soldOrderId: string | null }>('stamps').find({ _id: { $in: inRange } }).toArray();
      expect(after.map((s) => [s['status'], s['soldOrderId']])).toEqual(inRange.map(() => ['void', null]));
      expect(calls.filter((c) => c.startsWith('sold:') && inRange.includes(c.slice(5)))).toEqual([]);
    } finally {
      voiding.mockRestore();
      sold.mockRestore();
    }
  }, 240_000);
});
