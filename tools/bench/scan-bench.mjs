// Scan page benchmark: `npm run bench:scan`.
//
// Starts its own FerretDB and Redis (tools/scripts/lib/infra.mjs; MONGODB_URI / REDIS_URL override), builds the API
// and the worker, seeds the demo province, then makes the stamps as a seller would: LOTS lots with a production diary,
// a batch of BENCH_STAMPS / LOTS stamps requested for each through the API, made by the worker (serials, database, the
// scan path's copy in Redis, PDFs, CSV) and activated through the API. The API and the worker run as in production
// (`node dist/apps/<app>/main.js`, NODE_ENV=production) next to a bare Fastify "hello" server. autocannon at
// BENCH_CONNECTIONS (100) connections against hello, the Nest floor (a public route doing no work) and the scan page
// `/t/<serial>`, the serials handed out in turn across all connections (each request is a real scan: rate limit,
// stamp, Redis count, verdict, HTML; the scan record goes through the outbox). Then the scan page again while the
// worker makes a batch of BENCH_BIG_BATCH (180,000) stamps. Waits until the outbox is stored and checks the counts.
// Prints req/s, p50/p99 and the ratios to hello; writes bench/results/scan.json (top-level `ratio` = scan page req/s ÷
// hello req/s in the same run, `p99Ms` = the scan page's p99; `duringBatch.p99Ratio` = p99 during the batch ÷ idle p99).
// Targets (issue 7 §9): ratio ≥ 0.5, p99 ≤ 20 ms, p99 during a 180,000-stamp batch ≤ 2× the idle p99.
// Options (env): BENCH_STAMPS (20000), BENCH_BIG_BATCH (180000; 0 skips that part), BENCH_SECONDS (10),
// BENCH_CONNECTIONS (100), BENCH_SKIP_BUILD=1, BENCH_PROFILE_DIR (a V8 CPU profile of the API process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { freePort, startMongo, startRedis, waitForHttp } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir, spawnService } from '../scripts/lib/proc.mjs';
import { productionEnv, withDatabase } from './bench-env.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const STAMPS = Number(process.env.BENCH_STAMPS ?? 20_000);
const BIG_BATCH = Number(process.env.BENCH_BIG_BATCH ?? 180_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const WARMUP_SECONDS = 3;
const LOTS = 4;
const DEMO_PASSWORD = 'NongSan@2026';
const SELLER_PHONE = '0901000004';
const TARGETS = { ratio: 0.5, p99Ms: 20, duringBatchP99Ratio: 2 };

installShutdownHandlers();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-scan-'));
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));

async function main() {
  const [mongoPort, redisPort, apiPort, helloPort, floorPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const baseMongo = await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: mongoPort, db: 'bench_scan', name: 'bench-ferretdb' });
  const mongoUri = withDatabase(baseMongo, `bench_scan_${randomBytes(3).toString('hex')}`);
  const redisUrl = await startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, persist: false, name: 'bench-redis' });

  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say('building the API and the worker (npx nx run-many -t build -p api worker)');
    const { code } = await runCommand('nx-build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--skip-nx-cache'], { timeoutMs: 15 * 60_000, logFile: 'nx-build.log', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } });
    if (code !== 0) throw new Error('the build failed (see .run/bench-logs/nx-build.log)');
  }
  const mainJs = path.join(repoRoot, 'dist/apps/api/main.js');
  const workerJs = path.join(repoRoot, 'dist/apps/worker/main.js');
  for (const file of [mainJs, workerJs]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it first`);

  const env = benchEnv({ apiPort, mongoUri, redisUrl });
  say('seeding the demo province');
  const seeded = await runCommand('bench-scan-seed', process.execPath, [mainJs, 'seed'], { env: { ...env, NODE_ENV: 'development' }, logFile: 'bench-scan-seed.log', timeoutMs: 10 * 60_000 });
  if (seeded.code !== 0) throw new Error('seed failed (see .run/bench-logs/bench-scan-seed.log)');

  say('starting the API, the worker and the bare Fastify server');
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const apiService = spawnService('bench-api', process.execPath, [...profile, mainJs], { env });
  const workerService = spawnService('bench-worker', process.execPath, [workerJs], { env });
  const helloService = spawnService('bench-hello', process.execPath, [path.join(repoRoot, 'tools/bench/hello-server.mjs'), String(helloPort)]);
  await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, { timeoutMs: 120_000, service: apiService });
  await waitForHttp(`http://127.0.0.1:${helloPort}/`, { timeoutMs: 30_000, service: helloService });
  void workerService;

  const api = `http://127.0.0.1:${apiPort}`;
  const seller = await signIn(api, SELLER_PHONE);
  say(`making ${STAMPS} stamps in ${LOTS} batches through the API and the worker`);
  const made = Date.now();
  const lots = await seedLots(mongoUri, seller.sellerId);
  const batches = await Promise.all(lots.map((lotId) => requestBatch(api, seller.token, lotId, Math.ceil(STAMPS / LOTS))));
  for (const batch of batches) await until(api, seller.token, batch.id, (b) => b.status === 'ready', 10 * 60_000);
  for (const batch of batches) {
    const res = await call(api, seller.token, 'POST', `/api/stamp-batches/${batch.id}/activate`, {});
    if (res.status >= 300) throw new Error(`activation answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  for (const batch of batches) await until(api, seller.token, batch.id, (b) => b.activated === b.quantity, 10 * 60_000);
  say(`stamps made and activated in ${((Date.now() - made) / 1000).toFixed(1)} s`);
  const serials = await serialsOf(mongoUri, batches.map((b) => b.id));

  const first = await fetch(`${api}/t/${serials[0]}`);
  const page = await first.text();
  if (first.status !== 200 || !page.includes('data-verdict="genuine_first"')) throw new Error(`the scan page answered ${first.status}: ${page.slice(0, 300)}`);
  say(`scan page: ${Buffer.byteLength(page)} bytes, verdict genuine_first`);

  const results = {};
  results.hello = await load('hello', `http://127.0.0.1:${helloPort}`, [{ method: 'GET', path: '/' }]);
  results.nestFloor = await load('nest floor (GET /api/categories)', api, [{ method: 'GET', path: '/api/categories' }]);
  // The floor of the scan's own work on bare Fastify (tools/bench/scan-floor-server.mjs): the same Redis work, a page
  // of the same size, no framework.
  const floorService = spawnService('bench-scan-floor', process.execPath, [path.join(repoRoot, 'tools/bench/scan-floor-server.mjs'), String(floorPort), redisUrl, String(Buffer.byteLength(page))]);
  await waitForHttp(`http://127.0.0.1:${floorPort}/t/ping`, { timeoutMs: 30_000, service: floorService });
  let floorTurn = 1;
  results.scanWorkFloor = await load('scan work on bare Fastify (floor)', `http://127.0.0.1:${floorPort}`, [
    { method: 'GET', path: '/t/', setupRequest: (req) => ({ ...req, path: `/t/${serials[floorTurn++ % serials.length]}` }) },
  ]);
  let turn = 1;
  const inTurn = [{ method: 'GET', path: '/t/', setupRequest: (req) => ({ ...req, path: `/t/${serials[turn++ % serials.length]}` }) }];
  results.scanPage = await load('scan page (/t/<serial>)', api, inTurn);
  let duringBatch = { measured: false, why: 'BENCH_BIG_BATCH=0' };
  let scansDuringBatch = 0;
  if (BIG_BATCH > 0) {
    const [lotId] = await seedLots(mongoUri, seller.sellerId, 1);
    const big = await requestBatch(api, seller.token, lotId, BIG_BATCH);
    const generating = await until(api, seller.token, big.id, (b) => b.status === 'generating' && b.progress.made > 0, 5 * 60_000);
    say(`a batch of ${BIG_BATCH} stamps is being made (${generating.progress.made} so far)`);
    results.scanDuringBatch = await load(`scan page while the worker makes ${BIG_BATCH} stamps`, api, inTurn);
    scansDuringBatch = results.scanDuringBatch.warmupRequests + results.scanDuringBatch.requests;
    const after = await call(api, seller.token, 'GET', `/api/stamp-batches/${big.id}`);
    const stillMaking = after.body.status === 'generating';
    duringBatch = {
      measured: true,
      stamps: BIG_BATCH,
      madeWhenLoadEnded: after.body.progress?.made,
      batchStillGeneratingWhenLoadEnded: stillMaking,
      p99Ms: results.scanDuringBatch.p99Ms,
      idleP99Ms: results.scanPage.p99Ms,
      p99Ratio: Math.round((results.scanDuringBatch.p99Ms / Math.max(1, results.scanPage.p99Ms)) * 100) / 100,
    };
    await call(api, seller.token, 'POST', `/api/stamp-batches/${big.id}/cancel`, {});
  }
  const drain = await drained(mongoUri, 1 + results.scanPage.warmupRequests + results.scanPage.requests + scansDuringBatch, Date.now());

  const ratio = (r) => Math.round((r.reqPerSec / results.hello.reqPerSec) * 100) / 100;
  const summary = {
    ratio: ratio(results.scanPage),
    p99Ms: results.scanPage.p99Ms,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
    setup: { stamps: STAMPS, lots: LOTS, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, database: 'FerretDB 1.24.2 (SQLite)', pageBytes: Buffer.byteLength(page) },
    results,
    ratios: { scanPageToHello: ratio(results.scanPage), nestFloorToHello: ratio(results.nestFloor), scanWorkFloorToHello: ratio(results.scanWorkFloor) },
    outbox: drain,
    duringBatch,
    targets: TARGETS,
  };
  summary.meetsTargets = {
    ratio: summary.ratio >= TARGETS.ratio,
    p99: summary.p99Ms <= TARGETS.p99Ms,
    duringBatch: duringBatch.measured ? duringBatch.p99Ratio <= TARGETS.duringBatchP99Ratio : null,
  };

  console.log('');
  console.log('endpoint           req/s      p50 ms   p99 ms   errors   ×hello');
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(16)} ${String(r.reqPerSec).padStart(8)} ${String(r.p50Ms).padStart(9)} ${String(r.p99Ms).padStart(8)} ${String(r.errors + r.non2xx).padStart(8)}   ${ratio(r)}`);
  }
  const met = (ok) => (ok ? 'met' : 'NOT met');
  console.log(`the scan's own work on bare Fastify reaches ${ratio(results.scanWorkFloor)}× hello; the scan page is ${Math.round((results.scanPage.reqPerSec / results.scanWorkFloor.reqPerSec) * 100) / 100}× that floor`);
  console.log(`targets: ≥ ${TARGETS.ratio}× hello → ${met(summary.meetsTargets.ratio)}; p99 ≤ ${TARGETS.p99Ms} ms → ${met(summary.meetsTargets.p99)}`);
  console.log(`outbox: ${drain.stored} of ${drain.expected} scans stored, ${drain.secondsAfterLoad} s after the load ended; stamp documents account for ${drain.counted} (copying goes on at ≤ 40 stamps/s)`);
  console.log(
    duringBatch.measured
      ? `while the worker makes ${BIG_BATCH} stamps: p99 ${duringBatch.p99Ms} ms = ${duringBatch.p99Ratio}× the idle p99 (target ≤ ${TARGETS.duringBatchP99Ratio}×) → ${met(summary.meetsTargets.duringBatch)}${duringBatch.batchStillGeneratingWhenLoadEnded ? '' : ' (the batch ended before the load did)'}`
      : `during a big batch: not measured (${duringBatch.why})`,
  );
  console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.loadAverage.join(' / ')}`);

  const out = path.join(repoRoot, 'bench/results/scan.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  say(`wrote ${path.relative(repoRoot, out)}`);
}

function benchEnv({ apiPort, mongoUri, redisUrl }) {
  return productionEnv({
    apiPort,
    mongoUri,
    redisUrl,
    mediaDir: path.join(workDir, 'media'),
    extra: {
      // One autocannon client is one address: its per-client budget is set to the highest allowed (the limiter still runs).
      TRACE_SCAN_RATE: '100000',
      // The bench's batches are approved at once (staff approval is not what is measured).
      TRACE_AUTO_APPROVE_MAX: '200000',
    },
  });
}

const DIARY = [
  ['planting', 'Đồi chè số 3'],
  ['fertilising', 'Đồi chè số 3'],
  ['harvest', 'Đồi chè số 3'],
  ['drying', 'Xưởng sao chè HTX'],
  ['processing', 'Xưởng sao chè HTX'],
  ['packing', 'Xưởng đóng gói'],
];

/** Signs a demo account in: its token and seller id. */
async function signIn(api, phone) {
  const res = await call(api, undefined, 'POST', '/api/auth/login', { phone, password: DEMO_PASSWORD });
  if (res.status >= 300) throw new Error(`sign-in of ${phone} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
  const me = await call(api, res.body.accessToken, 'GET', '/api/sellers/me');
  const sellerId = me.body?.id;
  if (!sellerId) throw new Error(`${phone} has no seller: ${JSON.stringify(me.body).slice(0, 200)}`);
  return { token: res.body.accessToken, sellerId };
}

async function call(api, token, method, url, body) {
  const res = await fetch(`${api}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function requestBatch(api, token, lotId, quantity) {
  const res = await call(api, token, 'POST', '/api/stamp-batches', { lotId, quantity });
  if (res.status !== 201) throw new Error(`a batch request answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** Polls a batch until `done(batch)`. */
async function until(api, token, batchId, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(api, token, 'GET', `/api/stamp-batches/${batchId}`);
    if (res.status === 200 && done(res.body)) return res.body;
    if (res.body?.status === 'failed' || Date.now() > deadline) throw new Error(`batch ${batchId}: ${JSON.stringify(res.body).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `n` lots of the seller's approved products (directly in the database), each with a production diary. */
async function seedLots(mongoUri, sellerId, n = LOTS) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const db = client.db();
    const products = await db.collection('products').find({ sellerId, status: 'approved' }).limit(n).toArray();
    if (products.length === 0) throw new Error('the demo seller has no approved product');
    const lotIds = [];
    for (let l = 0; l < n; l++) {
      const product = products[l % products.length];
      const owner = { sellerId, provinceCode: product.provinceCode, communeCode: product.communeCode };
      const lotId = new ObjectId();
      await db.collection('lots').insertOne({
        _id: lotId, code: `LOT-${randomBytes(3).toString('hex').toUpperCase()}`, productId: String(product._id), productName: product.name, sellerName: product.sellerName ?? 'HTX',
        ...owner, adminEra: '2025', producedOn: '2026-05-22', expiresOn: '2027-05-22', shelfLifeDays: 365, quantity: 500, unit: 'pack', standards: ['VietGAP'],
        photoIds: [], note: null, status: 'open', createdByUserId: String(new ObjectId()), createdAt: new Date(), updatedAt: new Date(),
      });
      await db.collection('lot_diary').insertMany(
        DIARY.map(([type, place], i) => ({
          lotId: String(lotId), sellerId, provinceCode: owner.provinceCode, clientId: `bench-${lotId}-${i}`, type,
          at: new Date(Date.UTC(2026, 4, 10 + i * 2, 2)), place: { text: place, communeCode: owner.communeCode }, note: 'Ghi chép của hộ sản xuất', photoId: null,
          inputs: [], recordedByUserId: String(new ObjectId()), recordedAt: new Date(),
        })),
      );
      lotIds.push(String(lotId));
    }
    return lotIds;
  } finally {
    await client.close();
  }
}

/** The serials of the batches, in a random order (consecutive requests hit different lots and stamps). */
async function serialsOf(mongoUri, batchIds) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const rows = await client.db().collection('stamps').find({ batchId: { $in: batchIds } }, { projection: { _id: 1 } }).toArray();
    return rows.map((r) => String(r._id)).sort(() => Math.random() - 0.5);
  } finally {
    await client.close();
  }
}

/**
 * Waits (up to 120 s) until every answered scan is stored in stamp_scans; then reports how many scans the stamp
 * documents account for 10 s later (ScanWriter copies counters onto them at ≤ 40 stamps/s: Redis holds them meanwhile).
 */
async function drained(mongoUri, expected, loadEnded) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const db = client.db();
    let stored = 0;
    for (let i = 0; i < 240; i++) {
      stored = await db.collection('stamp_scans').countDocuments({});
      if (stored >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const secondsAfterLoad = Math.max(0, Math.round((Date.now() - loadEnded) / 100) / 10);
    let counted = 0;
    for (let i = 0; i < 10; i++) {
      const [row] = await db.collection('stamps').aggregate([{ $group: { _id: null, n: { $sum: '$scanCount' } } }]).toArray();
      counted = row?.n ?? 0;
      if (counted >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return { expected, stored, counted, secondsAfterLoad };
  } finally {
    await client.close();
  }
}

async function load(name, url, requests) {
  say(`${name}: warm-up ${WARMUP_SECONDS} s`);
  const warm = await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests });
  say(`${name}: ${CONNECTIONS} connections for ${SECONDS} s`);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
  return {
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    warmupRequests: warm.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

main()
  .then(() => killAll())
  .then(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`[bench] ${error.stack ?? error}`);
    await killAll();
    process.exit(1);
  });
