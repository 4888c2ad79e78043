import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import type { Order, Page, Product, ReportFiguresDto, StampBatch } from '@nss/contracts';
import { addDays, vnDay } from '@nss/report-figures';
import { ReportingCoreModule, ReportIngest } from '@nss/reporting-api';
import { InfrastructureModule, QUEUES } from '@nss/server-core';
import { TraceabilityWorkerModule } from '@nss/traceability-api';

// The driver and its BSON as mongoose ships them (the project depends on mongoose, not on the driver directly).
const { MongoClient } = mongoose.mongo;
const { EJSON } = mongoose.mongo.BSON;
type Db = mongoose.mongo.Db;
import { runSeed } from '../../src/seed/run-seed';
import { DEMO_PASSWORD } from '../../src/seed/demo-data';
import { freePort } from '../support/free-port';
import { aLot } from '../support/lots.factory';
import { HANOI_ADDRESS, anIdempotencyKey } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Backups an operator can restore (tools/ops/backup.mjs, restore.mjs; docker/README.md "Backups"), end to end on this
 * machine: a FerretDB and a Redis of this file's own (Redis with a password and AOF, as in production) hold the demo
 * province (the API's seed), orders, a stamp batch made by the worker, report rollups and the photos; `npm run backup`
 * dumps them; a FRESH FerretDB and Redis receive `npm run restore`; then every collection, index, media file, Redis key
 * and waiting BullMQ job is the same, an API started on the restored stack answers the same orders, stamps and report
 * figures, and a second restore into the now non-empty stack is refused without --drop and changes nothing.
 */

const ROOT = resolve(__dirname, '../../../..');
const BACKUP = join(ROOT, 'tools/ops/backup.mjs');
const RESTORE = join(ROOT, 'tools/ops/restore.mjs');
const DEMO_PHONES = { staff: '0901000002', coop: '0901000004', buyer: '0901000009' } as const;

interface Server {
  port: number;
  child: ChildProcess;
  dir: string;
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) during start-up`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => (socket.destroy(), done(false)));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A FerretDB of its own (the binary tools/infra/build-ferretdb.sh built and cached), SQLite files in a temporary folder. */
async function startFerretDb(): Promise<Server> {
  const bin = execFileSync('bash', [join(ROOT, 'tools/infra/build-ferretdb.sh')], { encoding: 'utf8' }).trim().split('\n').pop() as string;
  const dir = mkdtempSync(join(tmpdir(), 'nss-ops-fdb-'));
  const port = await freePort();
  const child = spawn(bin, ['--handler=sqlite', `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', '--state-dir=-', '--debug-addr=-', '--log-level=error'], { stdio: 'ignore' });
  await waitForPort(port, child, 'FerretDB');
  return { port, child, dir };
}

/** A redis-server of its own working in a temporary folder (the RDB and AOF live there). */
async function startRedis(args: string[] = [], dir = mkdtempSync(join(tmpdir(), 'nss-ops-redis-'))): Promise<Server> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...args], { stdio: 'ignore' });
  await waitForPort(port, child, 'redis-server');
  return { port, child, dir };
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  rmSync(server.dir, { recursive: true, force: true });
}

/** Runs an ops script with exactly this environment (plus PATH); never throws, answers its exit code and output. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    execFile(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Every collection (documents sorted by _id, canonical extended JSON: types included) and its indexes. */
async function snapshotDatabase(db: Db): Promise<Record<string, { docs: string[]; indexes: string[] }>> {
  const out: Record<string, { docs: string[]; indexes: string[] }> = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}, { promoteValues: false }).toArray();
    const serialized = docs.map((d) => EJSON.stringify(d, { relaxed: false }));
    const indexes = (await db.collection(name).listIndexes().toArray()).map((i) => JSON.stringify({ name: i['name'], key: i['key'], unique: i['unique'] ?? false })).sort();
    out[name] = { docs: serialized.sort(), indexes };
  }
  return out;
}

/** Media files by path with their sha256. */
function snapshotMedia(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out[path] = createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
    }
  };
  walk('');
  return out;
}

/** Keys that do not expire (locks, rate limits and other short-lived keys may lapse between backup and check). */
async function persistentKeys(redis: Redis): Promise<string[]> {
  const keys = await redis.keys('*');
  const ttls = await Promise.all(keys.map((k) => redis.pttl(k)));
  return keys.filter((_, i) => ttls[i] === -1).sort();
}

/** Waiting jobs per queue: ids and payloads. */
async function waitingJobs(url: string): Promise<Record<string, Array<{ id: string; name: string; data: unknown }>>> {
  const out: Record<string, Array<{ id: string; name: string; data: unknown }>> = {};
  for (const name of [QUEUES.media, QUEUES.orders, QUEUES.notifications]) {
    const queue = new Queue(name, { connection: { url } });
    const jobs = await queue.getJobs(['waiting']);
    out[name] = jobs.map((j) => ({ id: String(j.id), name: j.name, data: j.data })).sort((a, b) => a.id.localeCompare(b.id));
    await queue.close();
  }
  return out;
}

describe('backup and restore of the demo stack into a fresh FerretDB and Redis (tools/ops, real processes)', () => {
  const work = mkdtempSync(join(tmpdir(), 'nss-ops-'));
  const backupDir = join(work, 'backup');
  const restoredMedia = join(work, 'media-restored');
  const redisPassword = `pw-${createHash('sha256').update(work).digest('hex').slice(0, 16)}`;
  let sourceDb: Server;
  let sourceRedis: Server;
  let freshDb: Server;
  let freshRedis: Server;
  let api: TestApi;
  let restoredApi: TestApi | undefined;
  let worker: INestApplicationContext | undefined;
  let sourceUri: string;
  let sourceRedisUrl: string;
  let mediaDir: string;

  beforeAll(async () => {
    [sourceDb, sourceRedis, freshDb, freshRedis] = await Promise.all([startFerretDb(), startRedis(['--requirepass', redisPassword, '--appendonly', 'yes']), startFerretDb(), startRedis()]);
    sourceUri = `mongodb://127.0.0.1:${sourceDb.port}/nss_demo`;
    sourceRedisUrl = `redis://:${redisPassword}@127.0.0.1:${sourceRedis.port}`;
    api = await startTestApi({ MONGODB_URI: sourceUri, REDIS_URL: sourceRedisUrl, TRACE_AUTO_APPROVE_MAX: '100' });
    mediaDir = api.env['MEDIA_DIR'] as string;
    // The seed tells the operator what it made; not this test's output.
    const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await runSeed(api.config);
    } finally {
      quiet.mockRestore();
    }
    worker = await NestFactory.createApplicationContext(
      { module: class OpsBackupWorker {}, imports: [InfrastructureModule.forRoot(api.config), TraceabilityWorkerModule, ReportingCoreModule] },
      { logger: false, abortOnError: false },
    );
    await worker.init();
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await restoredApi?.close();
    await api?.close();
    await Promise.all([stop(sourceDb), stop(sourceRedis), stop(freshDb), stop(freshRedis)]);
    rmSync(work, { recursive: true, force: true });
  });

  const login = async (on: TestApi, phone: string): Promise<string> => {
    const res = await on.request<{ accessToken: string }>({ method: 'POST', url: '/api/auth/login', body: { phone, password: DEMO_PASSWORD } });
    if (res.status !== 200) throw new Error(`login ${res.status}`);
    return res.body.accessToken;
  };
  const range = () => `period=range&from=${addDays(vnDay(new Date()), -1)}&to=${addDays(vnDay(new Date()), 1)}`;
  const figuresOf = async (on: TestApi, token: string) => {
    const res = await on.request<ReportFiguresDto>({ method: 'GET', url: `/api/reports/figures?${range()}`, token });
    expect(res.status).toBe(200);
    return res.body.figures;
  };

  it('restores the same orders, stamps, figures, media and queued jobs; refuses a non-empty target without --drop', async () => {
    // ── the demo stack at work: orders, a stamp batch, report rollups ──
    const buyer = await login(api, DEMO_PHONES.buyer);
    const coop = await login(api, DEMO_PHONES.coop);
    const staff = await login(api, DEMO_PHONES.staff);
    const listed = await api.request<Page<Product>>({ method: 'GET', url: '/api/seller/products?pageSize=100', token: coop });
    const products = listed.body.items.filter((p) => p.moderation.status === 'approved');
    expect(products.length).toBeGreaterThanOrEqual(2);
    const orderIds: string[] = [];
    for (const [i, product] of products.slice(0, 3).entries()) {
      const res = await api.request<{ orders: Order[] }>({
        method: 'POST',
        url: '/api/checkout',
        token: buyer,
        headers: { 'idempotency-key': anIdempotencyKey() },
        body: { address: HANOI_ADDRESS, paymentMethod: 'cod', items: [{ productId: product.id, quantity: i + 1 }] },
      });
      expect(res.status).toBe(201);
      orderIds.push(...res.body.orders.map((o) => o.id));
    }
    expect((await api.request({ method: 'POST', url: `/api/orders/${orderIds[0]}/accept`, token: coop })).status).toBe(200);
    expect((await api.request({ method: 'POST', url: `/api/orders/${orderIds[1]}/cancel`, token: buyer, body: { reason: 'Đặt nhầm hàng' } })).status).toBe(200);

    const lot = await aLot(api, coop, (products[0] as Product).id);
    const requested = await api.request<StampBatch>({ method: 'POST', url: '/api/stamp-batches', token: coop, body: { lotId: lot.id, quantity: 60 } });
    expect(requested.status).toBe(201);
    const batchId = requested.body.id;
    for (const deadline = Date.now() + 60_000; ; ) {
      const batch = await api.request<StampBatch>({ method: 'GET', url: `/api/stamp-batches/${batchId}`, token: coop });
      if (batch.body.status === 'ready') break;
      if (Date.now() > deadline) throw new Error(`the stamp batch is ${batch.body.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const ingest = (worker as INestApplicationContext).get(ReportIngest);
    await ingest.runOnce();
    await ingest.runOnce();
    await worker?.close();
    worker = undefined;

    const orderViews = async (on: TestApi, token: string) =>
      Promise.all(
        orderIds.map(async (id) => {
          const res = await on.request<Order>({ method: 'GET', url: `/api/orders/${id}`, token });
          expect(res.status).toBe(200);
          return { id: res.body.id, code: res.body.code, state: res.body.state, paymentStatus: res.body.paymentStatus, totalVnd: res.body.totalVnd, itemsTotalVnd: res.body.itemsTotalVnd };
        }),
      );
    const sourceOrders = await orderViews(api, buyer);
    expect(new Set(sourceOrders.map((o) => o.state)).size).toBeGreaterThanOrEqual(2);
    const sourceFigures = await figuresOf(api, staff);
    expect(sourceFigures.find((f) => f.name === 'orders_created')?.value).toBe(orderIds.length);
    const src = new MongoClient(sourceUri);
    const sourceSnapshot = await snapshotDatabase(src.db());
    const sourceSerials = (await src.db().collection('stamps').find({ batchId }).project({ _id: 1 }).toArray()).map((s) => String(s['_id'])).sort();
    expect(sourceSerials).toHaveLength(60);
    expect(sourceSnapshot['report_rollups']?.docs.length).toBeGreaterThan(0);
    await src.close();
    const sourceMedia = snapshotMedia(mediaDir);
    expect(Object.keys(sourceMedia).length).toBeGreaterThan(0);
    const sourceRedisClient = new Redis(sourceRedisUrl);
    const sourceKeys = await persistentKeys(sourceRedisClient);
    await sourceRedisClient.quit();
    const sourceJobs = await waitingJobs(sourceRedisUrl);
    // Photo thumbnails and order events wait for a worker that is not running: they must survive the restore.
    expect(sourceJobs[QUEUES.media]?.length).toBeGreaterThan(0);
    expect(sourceJobs[QUEUES.orders]?.length).toBeGreaterThan(0);

    // ── backup ──
    const backup = await runScript(BACKUP, ['--out', backupDir, '--node-dumper'], { MONGODB_URI: sourceUri, REDIS_URL: sourceRedisUrl, MEDIA_DIR: mediaDir });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { totalBytes: number; redis: { url: string; aof: string | null }; database: { collections: Record<string, number> } };
    expect(manifest.database.collections['orders']).toBe(orderIds.length);
    expect(manifest.redis.aof).toBe('redis/appendonlydir');
    // No credential and no personal data in what the operator sees or keeps beside the dump.
    for (const text of [backup.stdout, readFileSync(join(backupDir, 'manifest.json'), 'utf8')]) {
      expect(text).not.toContain(redisPassword);
      expect(text).not.toContain(DEMO_PHONES.buyer);
    }
    console.warn(`backup of the demo stack: ${(backup.ms / 1000).toFixed(1)} s, ${manifest.totalBytes} bytes (${JSON.stringify(statSync(join(backupDir, 'media.tar.gz')).size)} of media)`);

    // ── restore into a fresh FerretDB (another database name) and a fresh Redis ──
    const freshUri = `mongodb://127.0.0.1:${freshDb.port}/nss_restored`;
    const freshRedisUrl = `redis://127.0.0.1:${freshRedis.port}`;
    const target = { MONGODB_URI: freshUri, REDIS_URL: freshRedisUrl, MEDIA_DIR: restoredMedia };
    const restore = await runScript(RESTORE, [backupDir], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`ok  orders: ${orderIds.length}`);
    expect(restore.stdout).toContain('ok  stamps: ');
    expect(restore.stdout).not.toContain('BAD');
    console.warn(`restore of the demo stack: ${(restore.ms / 1000).toFixed(1)} s`);

    // Byte for byte: every document (with its BSON types), every index, every media file, every lasting key, every job.
    const fresh = new MongoClient(freshUri);
    expect(await snapshotDatabase(fresh.db())).toEqual(sourceSnapshot);
    const restoredSerials = (await fresh.db().collection('stamps').find({ batchId }).project({ _id: 1 }).toArray()).map((s) => String(s['_id'])).sort();
    expect(restoredSerials).toEqual(sourceSerials);
    expect(snapshotMedia(restoredMedia)).toEqual(sourceMedia);
    const freshRedisClient = new Redis(freshRedisUrl);
    expect(await persistentKeys(freshRedisClient)).toEqual(sourceKeys);
    await freshRedisClient.quit();
    const restoredJobs = await waitingJobs(freshRedisUrl);
    expect(restoredJobs).toEqual(sourceJobs);
    const mediaQueue = new Queue(QUEUES.media, { connection: { url: freshRedisUrl } });
    expect(await mediaQueue.getJobState(sourceJobs[QUEUES.media]?.[0]?.id as string)).toBe('waiting');
    await mediaQueue.close();

    // An API on the restored stack answers as the old one did: the same orders, stamp batch and report figures.
    restoredApi = await startTestApi({ MONGODB_URI: freshUri, REDIS_URL: freshRedisUrl, MEDIA_DIR: restoredMedia });
    expect(await orderViews(restoredApi, await login(restoredApi, DEMO_PHONES.buyer))).toEqual(sourceOrders);
    const restoredCoop = await login(restoredApi, DEMO_PHONES.coop);
    const batch = await restoredApi.request<StampBatch>({ method: 'GET', url: `/api/stamp-batches/${batchId}`, token: restoredCoop });
    expect(batch.body).toMatchObject({ status: 'ready', quantity: 60 });
    expect(await figuresOf(restoredApi, await login(restoredApi, DEMO_PHONES.staff))).toEqual(sourceFigures);

    // A second restore into the now non-empty stack is refused and changes nothing.
    const ordersBefore = await fresh.db().collection('orders').countDocuments();
    const refused = await runScript(RESTORE, [backupDir], target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--drop/);
    expect(await fresh.db().collection('orders').countDocuments()).toBe(ordersBefore);
    await fresh.close();

    // The Compose way (docker/README.md): the data directory of a stopped Redis, which then starts with AOF on.
    const redisDir = join(work, 'redis-dir');
    const intoDir = await runScript(RESTORE, [backupDir, '--skip-database', '--skip-media', '--redis-dir', redisDir], {});
    expect(intoDir.code).toBe(0);
    const fromDir = await startRedis(['--appendonly', 'yes'], redisDir);
    try {
      expect(await waitingJobs(`redis://127.0.0.1:${fromDir.port}`)).toEqual(sourceJobs);
    } finally {
      await stop(fromDir);
    }
  }, 300_000);
});
