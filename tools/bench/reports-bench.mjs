// Province reporting benchmark: `npm run bench:reports` (issue 8 § 9).
//
// Starts its own FerretDB and Redis (tools/scripts/lib/infra.mjs; MONGODB_URI / REDIS_URL override), builds the API
// and the worker, and makes two databases on the same FerretDB: "big" with BENCH_ORDERS (1,000,000) orders and
// BENCH_SELLERS (100,000) sellers, "small" with 1/100 of that (10,000 orders), seeded the same way. Each gets the demo
// province (`main.js seed`: its province staff account signs in) and then synthetic domain events across the 34
// provinces, written straight into the source collections with insertMany (tools/bench/reports-seed.mjs: seller
// accounts and verifications, trainings, listings, orders created/paid/completed/cancelled/refunded with their lines
// and net weights, stamp scans). The real worker (`node dist/apps/worker/main.js`, its `report.ingest` job every 5 s)
// folds them into deltas and rollups; the bench prints its progress and throughput (events/s) until its cursors reached
// the last event and no day is left to fold. Nothing here writes a rollup.
// Then the province dashboard as it loads (`/api/reports/figures`, `/communes`, `/series`, province 19, month
// 2026-11) with the province staff's token, autocannon at BENCH_CONNECTIONS (4) for BENCH_SECONDS (10) a round, the
// databases taken in turn for BENCH_ROUNDS (2) rounds; p95 over all rounds. And a full-year XLSX export of the
// province, timed end to end (see exportYear).
// Writes bench/results/reports.json: `p95` = figures p95 on the big database (ms), `ratio` = that ÷ the small one's.
// Targets: p95 ≤ 50 ms, ratio ≤ 1.5, year export ≤ 10 s.
// Options (env): BENCH_ORDERS, BENCH_SELLERS, BENCH_SMALL_ORDERS (10000), BENCH_SECONDS, BENCH_CONNECTIONS,
// BENCH_ROUNDS, BENCH_SKIP_BUILD=1, BENCH_PROFILE_DIR (V8 CPU profiles of the big database's worker and API).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort, startMongo, startRedis, waitForHttp } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir, spawnService } from '../scripts/lib/proc.mjs';
import { productionEnv, withDatabase } from './bench-env.mjs';
import { exportYear } from './reports-export.mjs';
import { SOURCE_COLLECTIONS, seededPosition, seedReportEvents } from './reports-seed.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');
const { Redis } = require('ioredis');

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const SELLERS = Number(process.env.BENCH_SELLERS ?? Math.round(ORDERS / 10));
const SMALL_ORDERS = Number(process.env.BENCH_SMALL_ORDERS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_SECONDS = 2;
const PROVINCE = '19';
const MONTH = '2026-11';
const STAFF_PHONE = '0901000002';
const DEMO_PASSWORD = 'NongSan@2026';
const TARGETS = { p95Ms: 50, ratio: 1.5, exportSeconds: 10 };
const INGEST_TIMEOUT_MS = 40 * 60_000;

installShutdownHandlers();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-reports-'));
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));
const round1 = (n) => Math.round(n * 10) / 10;
const loadAverage = () => os.loadavg().map(round1);

async function main() {
  const started = performance.now();
  const [mongoPort, redisPort] = [await freePort(), await freePort()];
  const baseMongo = await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: mongoPort, db: 'bench_reports', name: 'bench-ferretdb' });
  const redisBase = await startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, persist: false, name: 'bench-redis' });
  const suffix = randomBytes(3).toString('hex');

  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say('building the API and the worker (npx nx run-many -t build -p api worker)');
    const { code } = await runCommand('nx-build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker'], { timeoutMs: 15 * 60_000, logFile: 'nx-build.log', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } });
    if (code !== 0) throw new Error('the build failed (see .run/bench-logs/nx-build.log)');
  }
  const apiJs = path.join(repoRoot, 'dist/apps/api/main.js');
  const workerJs = path.join(repoRoot, 'dist/apps/worker/main.js');
  for (const file of [apiJs, workerJs]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it first`);

  // Each database has its own Redis database: the `reporting` queue and its scheduler are per Redis.
  const sets = [
    { name: 'small', orders: SMALL_ORDERS, sellers: Math.max(100, Math.round((SELLERS * SMALL_ORDERS) / ORDERS)), db: `bench_reports_small_${suffix}`, redisDb: 1 },
    { name: 'big', orders: ORDERS, sellers: SELLERS, db: `bench_reports_big_${suffix}`, redisDb: 0 },
  ];
  for (const set of sets) {
    set.mongoUri = withDatabase(baseMongo, set.db);
    set.redisUrl = `${redisBase.replace(/\/\d*$/, '')}/${set.redisDb}`;
    set.apiPort = await freePort();
    set.env = productionEnv({ apiPort: set.apiPort, mongoUri: set.mongoUri, redisUrl: set.redisUrl, mediaDir: path.join(workDir, `media-${set.name}`) });
    await prepare(set, apiJs, workerJs);
  }

  const results = { small: {}, big: {} };
  const samples = { small: {}, big: {} };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const set of sets) {
      say(`round ${round}/${ROUNDS}, ${set.name} database (${set.orders} orders), load average ${loadAverage().join(' / ')}`);
      for (const [key, url] of Object.entries(dashboardRequests())) {
        const lat = await measure(`${set.name} ${key}`, `http://127.0.0.1:${set.apiPort}`, url, set.token);
        (samples[set.name][key] ??= []).push(...lat.samples);
        results[set.name][key] = { ...(results[set.name][key] ?? {}), [`round${round}`]: lat.summary };
      }
    }
  }
  for (const set of sets) for (const [key, list] of Object.entries(samples[set.name])) results[set.name][key].p95Ms = percentile(list, 95);

  say('timing a full-year XLSX export of the province (big database)');
  const big = sets[1];
  const exported = await exportYear({ api: `http://127.0.0.1:${big.apiPort}`, token: big.token, province: PROVINCE, year: MONTH.slice(0, 4) });

  const p95 = results.big.figures.p95Ms;
  const summary = {
    p95,
    ratio: Math.round((p95 / Math.max(0.1, results.small.figures.p95Ms)) * 100) / 100,
    communesP95: results.big.communes.p95Ms,
    seriesP95: results.big.series.p95Ms,
    communesRatio: Math.round((results.big.communes.p95Ms / Math.max(0.1, results.small.communes.p95Ms)) * 100) / 100,
    seriesRatio: Math.round((results.big.series.p95Ms / Math.max(0.1, results.small.series.p95Ms)) * 100) / 100,
    exportSeconds: exported.seconds,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: loadAverage(), node: process.version },
    setup: {
      database: 'FerretDB 1.24.2 (SQLite)',
      province: PROVINCE,
      month: MONTH,
      requests: dashboardRequests(),
      connections: CONNECTIONS,
      secondsPerRound: SECONDS,
      rounds: ROUNDS,
      auth: `province staff ${STAFF_PHONE} (Bearer token from /api/auth/login)`,
      p95: 'over every request of all rounds (autocannon response times)',
    },
    databases: Object.fromEntries(sets.map((s) => [s.name, { orders: s.orders, sellers: s.sellers, events: s.events, seed: s.seedStats, ingest: s.ingestStats, results: results[s.name] }])),
    export: exported,
    totalSeconds: Math.round((performance.now() - started) / 1000),
    targets: TARGETS,
  };
  summary.meetsTargets = { p95: summary.p95 <= TARGETS.p95Ms, ratio: summary.ratio <= TARGETS.ratio, export: exported.seconds <= TARGETS.exportSeconds };

  console.log('');
  console.log('database  orders     events    seed s  ingest s  events/s   figures p95  communes p95  series p95');
  for (const s of sets) {
    const r = results[s.name];
    console.log(
      `${s.name.padEnd(8)} ${String(s.orders).padStart(8)} ${String(s.events.total).padStart(10)} ${String(s.seedStats.seconds).padStart(8)} ${String(s.ingestStats.seconds).padStart(9)} ${String(s.ingestStats.eventsPerSec).padStart(9)}   ${String(r.figures.p95Ms).padStart(8)} ms ${String(r.communes.p95Ms).padStart(10)} ms ${String(r.series.p95Ms).padStart(8)} ms`,
    );
  }
  const met = (ok) => (ok ? 'met' : 'NOT met');
  console.log(`figures p95 ${p95} ms (target ≤ ${TARGETS.p95Ms}) → ${met(summary.meetsTargets.p95)}; ratio to ${SMALL_ORDERS} orders ${summary.ratio} (≤ ${TARGETS.ratio}) → ${met(summary.meetsTargets.ratio)}`);
  console.log(`full-year XLSX export (${exported.how}): ${exported.seconds} s, ${exported.bytes} bytes (≤ ${TARGETS.exportSeconds} s) → ${met(summary.meetsTargets.export)}`);
  console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.loadAverage.join(' / ')}; whole bench ${summary.totalSeconds} s`);

  const out = path.join(repoRoot, 'bench/results/reports.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  say(`wrote ${path.relative(repoRoot, out)}`);
}

/** The province dashboard's reads for a month, as the page loads them. */
function dashboardRequests() {
  const q = `province=${PROVINCE}&period=month&at=${MONTH}`;
  return {
    figures: `/api/reports/figures?${q}`,
    communes: `/api/reports/communes?${q}`,
    series: `/api/reports/series?${q}&figure=revenue_vnd&granularity=day`,
  };
}

/** Seeds one database, lets its worker ingest everything, then starts its API and signs the staff in. */
async function prepare(set, apiJs, workerJs) {
  say(`[${set.name}] seeding the demo province (main.js seed)`);
  const seeded = await runCommand(`bench-reports-seed-${set.name}`, process.execPath, [apiJs, 'seed'], { env: { ...set.env, NODE_ENV: 'development' }, logFile: `bench-reports-seed-${set.name}.log`, timeoutMs: 10 * 60_000 });
  if (seeded.code !== 0) throw new Error(`seed failed (see .run/bench-logs/bench-reports-seed-${set.name}.log)`);

  const client = await MongoClient.connect(set.mongoUri);
  const redis = new Redis(set.redisUrl);
  try {
    const db = client.db();
    say(`[${set.name}] writing the events of ${set.orders} orders and ${set.sellers} sellers (insertMany)`);
    const t0 = performance.now();
    const seed = await seedReportEvents(db, { orders: set.orders, sellers: set.sellers, repoRoot, ObjectId, onProgress: (m) => say(`[${set.name}]   ${m}`) });
    const seedMs = performance.now() - t0;
    const total = Object.values(seed.counts).reduce((a, b) => a + b, 0);
    set.events = { ...seed.counts, total };
    set.seedStats = { seconds: Math.round(seedMs / 100) / 10, eventsPerSec: Math.round((total / seedMs) * 1000), loadAverage: loadAverage() };
    say(`[${set.name}] ${total} events in ${set.seedStats.seconds} s (${set.seedStats.eventsPerSec}/s): ${JSON.stringify(seed.counts)}`);

    const profile = process.env.BENCH_PROFILE_DIR && set.name === 'big' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    say(`[${set.name}] starting the worker; its report.ingest job folds the events`);
    const t1 = performance.now();
    const worker = spawnService(`bench-reports-worker-${set.name}`, process.execPath, [...profile, workerJs], { env: set.env });
    set.ingestStats = await waitForIngest(set, redis, worker, seed, total, t1);
    say(`[${set.name}] ingest done: ${total} events in ${set.ingestStats.seconds} s = ${set.ingestStats.eventsPerSec} events/s (cursors at the end after ${set.ingestStats.readSeconds} s)`);
    set.ingestStats.rollups = await db.collection('report_rollups').countDocuments({});
    set.ingestStats.deltas = await db.collection('report_deltas').estimatedDocumentCount();
    const monthDoc = await db.collection('report_rollups').findOne({ _id: `m:${PROVINCE}:${MONTH}` });
    const yearDoc = await db.collection('report_rollups').findOne({ _id: `y:${PROVINCE}:${MONTH.slice(0, 4)}` });
    set.ingestStats.monthRollupBytes = monthDoc ? Buffer.byteLength(JSON.stringify(monthDoc)) : 0;
    set.ingestStats.yearRollupBytes = yearDoc ? Buffer.byteLength(JSON.stringify(yearDoc)) : 0;
  } finally {
    redis.disconnect();
    await client.close();
  }

  const apiProfile = process.env.BENCH_PROFILE_DIR && set.name === 'big' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const api = spawnService(`bench-reports-api-${set.name}`, process.execPath, [...apiProfile, apiJs], { env: set.env });
  await waitForHttp(`http://127.0.0.1:${set.apiPort}/api/health`, { timeoutMs: 120_000, service: api });
  const login = await fetch(`http://127.0.0.1:${set.apiPort}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: STAFF_PHONE, password: DEMO_PASSWORD }) });
  const body = await login.json();
  if (login.status >= 300 || !body.accessToken) throw new Error(`staff sign-in answered ${login.status}: ${JSON.stringify(body).slice(0, 200)}`);
  set.token = body.accessToken;
  const check = await fetch(`http://127.0.0.1:${set.apiPort}${dashboardRequests().figures}`, { headers: { authorization: `Bearer ${set.token}` } });
  const figures = await check.json();
  if (check.status !== 200) throw new Error(`figures answered ${check.status}: ${JSON.stringify(figures).slice(0, 300)}`);
  const value = (name) => figures.figures.find((f) => f.name === name)?.value;
  set.ingestStats.month = { orders_created: value('orders_created'), revenue_vnd: value('revenue_vnd'), active_sellers: value('active_sellers') };
  say(`[${set.name}] province ${PROVINCE}, ${MONTH}: ${JSON.stringify(set.ingestStats.month)}`);
  if (!(value('orders_created') > 0)) throw new Error('the month shows no orders: the ingest did not fold the events');
}

/** Waits until every source's cursor reached its last seeded event and no day is left to fold; prints progress. */
async function waitForIngest(set, redis, worker, seed, total, t1) {
  const keyOf = (source) => `nss:report:${set.db}:cursor:${source}`;
  let readAt = null;
  let lastSaid = 0;
  for (;;) {
    if (!worker.isAlive()) throw new Error(`the worker exited (see ${worker.logFile})`);
    const cursors = Object.fromEntries(await Promise.all(Object.keys(SOURCE_COLLECTIONS).map(async (s) => [s, await redis.get(keyOf(s))])));
    const done = Object.entries(seed.last).map(([s, last]) => (!last ? seed.counts[s] : cursors[s] && cursors[s] >= last ? seed.counts[s] : seededPosition(s, cursors[s])));
    const read = done.reduce((a, b) => a + b, 0);
    const dirty = await redis.scard(`nss:report:${set.db}:dirty`);
    if (read >= total && readAt === null) readAt = performance.now();
    if (read >= total && dirty === 0) break;
    if (performance.now() - lastSaid > 10_000) {
      lastSaid = performance.now();
      const s = (performance.now() - t1) / 1000;
      say(`[${set.name}]   ingest ${read} / ${total} events read (${Math.round(read / s)}/s), ${dirty} days to fold, ${Math.round(s)} s, load ${loadAverage()[0]}`);
    }
    if (performance.now() - t1 > INGEST_TIMEOUT_MS) throw new Error(`the ingest did not catch up in ${INGEST_TIMEOUT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ms = performance.now() - t1;
  return { seconds: Math.round(ms / 100) / 10, readSeconds: Math.round((readAt - t1) / 100) / 10, eventsPerSec: Math.round((total / ms) * 1000), loadAverage: loadAverage() };
}

/** autocannon on one URL (warm-up first); every response time kept for the p95. */
async function measure(name, base, url, token) {
  const opts = { url: `${base}${url}`, connections: CONNECTIONS, headers: { authorization: `Bearer ${token}` } };
  await autocannon({ ...opts, duration: WARMUP_SECONDS });
  const samples = [];
  const instance = autocannon({ ...opts, duration: SECONDS });
  instance.on('response', (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  const r = await instance;
  const summary = { reqPerSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p95Ms: percentile(samples, 95), p99Ms: r.latency.p99, requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  say(`  ${name}: ${summary.reqPerSec} req/s, p50 ${summary.p50Ms} ms, p95 ${summary.p95Ms} ms, p99 ${summary.p99Ms} ms${summary.non2xx + summary.errors ? `, ${summary.non2xx} non-2xx, ${summary.errors} errors` : ''}`);
  if (summary.non2xx || summary.errors) throw new Error(`${name}: ${summary.non2xx} non-2xx answers, ${summary.errors} errors`);
  return { summary, samples };
}

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
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
