import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ApiError, Product, StampBatch, StampBatchPage, StampRangeResult, TraceRecord } from '@nss/contracts';
import { InfrastructureModule, REDIS } from '@nss/server-core';
import { StampMirror, TraceabilityWorkerModule } from '@nss/traceability-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aLot } from '../support/lots.factory';
import { aSeller, COMMUNES, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, type TestApi } from '../support/test-api';
import { issuePaths, withRedisDb } from '../support/test-helpers';

/** The worker below consumes the `stamps` queue: a Redis database of its own, so it never takes other files' jobs. */
const STAMPS_REDIS_DB = 12;
/** Batches up to this many stamps are approved at once here. */
const AUTO_APPROVE_MAX = 100;

describe('Stamp batches: request, approval, generation by the worker, files, activation (real database and Redis)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let s1: CreatedSeller;
  let s2: CreatedSeller;
  let token1: string;
  let token2: string;
  let lot1: string;
  let lot2: string;
  let agent: CreatedAccount;
  let otherAgent: CreatedAccount;
  let managedLot: string;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;
  let admin: CreatedAccount;
  let buyer: CreatedAccount;
  let queueRedis: Redis;

  beforeAll(async () => {
    const redisUrl = withRedisDb(process.env['REDIS_URL'] as string, STAMPS_REDIS_DB);
    queueRedis = new Redis(redisUrl);
    await queueRedis.flushdb();
    api = await startTestApi({ REDIS_URL: redisUrl, TRACE_AUTO_APPROVE_MAX: String(AUTO_APPROVE_MAX), TRACE_SCAN_RATE: '10000' });
    worker = await NestFactory.createApplicationContext(
      { module: class StampsWorkerOnly {}, imports: [InfrastructureModule.forRoot(api.config), TraceabilityWorkerModule] },
      { logger: false, abortOnError: false },
    );
    await worker.init();
    s1 = await aSeller().verified().create(api);
    s2 = await aSeller().named('Hộ bà Hoa').create(api);
    token1 = s1.sellerToken as string;
    token2 = s2.sellerToken as string;
    const p1: Product = await aProduct().create(api, token1);
    const p2: Product = await aProduct().named('Gạo nếp cái hoa vàng').create(api, token2);
    lot1 = (await aLot(api, token1, p1.id)).id;
    lot2 = (await aLot(api, token2, p2.id)).id;
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
    otherAgent = await anAccount().withRole('agent').inProvince('19').create(api);
    const managed = await aSeller().byAgent(agent).create(api);
    const pm = await aProduct().with({ sellerId: managed.seller.id }).create(api, agent.accessToken);
    managedLot = (await aLot(api, agent.accessToken, pm.id, { sellerId: managed.seller.id })).id;
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince(COMMUNES.thucPhan.provinceCode).create(api);
    admin = await anAccount().withRole('admin').create(api);
    buyer = await anAccount().create(api);
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await queueRedis?.quit();
  });

  const post = <T>(token: string | undefined, url: string, body?: unknown) => api.request<T>({ method: 'POST', url, token, ...(body === undefined ? {} : { body }) });
  const get = <T>(token: string | undefined, url: string) => api.request<T>({ method: 'GET', url, token });
  const requestBatch = (token: string, body: unknown) => post<StampBatch>(token, '/api/stamp-batches', body);
  const stampsOf = (batchId: string) => api.connection.collection('stamps').find({ batchId }).project({ _id: 1, seq: 1, status: 1 }).toArray();
  const eventsOf = (prefix: string) =>
    api.connection
      .collection('trace_events')
      .find({ key: { $regex: `^${prefix}` } })
      .toArray();

  /** Polls the batch until it is in `status` (the worker runs in this process). */
  async function until(batchId: string, status: StampBatch['status'], timeoutMs = 90_000): Promise<StampBatch> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await get<StampBatch>(token1, `/api/stamp-batches/${batchId}`);
      if (res.body.status === status) return res.body;
      if (Date.now() > deadline) throw new Error(`batch ${batchId} is ${res.body.status} (${JSON.stringify(res.body.progress)}), not ${status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A ready batch of seller 1 of `quantity` (≤ the auto-approval limit). */
  async function readyBatch(quantity: number): Promise<StampBatch> {
    const res = await requestBatch(token1, { lotId: lot1, quantity });
    expect(res.status).toBe(201);
    return until(res.body.id, 'ready');
  }

  const serialAt = async (batchId: string, seq: number) => {
    const stamp = await api.connection.collection('stamps').findOne({ batchId, seq });
    return String(stamp?.['_id']);
  };
  const verdict = async (serial: string) => (await get<TraceRecord>(undefined, `/api/trace/${serial}`)).body.verdict.kind;

  describe('requesting and deciding', () => {
    it('approves a small batch at once; the worker makes exactly N distinct stamps, seq 0 … N−1, its files and the issued event', async () => {
      const res = await requestBatch(token1, { lotId: lot1, quantity: 60, labelSize: { widthMm: 50, heightMm: 30 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ lotId: lot1, quantity: 60, status: 'approved', autoApproved: true, labelSize: { widthMm: 50, heightMm: 30 } });
      expect(res.body.code).toMatch(/^LT[2-9A-HJKMNP-Z]{8}$/);
      const ready = await until(res.body.id, 'ready');
      expect(ready.progress).toEqual({ made: 60, total: 60, percent: 100, secondsLeft: null });
      expect(ready.files.map((f) => [f.kind, f.part, f.labels])).toEqual([
        ['pdf', 1, 60],
        ['csv', 1, 60],
      ]);
      const stamps = await stampsOf(res.body.id);
      expect(stamps).toHaveLength(60);
      expect(new Set(stamps.map((s) => s['_id'])).size).toBe(60);
      expect(stamps.map((s) => s['seq']).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(stamps.every((s) => s['status'] === 'inactive')).toBe(true);
      const issued = await eventsOf(`stamps.issued:${res.body.id}`);
      expect(issued.map((e) => [e['key'], e['count'], e['provinceCode']])).toEqual([[`stamps.issued:${res.body.id}`, 60, '19']]);
    });

    it('makes a larger batch wait for staff of its province; an approval queues it, a second approval is refused', async () => {
      const res = await requestBatch(token1, { lotId: lot1, quantity: AUTO_APPROVE_MAX + 20 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'requested', autoApproved: false, decidedAt: null, progress: { made: 0, total: 120, percent: 0, secondsLeft: null } });
      const id = res.body.id;
      expect((await post(token1, `/api/stamp-batches/${id}/approve`)).status).toBe(403);
      expect((await post(staff04.accessToken, `/api/stamp-batches/${id}/approve`)).status).toBe(404);
      const listed = await get<StampBatchPage>(staff19.accessToken, '/api/stamp-batches?status=requested');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((b) => b.id)).toContain(id);
      const approved = await post<StampBatch>(staff19.accessToken, `/api/stamp-batches/${id}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.decidedAt).not.toBeNull();
      expect((await post<ApiError>(admin.accessToken, `/api/stamp-batches/${id}/approve`)).body.code).toBe('BATCH_NOT_REQUESTED');
      await until(id, 'ready');
      expect(await stampsOf(id)).toHaveLength(120);
    });

    it('rejects with a reason (400 naming it when missing); a rejected batch makes nothing and cannot be cancelled', async () => {
      const { body: batch } = await requestBatch(token1, { lotId: lot1, quantity: 500 });
      const noReason = await post(staff19.accessToken, `/api/stamp-batches/${batch.id}/reject`, { reason: ' ' });
      expect(noReason.status).toBe(400);
      expect(issuePaths(noReason.body)).toEqual(['reason']);
      const rejected = await post<StampBatch>(admin.accessToken, `/api/stamp-batches/${batch.id}/reject`, { reason: 'Số lượng vượt sản lượng của lô' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'Số lượng vượt sản lượng của lô' });
      expect((await post<ApiError>(token1, `/api/stamp-batches/${batch.id}/cancel`)).body.code).toBe('BATCH_NOT_CANCELLABLE');
      expect(await stampsOf(batch.id)).toHaveLength(0);
    });

    it('cancels a requested batch, and a batch being made: the worker stops and nothing stays', async () => {
      const { body: waiting } = await requestBatch(token1, { lotId: lot1, quantity: 700 });
      const cancelled = await post<StampBatch>(token1, `/api/stamp-batches/${waiting.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');

      const { body: big } = await requestBatch(token1, { lotId: lot1, quantity: 20_000 });
      expect((await post(staff19.accessToken, `/api/stamp-batches/${big.id}/approve`)).status).toBe(200);
      // Wait until the worker has stored some stamps, then cancel (staff may cancel too).
      const deadline = Date.now() + 60_000;
      while ((await get<StampBatch>(token1, `/api/stamp-batches/${big.id}`)).body.progress.made === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const midway = await get<StampBatch>(token1, `/api/stamp-batches/${big.id}`);
      expect(midway.body.status).toBe('generating');
      expect(midway.body.progress.percent).toBeGreaterThan(0);
      expect(midway.body.progress.secondsLeft).not.toBeNull();
      const stop = await post<StampBatch>(staff19.accessToken, `/api/stamp-batches/${big.id}/cancel`);
      expect(stop.status).toBe(200);
      expect(stop.body.status).toBe('cancelled');
      // The worker notices at its next chunk and deletes what it stored after the cancel.
      const quiet = Date.now() + 30_000;
      let left = -1;
      while (Date.now() < quiet) {
        left = (await stampsOf(big.id)).length;
        // The job is removed once it completed (it ends as "cancelled").
        const jobs = await queueRedis.exists(`bull:stamps:stamps.generate__${big.id}`);
        if (left === 0 && jobs === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(left).toBe(0);
      expect((await get<StampBatch>(token1, `/api/stamp-batches/${big.id}`)).body.status).toBe('cancelled');
      expect(await eventsOf(`stamps.issued:${big.id}`)).toHaveLength(0);
    }, 120_000);
  });

  describe('who may do what', () => {
    let batchId: string;
    beforeAll(async () => {
      batchId = (await readyBatch(10)).id;
    });

    it('hides a batch from another seller and another province (404); buyers are refused (403)', async () => {
      expect((await get(token1, `/api/stamp-batches/${batchId}`)).status).toBe(200);
      expect((await get(staff19.accessToken, `/api/stamp-batches/${batchId}`)).status).toBe(200);
      expect((await get(admin.accessToken, `/api/stamp-batches/${batchId}`)).status).toBe(200);
      expect((await get(token2, `/api/stamp-batches/${batchId}`)).status).toBe(404);
      expect((await get(staff04.accessToken, `/api/stamp-batches/${batchId}`)).status).toBe(404);
      expect((await get(agent.accessToken, `/api/stamp-batches/${batchId}`)).status).toBe(404);
      expect((await get(buyer.accessToken, `/api/stamp-batches/${batchId}`)).status).toBe(403);
      expect((await get(undefined, `/api/stamp-batches/${batchId}`)).status).toBe(401);
      expect((await post(token2, `/api/stamp-batches/${batchId}/activate`, {})).status).toBe(404);
      expect((await post(token2, `/api/stamp-batches/${batchId}/cancel`)).status).toBe(404);
      expect((await post(token2, '/api/stamps/void', { batchId, fromSeq: 0, toSeq: 1, reason: 'Tem hỏng' })).status).toBe(404);
      expect((await get(token2, `/api/stamp-batches/${batchId}/files/1.pdf`)).status).toBe(404);
      expect((await get(staff04.accessToken, `/api/stamp-batches/${batchId}/stamps.csv`)).status).toBe(404);
      const own = await get<StampBatchPage>(token2, '/api/stamp-batches');
      expect(own.body.items.map((b) => b.id)).not.toContain(batchId);
      const ofProvince04 = await get<StampBatchPage>(staff04.accessToken, '/api/stamp-batches');
      expect(ofProvince04.body.items.map((b) => b.id)).not.toContain(batchId);
    });

    it('lets a seller request only for its own lots, and an agent only for the households it manages', async () => {
      expect((await requestBatch(token2, { lotId: lot1, quantity: 5 })).status).toBe(404);
      expect((await requestBatch(buyer.accessToken, { lotId: lot1, quantity: 5 })).status).toBe(403);
      expect((await requestBatch(staff19.accessToken, { lotId: lot1, quantity: 5 })).status).toBe(403);
      expect((await requestBatch(otherAgent.accessToken, { lotId: managedLot, quantity: 5 })).status).toBe(404);
      const byAgent = await requestBatch(agent.accessToken, { lotId: managedLot, quantity: 5 });
      expect(byAgent.status).toBe(201);
      expect((await get(agent.accessToken, `/api/stamp-batches/${byAgent.body.id}`)).status).toBe(200);
      expect((await get(otherAgent.accessToken, `/api/stamp-batches/${byAgent.body.id}`)).status).toBe(404);
      const lots = await get<StampBatchPage>(token2, `/api/stamp-batches?lotId=${lot2}`);
      expect(lots.body.total).toBe(0);
    });

    it('answers malformed requests with 400 naming the field', async () => {
      const cases: Array<[unknown, string[]]> = [
        [{ lotId: lot1, quantity: 0 }, ['quantity']],
        [{ lotId: lot1, quantity: 200_001 }, ['quantity']],
        [{ lotId: lot1, quantity: 2.5 }, ['quantity']],
        [{ lotId: lot1 }, ['quantity']],
        [{ lotId: 'not-an-id', quantity: 5 }, ['lotId']],
        [{ lotId: lot1, quantity: 5, labelSize: { widthMm: 5, heightMm: 30 } }, ['labelSize.widthMm']],
        [{ lotId: lot1, quantity: 5, extra: true }, ['']],
      ];
      for (const [body, paths] of cases) {
        const res = await requestBatch(token1, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect({ body, paths: issuePaths(res.body).map((p) => (paths[0] === '' ? '' : p)) }).toEqual({ body, paths });
      }
      expect(issuePaths((await post(token1, `/api/stamp-batches/${batchId}/activate`, { fromSeq: 5, toSeq: 2 })).body)).toEqual(['toSeq']);
      expect(issuePaths((await post(token1, `/api/stamp-batches/${batchId}/activate`, { toSeq: 10 })).body)).toEqual(['toSeq']);
      expect(issuePaths((await post(token1, `/api/stamp-batches/${batchId}/activate`, { fromSeq: -1 })).body)).toEqual(['fromSeq']);
      expect(issuePaths((await post(token1, '/api/stamps/void', { batchId, fromSeq: 0, toSeq: 1 })).body)).toEqual(['reason']);
      expect(issuePaths((await get(token1, `/api/stamp-batches/${batchId}/files/0.pdf`)).body)).toEqual(['part']);
      expect(issuePaths((await get(token1, '/api/stamp-batches?status=done')).body)).toEqual(['status']);
    });
  });

  describe('activation and voiding', () => {
    it('only activated stamps scan as genuine; activation by range then the rest; void says void', async () => {
      const batch = await readyBatch(30);
      const [s5, s15, s25, s1] = await Promise.all([5, 15, 25, 1].map((seq) => serialAt(batch.id, seq)));
      // (A scan of an inactive stamp counts: s15 is scanned before activation, s5 and s25 only after theirs.)
      expect(await verdict(s15 as string)).toBe('inactive');
      expect((await post(token1, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 9, printRun: 'Lần in 1' })).body).toEqual({
        batchId: batch.id,
        fromSeq: 0,
        toSeq: 9,
        status: 'active',
        changed: 10,
        pending: null,
      });
      expect(await verdict(s5 as string)).toBe('genuine_first');
      expect(await verdict(s15 as string)).toBe('inactive');
      expect((await post<StampRangeResult>(token1, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 9 })).body.changed).toBe(0);
      const rest = await post<StampRangeResult>(token1, `/api/stamp-batches/${batch.id}/activate`, {});
      expect(rest.body).toMatchObject({ fromSeq: 0, toSeq: 29, changed: 20 });
      expect(await verdict(s25 as string)).toBe('genuine_first');
      const activated = await eventsOf(`stamps.activated:${batch.id}:`);
      expect(activated.map((e) => [e['key'], e['count']]).sort()).toEqual([
        [`stamps.activated:${batch.id}:1`, 10],
        [`stamps.activated:${batch.id}:2`, 20],
      ]);
      expect((await get<StampBatch>(token1, `/api/stamp-batches/${batch.id}`)).body.activated).toBe(30);

      const voided = await post<StampRangeResult>(staff19.accessToken, '/api/stamps/void', { batchId: batch.id, fromSeq: 0, toSeq: 2, reason: 'Tem in hỏng' });
      expect(voided.status).toBe(200);
      expect(voided.body).toMatchObject({ status: 'void', changed: 3 });
      expect(await verdict(s1 as string)).toBe('void');
      expect((await post<StampRangeResult>(token1, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 2 })).body.changed).toBe(0);
      expect(await verdict(s1 as string)).toBe('void');
      expect((await get<StampBatch>(token1, `/api/stamp-batches/${batch.id}`)).body.activated).toBe(27);
    });

    it('refuses to activate a batch that is not ready', async () => {
      const { body } = await requestBatch(token1, { lotId: lot1, quantity: 300 });
      expect((await post<ApiError>(token1, `/api/stamp-batches/${body.id}/activate`, {})).body.code).toBe('BATCH_NOT_READY');
    });
  });

  describe("the scan path's copy of the stamps in Redis", () => {
    const copyOf = (serial: string) => api.app.get<Redis>(REDIS).hgetall(`nss:stamp:{${serial}}:m`);

    it('holds every stamp of a made batch, and follows activation and void at once', async () => {
      const batch = await readyBatch(12);
      const serials = await Promise.all(Array.from({ length: 12 }, (_, seq) => serialAt(batch.id, seq)));
      const copies = await Promise.all(serials.map(copyOf));
      expect(copies.map((c) => [c['b'], c['s']])).toEqual(serials.map(() => [batch.id, 'inactive']));
      await post(token1, `/api/stamp-batches/${batch.id}/activate`, { fromSeq: 0, toSeq: 5 });
      expect((await Promise.all(serials.map(copyOf))).map((c) => c['s'])).toEqual([...Array(6).fill('active'), ...Array(6).fill('inactive')]);
      await post(staff19.accessToken, '/api/stamps/void', { batchId: batch.id, fromSeq: 4, toSeq: 7, reason: 'Tem bị mất' });
      expect((await Promise.all(serials.map(copyOf))).map((c) => c['s'])).toEqual([
        ...Array(4).fill('active'),
        ...Array(4).fill('void'),
        ...Array(4).fill('inactive'),
      ]);
      expect(await verdict(serials[5] as string)).toBe('void');
      expect(await verdict(serials[3] as string)).toBe('genuine_first');
    });

    it('refuses a copy read from the database before a range change, and reads a lost copy again with its count', async () => {
      const batch = await readyBatch(4);
      await post(token1, `/api/stamp-batches/${batch.id}/activate`, {});
      const serial = (await serialAt(batch.id, 2)) as string;
      expect(await verdict(serial)).toBe('genuine_first');
      const mirror = api.app.get(StampMirror);
      // A scan read the stamp (active) from the database, then the range was voided before it could keep its copy.
      const version = await mirror.version();
      const redis = api.app.get<Redis>(REDIS);
      await redis.del(`nss:stamp:{${serial}}:m`);
      const voided = await post(staff19.accessToken, '/api/stamps/void', { batchId: batch.id, fromSeq: 0, toSeq: 3, reason: 'Lô bị thu hồi' });
      expect(voided.status).toBe(200);
      expect(await mirror.remember({ _id: serial, batchId: batch.id, lotId: lot1, status: 'active', soldAt: null }, version)).toBe(false);
      expect(await copyOf(serial)).toEqual({});
      expect(await verdict(serial)).toBe('void');
      expect((await copyOf(serial))['s']).toBe('void');
      // Redis lost everything it had of the stamp (a reset): the next scan continues from the stamp document's count.
      // The worker's scan writer (this file's worker context) copies the counters onto the stamp document by itself.
      const copied = async () => (await api.connection.collection('stamps').findOne({ _id: serial as never }))?.['scanCount'];
      for (let i = 0; i < 100 && (await copied()) !== 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await copied()).toBe(2);
      expect(await api.connection.collection('stamp_scans').countDocuments({ serial })).toBe(2);
      await redis.del(`nss:stamp:{${serial}}:m`, `nss:stamp:{${serial}}:scans`, `nss:stamp:{${serial}}:recent`);
      const again = await get<TraceRecord>(undefined, `/api/trace/${serial}`);
      expect(again.body.verdict).toMatchObject({ kind: 'void', scanCount: 3 });
    });
  });

  describe('files', () => {
    it('splits 5,001 labels into PDFs of at most 5,000, downloadable by the seller and staff, with the CSV of every stamp', async () => {
      const { body } = await requestBatch(token1, { lotId: lot1, quantity: 5001 });
      expect((await post(staff19.accessToken, `/api/stamp-batches/${body.id}/approve`)).status).toBe(200);
      const ready = await until(body.id, 'ready', 150_000);
      expect(ready.files.map((f) => [f.kind, f.part, f.labels])).toEqual([
        ['pdf', 1, 5000],
        ['pdf', 2, 1],
        ['csv', 1, 5001],
      ]);
      const stamps = await stampsOf(body.id);
      expect(stamps).toHaveLength(5001);
      expect(new Set(stamps.map((s) => s['_id'])).size).toBe(5001);
      expect(new Set(stamps.map((s) => s['seq'])).size).toBe(5001);

      const pdf = await api.app.inject({ method: 'GET', url: `/api/stamp-batches/${body.id}/files/2.pdf`, headers: { authorization: `Bearer ${staff19.accessToken}` } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(Number(pdf.headers['content-length'])).toBe(ready.files[1]?.bytes);
      const first = await api.app.inject({ method: 'GET', url: ready.files[0]?.url as string, headers: { authorization: `Bearer ${token1}` } });
      expect(first.statusCode).toBe(200);
      expect(first.rawPayload.length).toBe(ready.files[0]?.bytes);
      expect((await get(token1, `/api/stamp-batches/${body.id}/files/3.pdf`)).status).toBe(404);

      const csv = await api.app.inject({ method: 'GET', url: `/api/stamp-batches/${body.id}/stamps.csv`, headers: { authorization: `Bearer ${token1}` } });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const rows = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(rows[0]).toBe('serial,url,product,producer,lot');
      expect(rows).toHaveLength(5002);
      const serials = new Set(rows.slice(1).map((r) => r.split(',')[0]));
      expect(serials).toEqual(new Set(stamps.map((s) => s['_id'])));
      expect(rows[1]).toContain(`http://localhost:4200/t/${await serialAt(body.id, 0)}`);
      // Nothing of a batch is public: the media route does not serve its files.
      expect((await get(undefined, `/api/media/stamps/${body.id}/stamps.csv`)).status).toBe(404);
    }, 180_000);
  });
});
