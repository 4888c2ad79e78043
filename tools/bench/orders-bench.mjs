// Orders benchmark: `npm run bench:orders`.
//
// Starts its own FerretDB and Redis (tools/scripts/lib/infra.mjs; MONGODB_URI / REDIS_URL override), builds the API
// (BENCH_SKIP_BUILD=1 skips it), seeds the demo province, adds BENCH_PRODUCTS approved products with plenty of stock
// and BENCH_BUYERS buyers (copies of the demo buyer, signed in through the API), then measures:
//
// (a) throughput: cash-on-delivery checkouts (`POST /api/checkout`, one unit of a product taken in turn from the
//     bench products, a fresh Idempotency-Key each) by autocannon with BENCH_CONNECTIONS connections for
//     BENCH_SECONDS, next to the raw MongoDB driver's `insertOne` of an order-sized document on the same database
//     with the same concurrency for the same time. `ratio` = checkouts/s ÷ inserts/s (target ≥ 0.25).
//     A checkout is far more than one insert: the auth guard, the idempotency claim, the product's lock, the
//     conditional stock update, the checkout, order, claim and event documents and the expiry job.
// (b) contention: two API processes on the same database and Redis; a product with 10 units; 200 buyers check out
//     one unit each at the same moment, half through each API; 20 rounds. `oversold` = units sold beyond the stock,
//     summed over the rounds (must be 0), checked three ways: 201 answers, orders in the database, final stock.
//
// Prints the figures and writes bench/results/orders.json (top-level `ratio` and `oversold`).
// Options (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_PRODUCTS (200), BENCH_BUYERS (200),
// BENCH_ROUNDS (20), BENCH_SKIP_BUILD=1, BENCH_PROFILE_DIR (CPU profile of the first API process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { freePort, startMongo, startRedis, waitForHttp } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir, spawnService } from '../scripts/lib/proc.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const CONTENDED_STOCK = 10;
const TARGETS = { ratio: 0.25, oversold: 0 };
const DEMO_BUYER_PHONE = '0901000009';
const DEMO_PASSWORD = 'NongSan@2026';
const ADDRESS = { recipientName: 'Nguyễn Văn Mua', phone: '0912345678', street: '12 Phố Huế', provinceCode: '01', communeCode: '00004' };

installShutdownHandlers();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-orders-'));
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));

async function main() {
  const [mongoPort, redisPort, apiPort1, apiPort2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const baseMongo = process.env.MONGODB_URI ?? (await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: mongoPort, db: 'bench_orders', name: 'bench-ferretdb' }));
  const mongoUri = withDatabase(baseMongo, `bench_orders_${randomBytes(3).toString('hex')}`);
  const redisUrl = process.env.REDIS_URL ?? (await startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, persist: false, name: 'bench-redis' }));

  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say('building the API (npx nx build api)');
    const { code } = await runCommand('nx-build-api', 'npx', ['nx', 'build', 'api'], { timeoutMs: 15 * 60_000, logFile: 'nx-build-orders-api.log' });
    if (code !== 0) throw new Error('nx build api failed (see .run/bench-logs/nx-build-orders-api.log)');
  }
  const mainJs = path.join(repoRoot, 'dist/apps/api/main.js');
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the API first`);

  const env = {
    ...process.env,
    // Development: the demo seed (accounts, a verified seller, approved products) and the simulators' settings.
    // No worker runs: nothing is sent; expiry and event jobs just wait in Redis.
    NODE_ENV: 'development',
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    MEDIA_DIR: path.join(workDir, 'media'),
    // Request logs off (warn and above only): the figure is the endpoint's cost, not the log sink's.
    LOG_LEVEL: 'warn',
    // 200 buyers sign in from this one machine.
    RATE_LIMIT_AUTH: '100000/60',
  };
  say('seeding the demo province');
  const seed = await runCommand('bench-seed', process.execPath, [mainJs, 'seed'], { env, logFile: 'bench-orders-seed.log', timeoutMs: 10 * 60_000 });
  if (seed.code !== 0) throw new Error('seed failed (see .run/bench-logs/bench-orders-seed.log)');

  const client = await MongoClient.connect(mongoUri);
  const db = client.db();
  try {
    const template = await db.collection('products').findOne({ status: 'approved' });
    if (!template) throw new Error('the seed left no approved product');
    const productIds = [];
    const docs = Array.from({ length: PRODUCTS + ROUNDS }, (_, i) => {
      const _id = new ObjectId();
      productIds.push(String(_id));
      // Without the template's fencing token: it belongs to the template's lock, not to this product's.
      const { lockFence, ...rest } = template;
      void lockFence;
      return { ...rest, _id, name: `${template.name} (bench ${i + 1})`, stock: 1_000_000_000, version: 0, priceVnd: 50_000 };
    });
    await db.collection('products').insertMany(docs);
    const contended = productIds.slice(PRODUCTS);
    const plentiful = productIds.slice(0, PRODUCTS);
    await addBuyers(db);

    say('starting two API processes');
    // BENCH_PROFILE_DIR: a V8 CPU profile of the first API process (open it in Chrome's DevTools).
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const api1 = spawnService('bench-orders-api-1', process.execPath, [...profile, mainJs], { env: { ...env, API_PORT: String(apiPort1) } });
    const api2 = spawnService('bench-orders-api-2', process.execPath, [mainJs], { env: { ...env, API_PORT: String(apiPort2) } });
    await waitForHttp(`http://127.0.0.1:${apiPort1}/api/health`, { timeoutMs: 120_000, service: api1 });
    await waitForHttp(`http://127.0.0.1:${apiPort2}/api/health`, { timeoutMs: 120_000, service: api2 });
    const apis = [`http://127.0.0.1:${apiPort1}`, `http://127.0.0.1:${apiPort2}`];

    const tokens = await signInBuyers(apis[0]);
    say(`${tokens.length} buyers signed in`);

    // ── (a) throughput next to raw inserts ──
    const probe = await checkout(apis[0], tokens[0], plentiful[0]);
    if (probe.status !== 201) throw new Error(`a checkout answered ${probe.status}: ${JSON.stringify(probe.body).slice(0, 300)}`);
    const template0 = await db.collection('orders').findOne({});
    const inserts = await rawInserts(db, template0);
    say(`raw insertOne: ${inserts.perSec}/s (${CONNECTIONS} concurrent, ${SECONDS} s)`);
    const dbOps = await operationCosts(db, template0);
    say(`one at a time on this database: ${Object.entries(dbOps).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
    let turn = 0;
    const checkoutRequests = [
      {
        method: 'POST',
        path: '/api/checkout',
        setupRequest: (req) => {
          const n = turn++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': `bench-${n}-${randomBytes(6).toString('hex')}`,
            },
            body: JSON.stringify({ paymentMethod: 'cod', items: [{ productId: plentiful[n % plentiful.length], quantity: 1 }], address: ADDRESS }),
          };
        },
      },
    ];
    say(`checkouts: ${CONNECTIONS} connections for ${SECONDS} s (after a 2 s warm-up)`);
    await autocannon({ url: apis[0], connections: CONNECTIONS, duration: 2, requests: checkoutRequests });
    const r = await autocannon({ url: apis[0], connections: CONNECTIONS, duration: SECONDS, requests: checkoutRequests });
    const throughput = {
      checkoutsPerSec: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      rawInsertsPerSec: inserts.perSec,
      // What a checkout's kinds of database steps cost here, one at a time (ms): on FerretDB an update costs several
      // inserts, and a checkout needs updates (the stock, the checkout's state) where the baseline is an insert.
      dbOperationMs: dbOps,
    };
    const ratio = Math.round((throughput.checkoutsPerSec / inserts.perSec) * 1000) / 1000;

    // ── (b) contention across two API processes ──
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const productId = contended[round];
      await db.collection('products').updateOne({ _id: new ObjectId(productId) }, { $set: { stock: CONTENDED_STOCK } });
      const answers = await Promise.all(tokens.map((token, i) => checkout(apis[i % 2], token, productId)));
      const created = answers.filter((a) => a.status === 201).length;
      const refused = answers.filter((a) => a.status === 409).length;
      const other = answers.length - created - refused;
      const stock = (await db.collection('products').findOne({ _id: new ObjectId(productId) })).stock;
      const orders = await db.collection('orders').countDocuments({ 'lines.productId': productId });
      const oversold = Math.max(0, created - CONTENDED_STOCK, orders - CONTENDED_STOCK, -stock);
      rounds.push({ round: round + 1, created, refused, other, stock, orders, oversold });
      say(`round ${round + 1}: ${created} orders, ${refused} refused, ${other} other, stock ${stock}, ${orders} orders stored → oversold ${oversold}`);
    }
    const oversold = rounds.reduce((sum, r) => sum + r.oversold, 0);
    const unsold = rounds.reduce((sum, r) => sum + Math.max(0, r.stock), 0);

    const summary = {
      at: new Date().toISOString(),
      ratio,
      oversold,
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
      setup: { connections: CONNECTIONS, seconds: SECONDS, products: PRODUCTS, buyers: tokens.length, rounds: ROUNDS, contendedStock: CONTENDED_STOCK, database: process.env.MONGODB_URI ? 'MONGODB_URI' : 'FerretDB 1.24.2 (SQLite)' },
      throughput,
      contention: { rounds, unsoldUnits: unsold, errors: rounds.reduce((s, r) => s + r.other, 0) },
      targets: TARGETS,
      meetsTargets: { ratio: ratio >= TARGETS.ratio, oversold: oversold === TARGETS.oversold },
    };
    console.log('');
    console.log(`(a) checkouts ${throughput.checkoutsPerSec}/s (p50 ${throughput.p50Ms} ms, p99 ${throughput.p99Ms} ms, non-2xx ${throughput.non2xx})`);
    console.log(`    raw insertOne ${inserts.perSec}/s → ratio ${ratio} (target ≥ ${TARGETS.ratio}: ${ratio >= TARGETS.ratio ? 'met' : 'NOT met'})`);
    console.log(`    one operation at a time (ms): ${Object.entries(dbOps).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`(b) ${ROUNDS} rounds × ${tokens.length} buyers for ${CONTENDED_STOCK} units on two APIs → oversold ${oversold} (target 0: ${oversold === 0 ? 'met' : 'NOT met'}), units left unsold ${unsold}`);
    console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.loadAverage.join(' / ')}`);
    const out = path.join(repoRoot, 'bench/results/orders.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    say(`wrote ${path.relative(repoRoot, out)}`);
  } finally {
    await client.close();
  }
}

function withDatabase(uri, name) {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Copies of the demo buyer (same password hash) with phones of their own. */
async function addBuyers(db) {
  const demo = await db.collection('users').findOne({ phone: DEMO_BUYER_PHONE });
  if (!demo) throw new Error(`the demo buyer ${DEMO_BUYER_PHONE} is missing`);
  const copies = Array.from({ length: BUYERS }, (_, i) => ({ ...demo, _id: new ObjectId(), phone: `0902${String(100000 + i).slice(-6)}`, fullName: `Người mua ${i + 1}` }));
  await db.collection('users').insertMany(copies);
}

async function signInBuyers(api) {
  const phones = Array.from({ length: BUYERS }, (_, i) => `0902${String(100000 + i).slice(-6)}`);
  const tokens = [];
  for (let i = 0; i < phones.length; i += 10) {
    const batch = await Promise.all(
      phones.slice(i, i + 10).map(async (phone) => {
        const res = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: DEMO_PASSWORD }) });
        const body = await res.json();
        if (res.status !== 200 && res.status !== 201) throw new Error(`login ${phone} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
        return body.accessToken;
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

async function checkout(api, token, productId) {
  const res = await fetch(`${api}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${randomBytes(8).toString('hex')}` },
    body: JSON.stringify({ paymentMethod: 'cod', items: [{ productId, quantity: 1 }], address: ADDRESS }),
  });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body };
}

/** Mean time (ms) of 200 sequential operations of each kind a checkout does, on order-sized documents. */
async function operationCosts(db, template) {
  const collection = db.collection('bench_raw_ops');
  const { _id, ...doc } = template ?? { filler: 'x'.repeat(1500) };
  void _id;
  const ids = [];
  for (let i = 0; i < 200; i++) ids.push((await collection.insertOne({ ...doc, stock: 1_000_000, n: i })).insertedId);
  const mean = async (fn) => {
    const started = performance.now();
    for (let i = 0; i < 200; i++) await fn(i);
    return Math.round(((performance.now() - started) / 200) * 100) / 100;
  };
  return {
    insertOne: await mean(() => collection.insertOne({ ...doc })),
    findById: await mean((i) => collection.findOne({ _id: ids[i] })),
    updateById: await mean((i) => collection.updateOne({ _id: ids[i] }, { $set: { n: -i } })),
    guardedFindOneAndUpdate: await mean((i) =>
      collection.findOneAndUpdate({ $and: [{ _id: ids[i], stock: { $gte: 1 } }, { $or: [{ lockFence: null }, { lockFence: { $lte: 1 } }] }] }, { $inc: { stock: -1 }, $set: { lockFence: 1 } }),
    ),
  };
}

/** `insertOne` of order-sized documents (a copy of a real order) by CONNECTIONS concurrent loops for SECONDS. */
async function rawInserts(db, template) {
  const collection = db.collection('bench_raw_orders');
  const { _id, ...doc } = template ?? { filler: 'x'.repeat(1500) };
  void _id;
  let count = 0;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        await collection.insertOne({ ...doc, code: `RAW${count}` });
        count++;
      }
    }),
  );
  return { perSec: Math.round(count / SECONDS), total: count };
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
