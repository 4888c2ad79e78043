#!/usr/bin/env node
// Fault-injection suite: `npm run test:faults` (and the `faults` stage of `npm test`). Issue 10 §2 and §4.
//
// Starts the real processes from the build (dist/: `nx run-many -t build -p api worker messaging-sim vnpay-sim
// bank-feed-sim`; FAULTS_BUILD=1 builds first): FerretDB (own data dir), Redis with its append-only file (own dir, so
// a restart keeps the queues), the three simulators, two APIs and two workers on the same database and Redis. Seeds
// the demo province plus buyers and products with stock, and runs a realistic load (checkouts paid by cash on
// delivery, at the VNPay simulator (IPN) with some failed/cancelled outcomes, by VietQR transfers the bank-feed
// simulator posts; order notices through the outbox and the messaging simulator; stamp batches; report exports),
// while it injects, one after the other with a recovery wait:
//   redis-restart       Redis stopped and started again on the same append-only file
//   ferretdb-restart    FerretDB stopped and started again on the same data
//   worker-kill-stamps  SIGKILL of the worker making a stamp batch, mid-batch; a replacement started
//   worker-kill-export  SIGKILL of the worker building a report export, mid-export; a replacement started
//   worker-kill-message SIGKILL of the worker waiting for the messaging provider's answer, mid-delivery; a replacement
//   api-kill            SIGKILL of the second API (clients go on with the first, as real clients retry); a replacement
// Then it stops the load, waits for the system to settle (queues, outbox, IPNs and transfers, ingest) and checks the
// books (tools/faults/lib/books.mjs): orders once with stock taken once, payments once and no failed one paid, each
// stamp batch exactly N, messages at most once per channel and each delivered or dead-lettered, exports done once,
// report rollups equal to a rebuild (`report:rebuild`'s drift). Prints the figures and writes bench/results/faults.json.
//
// Exit code: 1 when a books check found a discrepancy or a fault scenario did not recover in time. 5xx answers during
// a fault are figures, not failures, unless FAULTS_STRICT=1 (then a 500 in a fault's window fails that scenario, and a
// process dying on its own is one more failure; a 503 with Retry-After is what a degrading service should answer).
//
// Settings (environment): FAULTS_LOAD_LOOPS (4), FAULTS_MAX_CHECKOUTS (400), FAULTS_STAMPS (6000 per batch),
// FAULTS_DOWN_MS (4000, how long Redis / FerretDB stay down), FAULTS_RECOVERY_TIMEOUT_MS (60000), FAULTS_QUIESCE_MS
// (150000), FAULTS_STRICT=1, FAULTS_BUILD=1, FAULTS_REPORT (a JSON file with { passed, failed } for test-all),
// FAULTS_RESULTS (where the figures go instead of bench/results/faults.json; npm test keeps them in its temp dir),
// FAULTS_KEEP=1 (keep the temp dir), and fixed ports instead of free ones: FAULTS_MONGO_PORT, FAULTS_REDIS_PORT,
// FAULTS_API_PORTS (two, comma-separated), FAULTS_VNPAY_SIM_PORT, FAULTS_BANK_FEED_SIM_PORT, FAULTS_MESSAGING_SIM_PORT.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { freePort } from '../scripts/lib/net.mjs';
import { ensureRedisServer, ferretdbBinary } from '../scripts/lib/infra.mjs';
import { repoRoot, runCommand } from '../scripts/lib/proc.mjs';
import { BANK_FEED_DEV_API_KEY, DIST, VNPAY_DEV_HASH_SECRET, VNPAY_DEV_TMN_CODE, randomKey32, randomSecret } from '../scripts/lib/stack.mjs';
import { callApi, attempts, window } from './lib/client.mjs';
import { newLedger, probeLoop, runLoad } from './lib/load.mjs';
import { cpuMs, killEverything, onUnexpectedDeath, sleep, startFerret, startNode, startRedisServer } from './lib/procs.mjs';
import { checkExports, checkMessages, checkOrders, checkPayments, checkStamps, checkStock } from './lib/books.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const LOOPS = num('FAULTS_LOAD_LOOPS', 4);
const MAX_CHECKOUTS = num('FAULTS_MAX_CHECKOUTS', 400);
const STAMPS = num('FAULTS_STAMPS', 6000);
const DOWN_MS = num('FAULTS_DOWN_MS', 4000);
const RECOVERY_TIMEOUT_MS = num('FAULTS_RECOVERY_TIMEOUT_MS', 60_000);
const QUIESCE_MS = num('FAULTS_QUIESCE_MS', 150_000);
const STRICT = process.env.FAULTS_STRICT === '1';
const PRODUCTS = 12;
const INITIAL_STOCK = 100_000;
const BUYERS = 24;
const DB_NAME = 'nss_faults';
const PASSWORD = 'NongSan@2026';
const PHONES = { admin: '0901000001', staff: '0901000002', seller: '0901000004', buyer: '0901000009' };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-faults-'));
const logDir = path.join(tmp, 'logs');
const t0 = Date.now();
const log = (msg) => console.log(`[faults +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

const unexpected = [];
onUnexpectedDeath((name, code, signal) => {
  unexpected.push({ name, code, signal, at: Date.now() });
  log(`⚠ ${name} died on its own (${signal ?? `exit ${code}`})`);
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killEverything();
    process.exit(130);
  });
}
process.on('exit', () => killEverything());

async function main() {
  if (process.env.FAULTS_BUILD === '1') {
    log('building api, worker and the simulators');
    const built = await runCommand('nx build (faults)', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'messaging-sim', 'vnpay-sim', 'bank-feed-sim', '--outputStyle=static'], {
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    });
    if (built.code !== 0) throw new Error('the build failed');
  }
  for (const f of [DIST.api, DIST.worker, DIST.sim, DIST.vnpaySim, DIST.bankFeedSim]) if (!fs.existsSync(f)) throw new Error(`${path.relative(repoRoot, f)} is missing: build first (FAULTS_BUILD=1)`);

  const apiPorts = (process.env.FAULTS_API_PORTS ?? '').split(',').filter(Boolean).map(Number);
  const ports = {
    mongo: num('FAULTS_MONGO_PORT', 0) || (await freePort()),
    redis: num('FAULTS_REDIS_PORT', 0) || (await freePort()),
    api: [apiPorts[0] || (await freePort()), apiPorts[1] || (await freePort())],
    vnpaySim: num('FAULTS_VNPAY_SIM_PORT', 0) || (await freePort()),
    bankFeedSim: num('FAULTS_BANK_FEED_SIM_PORT', 0) || (await freePort()),
    messagingSim: num('FAULTS_MESSAGING_SIM_PORT', 0) || (await freePort()),
  };
  const [ferretBin, redisBin] = [await ferretdbBinary(), await ensureRedisServer()];
  const dirs = { ferret: path.join(tmp, 'ferretdb'), redis: path.join(tmp, 'redis'), media: path.join(tmp, 'media') };
  fs.mkdirSync(dirs.media, { recursive: true });
  const mongoUri = `mongodb://127.0.0.1:${ports.mongo}/${DB_NAME}`;
  const redisUrl = `redis://127.0.0.1:${ports.redis}`;
  const procs = {};
  procs.ferret = await startFerret({ bin: ferretBin, dataDir: dirs.ferret, port: ports.mongo, logDir });
  procs.redis = await startRedisServer({ bin: redisBin, dir: dirs.redis, port: ports.redis, logDir });
  log(`FerretDB :${ports.mongo}, Redis :${ports.redis} (append-only), logs in ${logDir}`);

  const apiUrl = (i) => `http://127.0.0.1:${ports.api[i]}`;
  const sims = {
    vnpay: `http://127.0.0.1:${ports.vnpaySim}`,
    bank: `http://127.0.0.1:${ports.bankFeedSim}`,
    messaging: `http://127.0.0.1:${ports.messagingSim}`,
  };
  // The providers call the first API (their webhook URL); the second one is the one killed.
  const base = { ...process.env };
  for (const k of ['MONGODB_URI', 'REDIS_URL']) delete base[k];
  procs.vnpaySim = await startNode('vnpay-sim', DIST.vnpaySim, {
    logDir,
    readyUrl: `${sims.vnpay}/sim/transactions`,
    env: { ...base, VNPAY_SIM_PORT: String(ports.vnpaySim), VNPAY_SIM_TMN_CODE: VNPAY_DEV_TMN_CODE, VNPAY_SIM_HASH_SECRET: VNPAY_DEV_HASH_SECRET, VNPAY_SIM_IPN_URL: `${apiUrl(0)}/api/payments/vnpay/ipn`, VNPAY_SIM_IPN_RETRY_MS: '1500', VNPAY_SIM_IPN_MAX_ATTEMPTS: '100' },
  });
  procs.bankSim = await startNode('bank-feed-sim', DIST.bankFeedSim, {
    logDir,
    readyUrl: `${sims.bank}/sim/transfers`,
    env: { ...base, BANK_FEED_SIM_PORT: String(ports.bankFeedSim), BANK_FEED_SIM_API_KEY: BANK_FEED_DEV_API_KEY, BANK_FEED_SIM_WEBHOOK_URL: `${apiUrl(0)}/api/payments/bank-feed/webhook`, BANK_FEED_SIM_RETRY_MS: '1500', BANK_FEED_SIM_MAX_ATTEMPTS: '100' },
  });
  procs.messagingSim = await startNode('messaging-sim', DIST.sim, {
    logDir,
    readyUrl: `${sims.messaging}/sim/messages`,
    // A "timeout" control holds the answer longer than the worker waits for it (MESSAGING_TIMEOUT_MS below).
    env: { ...base, SIM_PORT: String(ports.messagingSim), SIM_ZNS_WEBHOOK_URL: `${apiUrl(0)}/api/notifications/webhooks/zns`, SIM_HOLD_MS: '20000' },
  });

  const appEnv = (apiPort) => ({
    ...base,
    NODE_ENV: 'development',
    API_PORT: String(apiPort),
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: SECRETS.jwt,
    TOTP_ENCRYPTION_KEY: SECRETS.totp,
    MEDIA_DIR: dirs.media,
    PUBLIC_WEB_URL: 'http://127.0.0.1:4299',
    PUBLIC_API_URL: apiUrl(0),
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    ZNS_API_URL: sims.messaging,
    ZALO_OAUTH_URL: sims.messaging,
    ESMS_API_URL: sims.messaging,
    MESSAGING_TIMEOUT_MS: '15000',
    VNPAY_GATEWAY_URL: sims.vnpay,
    VNPAY_TMN_CODE: VNPAY_DEV_TMN_CODE,
    VNPAY_HASH_SECRET: VNPAY_DEV_HASH_SECRET,
    BANK_FEED_API_KEY: BANK_FEED_DEV_API_KEY,
    // The load's buyers all sign in from this machine; the stamp batches are approved at once.
    RATE_LIMIT_AUTH: '100000/60',
    TRACE_AUTO_APPROVE_MAX: String(Math.max(STAMPS, 1000)),
  });

  log('seeding the demo province');
  const seeded = await runCommand('faults-seed', process.execPath, [DIST.api, 'seed'], { env: appEnv(ports.api[0]), logFile: path.join(logDir, 'seed.log'), timeoutMs: 5 * 60_000 });
  if (seeded.code !== 0) throw new Error(`seed failed (log: ${path.join(logDir, 'seed.log')})`);

  const client = await MongoClient.connect(mongoUri, { serverSelectionTimeoutMS: 60_000 });
  const db = client.db();
  const setup = await seedLoadData(db);

  // ── the two APIs and the two workers ──
  const apis = [null, null];
  const startApi = async (i, name = `api-${i + 1}`) => {
    apis[i] = await startNode(name, DIST.api, { env: appEnv(ports.api[i]), logDir, readyUrl: `${apiUrl(i)}/api/health` });
  };
  let workerSeq = 0;
  const workers = [];
  const startWorker = () => {
    const w = startNode(`worker-${++workerSeq}`, DIST.worker, { env: appEnv(ports.api[0]), logDir });
    return w.then((p) => {
      workers.push(p);
      return p;
    });
  };
  await Promise.all([startApi(0), startApi(1), startWorker(), startWorker()]);
  log(`api-1 ${apiUrl(0)}, api-2 ${apiUrl(1)}, ${workers.length} workers`);
  const liveWorkers = () => workers.filter((w) => w.alive);
  const apiList = () => [0, 1].map((i) => ({ index: i, url: apiUrl(i) }));

  const signIn = async (phone) => {
    const res = await callApi(apiList, { kind: 'setup', method: 'POST', path: '/api/auth/login', body: { phone, password: PASSWORD } });
    if (res.status !== 200 && res.status !== 201) throw new Error(`sign-in of ${phone} answered ${res.status}`);
    return res.body.accessToken;
  };
  const buyers = [];
  for (const phone of setup.buyerPhones) buyers.push({ phone, token: await signIn(phone) });
  const sellerToken = await signIn(PHONES.seller);
  const adminToken = await signIn(PHONES.admin);
  log(`${buyers.length} buyers signed in; ${PRODUCTS} products with ${INITIAL_STOCK} units each`);

  // ── the load, the probe, the faults ──
  const ledger = newLedger();
  const extra = { stampBatches: [], exports: [] };
  const ctx = { apis: apiList, buyers, products: setup.products.map((p) => p.id), vnpaySimUrl: sims.vnpay, bankFeedSimUrl: sims.bank, ledger };
  let loadStopped = false;
  let probeStopped = false;
  const loadStart = Date.now();
  const runStart = new Date(loadStart - 1000);
  const load = runLoad(ctx, { loops: LOOPS, maxCheckouts: MAX_CHECKOUTS, stop: () => loadStopped });
  const probe = probeLoop(ctx, { stop: () => probeStopped });

  const faults = [];
  const firstOkProbe = async (after, apiIndexes = [0, 1]) => {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const ok = apiIndexes.map((i) => attempts.find((a) => a.kind === 'probe' && a.api === i && a.t > after && a.outcome >= 200 && a.outcome < 300));
      if (ok.every(Boolean)) return Math.max(...ok.map((a) => a.t));
      await sleep(100);
    }
    return null;
  };
  const record = (fault) => {
    const to = fault.recoveredAt ?? Date.now();
    fault.window = window(fault.injectedAt, to, fault.apiIndex);
    fault.recoveryMs = fault.recoveredAt ? fault.recoveredAt - (fault.restoredAt ?? fault.injectedAt) : null;
    fault.recovered = fault.recoveredAt !== null && fault.recoveredAt !== undefined;
    fault.passed = fault.recovered && (!STRICT || fault.window.s500 === 0);
    faults.push(fault);
    log(`${fault.name}: ${fault.recovered ? `recovered ${fault.recoveryMs} ms after ${fault.restoredAt ? 'the restart' : 'the kill'}` : 'NOT recovered'}; ${fault.window.total} requests: ${fault.window.s503} × 503, ${fault.window.s500} × 500, ${fault.window.other5xx} other 5xx, ${fault.window.connErrors} connection errors, ${fault.window.timeouts} time outs${fault.note ? ` (${fault.note})` : ''}`);
  };

  await sleep(8000); // warm-up load
  log(`warm-up: ${ledger.checkouts.length} checkouts accepted`);

  // Redis and FerretDB: stopped (SIGTERM, as an operator or the orchestrator does), down a while, started again on the same files.
  for (const [name, key, restart] of [
    ['redis-restart', 'redis', () => startRedisServer({ bin: redisBin, dir: dirs.redis, port: ports.redis, logDir })],
    ['ferretdb-restart', 'ferret', () => startFerret({ bin: ferretBin, dataDir: dirs.ferret, port: ports.mongo, logDir })],
  ]) {
    const fault = { name, injectedAt: Date.now() };
    log(`${name}: stopping ${key}`);
    await procs[key].stop();
    await sleep(DOWN_MS);
    procs[key] = await restart();
    fault.restoredAt = Date.now();
    fault.recoveredAt = await firstOkProbe(fault.restoredAt);
    fault.downMs = fault.restoredAt - fault.injectedAt;
    record(fault);
    await sleep(3000);
  }

  // A worker killed in the middle of a stamp batch.
  {
    const lot = setup.lotIds[0];
    const asked = await callApi(apiList, { kind: 'stamps', method: 'POST', path: '/api/stamp-batches', token: sellerToken, body: { lotId: lot, quantity: STAMPS } });
    if (asked.status !== 201) throw new Error(`stamp batch request answered ${asked.status}: ${JSON.stringify(asked.body).slice(0, 300)}`);
    extra.stampBatches.push(asked.body.id);
    const batchOf = () => db.collection('stamp_batches').findOne({ _id: new ObjectId(asked.body.id) }, { projection: { made: 1, status: 1, quantity: 1 } });
    const fault = { name: 'worker-kill-stamps' };
    const mid = await waitFor(async () => {
      const b = await batchOf();
      return b && b.made > 0 && b.made < b.quantity ? b : b?.status === 'ready' ? 'too-late' : null;
    }, 90_000, 150);
    if (!mid || mid === 'too-late') {
      fault.injectedAt = Date.now();
      fault.note = mid ? 'the batch was ready before it could be caught mid-way' : 'the batch never started';
      fault.recoveredAt = null;
    } else {
      const killed = await killBusiest(liveWorkers(), log);
      fault.injectedAt = killed.at;
      fault.note = `killed ${killed.name} at ${mid.made} of ${mid.quantity} stamps`;
      void startWorker();
      // If the batch still moves within 4 s, the other worker had it: kill that one too (the job must lose its worker).
      const moved = await waitFor(async () => ((await batchOf()).made > mid.made ? true : null), 4000, 200);
      if (moved) {
        const second = await killBusiest(liveWorkers().filter((w) => w.name !== killed.name && w.pid !== workers[workers.length - 1]?.pid), log);
        fault.note += `; the batch went on, so ${second.name} had it and was killed too`;
        void startWorker();
      }
      const at = (await batchOf()).made;
      const resumed = await waitFor(async () => {
        const b = await batchOf();
        return b.made > at || b.status === 'ready' ? Date.now() : null;
      }, RECOVERY_TIMEOUT_MS + 30_000, 250);
      fault.recoveredAt = resumed ?? null;
    }
    record(fault);
  }

  // A worker killed in the middle of a report export (a year of the whole country as PDF: the longest to build).
  {
    const fault = { name: 'worker-kill-export' };
    let caught = null;
    for (let tryNo = 0; tryNo < 4 && !caught; tryNo++) {
      const asked = await callApi(apiList, { kind: 'export', method: 'POST', path: '/api/reports/exports', token: adminToken, body: { format: 'pdf', period: 'year' } });
      if (asked.status !== 201 && asked.status !== 202) throw new Error(`export request answered ${asked.status}: ${JSON.stringify(asked.body).slice(0, 300)}`);
      extra.exports.push(asked.body.id);
      const state = await waitFor(async () => {
        const e = await db.collection('report_exports').findOne({ _id: asked.body.id }, { projection: { status: 1, progress: 1 } });
        return e && (e.status === 'running' || e.status === 'done' || e.status === 'failed') ? e : null;
      }, 60_000, 40);
      if (state?.status === 'running') caught = { id: asked.body.id, progress: state.progress };
    }
    if (!caught) {
      fault.injectedAt = Date.now();
      fault.recoveredAt = null;
      fault.note = 'no export was caught running (each was done before it was seen)';
    } else {
      const killed = await killBusiest(liveWorkers(), log, 300);
      fault.injectedAt = killed.at;
      fault.note = `killed ${killed.name} at step ${caught.progress?.done}/${caught.progress?.total} of export ${caught.id}`;
      void startWorker();
      const done = await waitFor(async () => {
        const e = await db.collection('report_exports').findOne({ _id: caught.id }, { projection: { status: 1 } });
        return e?.status === 'done' || e?.status === 'failed' ? { at: Date.now(), status: e.status } : null;
      }, RECOVERY_TIMEOUT_MS + 60_000, 250);
      if (done && done.at - killed.at < 3000) fault.note += '; it was done at once: the other worker was probably building it';
      if (done?.status === 'failed') fault.note += '; the export ended failed';
      fault.recoveredAt = done?.status === 'done' ? done.at : null;
    }
    record(fault);
  }

  // A worker killed while it waits for the messaging provider's answer (the simulator holds the next ZNS answers).
  {
    const fault = { name: 'worker-kill-message' };
    const since = new Date().toISOString();
    // Order notices go by SMS, one-time codes by ZNS: the next sends of either are held.
    for (const channel of ['sms', 'zns']) {
      await fetch(`${sims.messaging}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, action: 'timeout', times: 1 }) });
    }
    const held = await waitFor(async () => {
      const list = await (await fetch(`${sims.messaging}/sim/messages?limit=50`)).json();
      return list.find((m) => m.timedOut && m.receivedAt > since) ?? null;
    }, 90_000, 200);
    if (!held) {
      fault.injectedAt = Date.now();
      fault.recoveredAt = null;
      fault.note = 'no message delivery was caught in flight';
    } else {
      // The worker is now waiting for the held answer; idle keep-alive sockets (4 s) of the other worker close meanwhile.
      await sleep(4500);
      const holders = connectedTo(ports.messagingSim, liveWorkers());
      const victims = holders.length ? holders : liveWorkers();
      fault.injectedAt = Date.now();
      for (const w of victims) await w.kill('SIGKILL');
      fault.note = `killed ${victims.map((w) => w.name).join(' and ')} (${holders.length ? 'connected to the provider' : 'holder unknown: both'}) while message attempt ${held.reference} was in flight`;
      for (let i = 0; i < victims.length; i++) void startWorker();
      await fetch(`${sims.messaging}/sim/controls`, { method: 'DELETE' });
      // Recovered = deliveries go on: the provider receives a message again (from the replacement or the other worker).
      const killedAt = new Date(fault.injectedAt).toISOString();
      const resumed = await waitFor(async () => {
        const list = await (await fetch(`${sims.messaging}/sim/messages?limit=20`)).json();
        return list.some((m) => m.receivedAt > killedAt) ? Date.now() : null;
      }, RECOVERY_TIMEOUT_MS + 60_000, 250);
      fault.recoveredAt = resumed ?? null;
      // The message in flight (its provider may have reported it delivered meanwhile): the books check it was sent once.
      const attempt = ObjectId.isValid(held.reference) ? await db.collection('notification_attempts').findOne({ _id: new ObjectId(held.reference) }) : null;
      const message = attempt ? await db.collection('notification_messages').findOne({ _id: attempt.messageId }, { projection: { state: 1, attempts: 1 } }) : null;
      fault.note += `; that message is now ${message?.state ?? 'unknown'} after ${message?.attempts ?? '?'} attempt(s)`;
    }
    record(fault);
  }

  // The second API killed; the load goes on through the first (clients retry elsewhere), a replacement comes up.
  {
    const fault = { name: 'api-kill', apiIndex: 1 };
    fault.injectedAt = Date.now();
    await apis[1].kill('SIGKILL');
    await sleep(2000);
    await startApi(1, 'api-2b');
    fault.restoredAt = Date.now();
    fault.recoveredAt = await firstOkProbe(fault.restoredAt, [1]);
    const during = window(fault.injectedAt, fault.restoredAt, 0);
    fault.note = `meanwhile api-1 answered ${during.ok} of ${during.total} requests`;
    record(fault);
  }

  // A second stamp batch and export after the faults (the books check every one).
  {
    const asked = await callApi(apiList, { kind: 'stamps', method: 'POST', path: '/api/stamp-batches', token: sellerToken, body: { lotId: setup.lotIds[1], quantity: Math.ceil(STAMPS / 3) } });
    if (asked.status === 201) extra.stampBatches.push(asked.body.id);
    const exp = await callApi(apiList, { kind: 'export', method: 'POST', path: '/api/reports/exports', token: adminToken, body: { format: 'xlsx', period: 'month' } });
    if (exp.status === 201 || exp.status === 202) extra.exports.push(exp.body.id);
  }
  await sleep(5000);
  loadStopped = true;
  await load;
  const loadMs = Date.now() - loadStart;
  log(`load stopped after ${(loadMs / 1000).toFixed(0)} s: ${ledger.checkouts.length} checkouts accepted; settling`);

  // ── settle: queues, outbox, IPNs and transfers ──
  const settle = await quiesce(db, ledger, extra, QUIESCE_MS);
  log(`settled: ${settle.settled ? 'yes' : 'NO'} after ${(settle.ms / 1000).toFixed(0)} s${settle.settled ? '' : ` (still waiting: ${settle.pending.join(', ')})`}`);
  probeStopped = true;
  await probe;

  // ── the books ──
  const buyerIds = setup.buyerIds;
  const vnpayTransactions = await (await fetch(`${sims.vnpay}/sim/transactions`)).json();
  const download = async (id) => {
    const res = await fetch(`${apiUrl(0)}/api/reports/exports/${id}/file`, { headers: { authorization: `Bearer ${adminToken}` } });
    return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
  };
  const checks = [];
  const run = async (fn) => {
    try {
      checks.push(await fn());
    } catch (error) {
      checks.push({ name: fn.name || 'check', checked: 0, discrepancies: [`the check itself failed: ${error.message}`], figures: {} });
    }
  };
  await run(() => checkOrders(db, ledger, buyerIds));
  await run(() => checkStock(db, setup.products));
  await run(() => checkPayments(db, ledger, vnpayTransactions));
  await run(() => checkStamps(db, extra.stampBatches));
  await run(() => checkMessages(db, sims.messaging, runStart));
  await run(() => checkExports(db, extra.exports, download));
  await run(() => checkRollups(appEnv(ports.api[0])));
  await client.close();

  // ── figures ──
  const summary = report({ ledger, extra, faults, checks, settle, loadMs, unexpected });
  const out = process.env.FAULTS_RESULTS ? path.resolve(process.env.FAULTS_RESULTS) : path.join(repoRoot, 'bench/results/faults.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  log(`wrote ${out.startsWith(repoRoot) ? path.relative(repoRoot, out) : out}`);
  if (process.env.FAULTS_REPORT) fs.writeFileSync(process.env.FAULTS_REPORT, JSON.stringify({ passed: summary.tests.passed, failed: summary.tests.failed }));
  return summary;
}

const SECRETS = { jwt: randomSecret(), totp: randomKey32() };

/** Demo data for the load: products with plenty of stock (copies of an approved demo product), buyers, lots for stamps. */
async function seedLoadData(db) {
  const seller = await db.collection('users').findOne({ phone: PHONES.seller });
  const sellerDoc = await db.collection('sellers').findOne({ phone: PHONES.seller });
  const sellerId = String(sellerDoc?._id ?? '');
  const template = await db.collection('products').findOne({ status: 'approved', sellerId });
  if (!seller || !template) throw new Error('the demo seed has no approved product of the demo seller');
  const products = [];
  const docs = Array.from({ length: PRODUCTS }, (_, i) => {
    const _id = new ObjectId();
    products.push({ id: String(_id), initialStock: INITIAL_STOCK });
    const { lockFence, ...rest } = template;
    void lockFence;
    return { ...rest, _id, name: `${template.name} (lô thử ${i + 1})`, stock: INITIAL_STOCK, version: 0, priceVnd: 45_000 + i * 1000 };
  });
  await db.collection('products').insertMany(docs);
  const demoBuyer = await db.collection('users').findOne({ phone: PHONES.buyer });
  const buyerDocs = Array.from({ length: BUYERS }, (_, i) => ({ ...demoBuyer, _id: new ObjectId(), phone: `0903${String(100000 + i).slice(-6)}`, fullName: `Người mua thử ${i + 1}` }));
  await db.collection('users').insertMany(buyerDocs);
  const lotIds = [];
  for (let l = 0; l < 2; l++) {
    const lotId = new ObjectId();
    const owner = { sellerId, provinceCode: template.provinceCode, communeCode: template.communeCode };
    await db.collection('lots').insertOne({
      _id: lotId, code: `LOT-F${l}${randomBytes(2).toString('hex').toUpperCase()}`, productId: String(template._id), productName: template.name, sellerName: sellerDoc.displayName ?? 'HTX',
      ...owner, adminEra: '2025', producedOn: '2026-05-22', expiresOn: '2027-05-22', shelfLifeDays: 365, quantity: 50_000, unit: 'pack', standards: ['VietGAP'],
      photoIds: [], note: null, status: 'open', createdByUserId: String(seller._id), createdAt: new Date(), updatedAt: new Date(),
    });
    await db.collection('lot_diary').insertMany(
      ['planting', 'harvest', 'drying', 'packing'].map((type, i) => ({
        lotId: String(lotId), sellerId, provinceCode: owner.provinceCode, clientId: `faults-${lotId}-${i}`, type,
        at: new Date(Date.UTC(2026, 4, 10 + i * 2, 2)), place: { text: 'Đồi chè số 3', communeCode: owner.communeCode }, note: 'Ghi chép của hộ sản xuất', photoId: null,
        inputs: [], recordedByUserId: String(seller._id), recordedAt: new Date(),
      })),
    );
    lotIds.push(String(lotId));
  }
  return { products, buyerPhones: buyerDocs.map((b) => b.phone), buyerIds: buyerDocs.map((b) => String(b._id)), lotIds };
}

/** Polls `read` every `everyMs` until it returns something other than null/undefined; null after `timeoutMs`. */
async function waitFor(read, timeoutMs, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const v = await read();
      if (v !== null && v !== undefined) return v;
    } catch {
      /* the database may be briefly unreachable: try again */
    }
    await sleep(everyMs);
  }
  return null;
}

/** SIGKILLs the worker that used the most CPU over `sampleMs` (the one doing the heavy job); { name, at }. */
async function killBusiest(list, say, sampleMs = 600) {
  const before = list.map((w) => cpuMs(w.pid));
  await sleep(sampleMs);
  const used = list.map((w, i) => cpuMs(w.pid) - before[i]);
  const victim = list[used.indexOf(Math.max(...used))];
  const at = Date.now();
  await victim.kill('SIGKILL');
  say(`SIGKILL ${victim.name} (pid ${victim.pid}; CPU over ${sampleMs} ms: ${list.map((w, i) => `${w.name} ${used[i]} ms`).join(', ')})`);
  return { name: victim.name, at };
}

/** The workers with an open TCP connection to `port` (`ss -tnp`), i.e. waiting for the provider's answer. */
function connectedTo(port, list) {
  try {
    const out = execFileSync('ss', ['-tnpH', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
    const pids = new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])));
    return list.filter((w) => pids.has(w.pid));
  } catch {
    return [];
  }
}

/** Waits until the queues, the outbox, the IPNs and transfers and the batches/exports are done; { settled, ms, pending }. */
async function quiesce(db, ledger, extra, timeoutMs) {
  const started = Date.now();
  let pending = [];
  const prepaid = [...ledger.vnpay.map((v) => v.checkoutId), ...ledger.transfers.map((t) => t.checkoutId)];
  while (Date.now() - started < timeoutMs) {
    try {
      pending = [];
      const batches = await db.collection('stamp_batches').countDocuments({ _id: { $in: extra.stampBatches.map((id) => new ObjectId(id)) }, status: { $nin: ['ready', 'failed', 'cancelled'] } });
      if (batches) pending.push(`${batches} stamp batch(es)`);
      const exports = await db.collection('report_exports').countDocuments({ _id: { $in: extra.exports }, status: { $nin: ['done', 'failed'] } });
      if (exports) pending.push(`${exports} export(s)`);
      const queued = await db.collection('notification_messages').countDocuments({ state: 'queued' });
      if (queued) pending.push(`${queued} queued message(s)`);
      const undispatched = await db.collection('order_events').countDocuments({ dispatchedAt: null });
      if (undispatched) pending.push(`${undispatched} undispatched order event(s)`);
      const awaiting = await db.collection('orders').countDocuments({ checkoutId: { $in: prepaid }, state: 'awaiting_payment' });
      if (awaiting) pending.push(`${awaiting} prepaid order(s) awaiting their IPN/transfer`);
      if (!pending.length) return { settled: true, ms: Date.now() - started, pending };
    } catch (error) {
      pending = [`database: ${error.message}`];
    }
    await sleep(2000);
  }
  return { settled: false, ms: Date.now() - started, pending };
}

/** Report rollups equal a rebuild from the source events (`report:rebuild`, no --apply): a few tries while the ingest catches up. */
async function checkRollups(env) {
  let last = '';
  for (let tryNo = 1; tryNo <= 5; tryNo++) {
    const file = path.join(logDir, `report-rebuild-${tryNo}.log`);
    const r = await runCommand('report:rebuild', process.execPath, [DIST.worker, 'report:rebuild'], { env, logFile: file, timeoutMs: 3 * 60_000 });
    last = fs.readFileSync(file, 'utf8');
    const drift = last.split('\n').filter((l) => /lệch\/drift/.test(l));
    if (r.code === 0 && /no drift/.test(last)) return { name: 'report rollups equal a rebuild', checked: 1, discrepancies: [], figures: { tries: tryNo, summary: last.split('\n').find((l) => /events/.test(l))?.trim() } };
    if (r.code !== 0 && r.code !== 1) return { name: 'report rollups equal a rebuild', checked: 1, discrepancies: [`report:rebuild exited ${r.code} (log ${file})`], figures: {} };
    if (tryNo < 5) await sleep(8000); // the ingest runs every 5 s: let it catch up
    else return { name: 'report rollups equal a rebuild', checked: 1, discrepancies: drift.length ? drift.map((l) => l.trim()) : [`report:rebuild exited ${r.code}`], figures: { tries: tryNo } };
  }
  return { name: 'report rollups equal a rebuild', checked: 1, discrepancies: [last], figures: {} };
}

function report({ ledger, extra, faults, checks, settle, loadMs, unexpected: died }) {
  const discrepancies = checks.reduce((n, c) => n + c.discrepancies.length, 0);
  const all = window(0, Date.now());
  const tests = {
    passed: faults.filter((f) => f.passed).length + checks.filter((c) => !c.discrepancies.length).length,
    failed: faults.filter((f) => !f.passed).length + checks.filter((c) => c.discrepancies.length).length,
  };
  // Strict: a process that died on its own (an API or worker crashing on a lost connection) is a failure too.
  if (STRICT) tests[died.length ? 'failed' : 'passed']++;
  console.log('\nOperations accepted');
  const ops = {
    checkouts: ledger.checkouts.length,
    cashOnDelivery: ledger.counts.cod,
    vnpayPaid: ledger.counts.vnpayPaid,
    vnpayFailedOrCancelled: ledger.counts.vnpayFailed,
    bankTransfers: ledger.counts.bankTransfers,
    outOfStock: ledger.counts.outOfStock,
    stampBatches: extra.stampBatches.length,
    reportExports: extra.exports.length,
    operationsFailedForGood: ledger.failures.length,
  };
  for (const [k, v] of Object.entries(ops)) console.log(`  ${k.padEnd(26)} ${v}`);
  const topErrors = Object.entries(all.errors).sort((a, b) => b[1] - a[1]).slice(0, 4);
  if (topErrors.length) console.log(`  connection errors by request and cause: ${topErrors.map(([k, v]) => `${k} × ${v}`).join(', ')}`);
  console.log(`  requests ${all.total} in ${(loadMs / 1000).toFixed(0)} s: ${all.s503} × 503, ${all.s500} × 500, ${all.other5xx} other 5xx, ${all.connErrors} connection errors, ${all.timeouts} time outs (20 s; probes 5 s)`);
  console.log(`\nFaults injected: ${faults.length}`);
  const rows = [['fault', 'recovered', 'recovery', '503 %', '5xx %', 'conn %', 'timeout %', 'requests', 'note']];
  for (const f of faults) {
    rows.push([f.name, f.passed ? 'yes' : f.recovered ? 'yes (500s: strict)' : 'NO', f.recoveryMs === null ? '-' : `${(f.recoveryMs / 1000).toFixed(1)} s`, `${f.window.rate503}`, `${f.window.rate5xx}`, `${f.window.rateConn}`, `${f.window.rateTimeout}`, String(f.window.total), f.note ?? '']);
  }
  table(rows);
  console.log(`\nBooks (settled: ${settle.settled ? 'yes' : `NO, still ${settle.pending.join(', ')}`})`);
  table([['check', 'checked', 'discrepancies'], ...checks.map((c) => [c.name, String(c.checked), String(c.discrepancies.length)])]);
  for (const c of checks) for (const d of c.discrepancies.slice(0, 25)) console.log(`  ✖ ${c.name}: ${d}`);
  if (died.length) console.log(`\nprocesses that died on their own: ${died.map((d) => `${d.name} (${d.signal ?? d.code})`).join(', ')}`);
  if (ledger.failures.length) console.log(`operations that failed for good (first 5): ${ledger.failures.slice(0, 5).map((f) => `${f.flow}: ${f.error}`).join(' | ')}`);
  console.log(`\ndiscrepancies found: ${discrepancies}; ${tests.passed} passed, ${tests.failed} failed`);
  return {
    at: new Date().toISOString(),
    discrepancies,
    strict: STRICT,
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
    setup: { loops: LOOPS, maxCheckouts: MAX_CHECKOUTS, stampsPerBatch: STAMPS, downMs: DOWN_MS, products: PRODUCTS, buyers: BUYERS, database: 'FerretDB 1.24.2 (SQLite)' },
    operations: ops,
    requests: all,
    faults: faults.map(({ name, injectedAt, restoredAt, recoveredAt, downMs, recoveryMs, recovered, passed, window: w, note }) => ({
      name, recovered, passed, recoveryMs, downMs: downMs ?? null, window: w, note: note ?? null,
      injectedAt: new Date(injectedAt).toISOString(), restoredAt: restoredAt ? new Date(restoredAt).toISOString() : null, recoveredAt: recoveredAt ? new Date(recoveredAt).toISOString() : null,
    })),
    settle,
    checks,
    unexpectedDeaths: died,
    failuresForGood: ledger.failures.slice(0, 50),
    tests,
  };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  rows.forEach((r, j) => {
    console.log(`  ${r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()}`);
    if (j === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
}

main()
  .then((summary) => {
    killEverything();
    if (process.env.FAULTS_KEEP !== '1' && summary.tests.failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`logs kept in ${logDir}`);
    process.exit(summary.tests.failed === 0 ? 0 : 1);
  })
  .catch((error) => {
    console.error(`[faults] ${error.stack ?? error}`);
    console.log(`logs kept in ${logDir}`);
    if (process.env.FAULTS_REPORT) fs.writeFileSync(process.env.FAULTS_REPORT, JSON.stringify({ passed: 0, failed: 1, error: String(error.message ?? error) }));
    killEverything();
    process.exit(1);
  });
