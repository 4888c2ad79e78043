// Catalogue benchmark: `npm run bench:catalog`.
//
// Starts its own FerretDB and Redis (tools/scripts/lib/infra.mjs; MONGODB_URI / REDIS_URL override), seeds 10,000
// approved products, builds and starts the API (`node dist/apps/api/main.js`) and a bare Fastify "hello" server, then
// runs autocannon (50 connections, ~10 s each after a short warm-up) against hello, the Nest floor (a public route
// doing no work), search and the product page. Prints req/s, p50/p99 and the ratios to hello; writes bench/results/catalog.json
// with the headline figures at the top: `ratio` (search over distinct queries ÷ hello), `productRatio`, `p99Ms`.
//
// Search is measured twice:
//   search (repeated)  16 typical queries over and over;
//   search (distinct)  BENCH_DISTINCT_QUERIES (2,500; at least 1,000) distinct queries (words, half-typed prefixes,
//                      with and without diacritics, filters, sorts, pages) handed out in turn across all connections.
//                      This is the search figure (`ratio`). Since issue 9 § 4 the API keeps up to 20,000 serialised
//                      answers per catalogue revision (CatalogReadRoutes), so after the warm-up these are cached reads
//                      of many distinct queries; what a query seen for the first time costs (ranking over 10,000
//                      products) is the 2026-12-01 figure in the README.
// Targets (issue 9 § 4): search ≥ 0.5 × hello, product page ≥ 0.7 × hello, p99 ≤ 20 ms.
// Options (env): BENCH_PRODUCTS (10000), BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_DISTINCT_QUERIES (2500),
// BENCH_SKIP_BUILD=1, BENCH_API_PORT / BENCH_HELLO_PORT (free ports by default), BENCH_API_MAIN (another built main.js, e.g. an older build to compare with),
// BENCH_PHASES (comma list of hello,floor,search,distinct,product; all by default; a partial run does not write the
// results file), BENCH_CPU_PROF=<dir> (the API runs under `node --cpu-prof`; its .cpuprofile is summarised by
// tools/bench/cpuprofile-summary.mjs), BENCH_PROF=1 (V8's tick profiler, `node --prof`, summarised by
// `node --prof-process` into bench/results/catalog-profile.txt).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { freePort, startMongo, startRedis, waitForHttp } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir, spawnService } from '../scripts/lib/proc.mjs';
import { productionEnv, withDatabase } from './bench-env.mjs';
import { SEARCH_QUERIES, buildProducts, distinctSearchQueries } from './catalog-seed.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = 3;
const PROFILE = process.env.BENCH_PROF === '1';
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
const DISTINCT_QUERIES = Math.max(1_000, Number(process.env.BENCH_DISTINCT_QUERIES ?? 2_500));
const ALL_PHASES = ['hello', 'floor', 'search', 'distinct', 'product'];
const PHASES = new Set(process.env.BENCH_PHASES ? process.env.BENCH_PHASES.split(',').map((p) => p.trim()) : ALL_PHASES);
const TARGETS = { searchRatio: 0.5, productRatio: 0.7, p99Ms: 20 };

installShutdownHandlers();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-catalog-'));
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));

async function main() {
  const [mongoPort, redisPort] = [await freePort(), await freePort()];
  const apiPort = Number(process.env.BENCH_API_PORT ?? 0) || (await freePort());
  const helloPort = Number(process.env.BENCH_HELLO_PORT ?? 0) || (await freePort());
  const baseMongo = await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: mongoPort, db: 'bench_catalog', name: 'bench-ferretdb' });
  const mongoUri = withDatabase(baseMongo, `bench_catalog_${randomBytes(3).toString('hex')}`);
  const redisUrl = await startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, persist: false, name: 'bench-redis' });

  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say('building the API (npx nx build api)');
    const { code } = await runCommand('nx-build-api', 'npx', ['nx', 'build', 'api', '--skip-nx-cache'], { timeoutMs: 10 * 60_000, logFile: 'nx-build-api.log' });
    if (code !== 0) throw new Error('nx build api failed (see .run/bench-logs/nx-build-api.log)');
  }
  const mainJs = process.env.BENCH_API_MAIN ? path.resolve(process.env.BENCH_API_MAIN) : path.join(repoRoot, 'dist/apps/api/main.js');
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the API first`);

  say(`seeding ${PRODUCTS} products into ${mongoUri}`);
  const ids = await seed(mongoUri);

  say('starting the API and the bare Fastify server');
  const profDir = path.join(workDir, 'prof');
  fs.mkdirSync(profDir, { recursive: true });
  if (CPU_PROF_DIR) fs.mkdirSync(CPU_PROF_DIR, { recursive: true });
  const nodeArgs = PROFILE
    ? ['--prof', '--no-logfile-per-isolate', '--logfile=api.v8.log']
    : CPU_PROF_DIR
      ? ['--require', path.join(repoRoot, 'tools/bench/cpu-profile-preload.cjs')]
      : [];
  const apiService = spawnService('bench-api', process.execPath, [...nodeArgs, mainJs], {
    cwd: PROFILE ? profDir : repoRoot,
    // Request logs off (warn and above only): the figure is the endpoint's cost, not the log sink's.
    env: { ...productionEnv({ apiPort, mongoUri, redisUrl, mediaDir: path.join(workDir, 'media') }), ...(CPU_PROF_DIR ? { NSS_CPU_PROF_DIR: CPU_PROF_DIR } : {}) },
  });
  const helloService = spawnService('bench-hello', process.execPath, [path.join(repoRoot, 'tools/bench/hello-server.mjs'), String(helloPort)]);
  await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, { timeoutMs: 120_000, service: apiService });
  await waitForHttp(`http://127.0.0.1:${helloPort}/`, { timeoutMs: 30_000, service: helloService });

  const api = `http://127.0.0.1:${apiPort}`;
  const check = await (await fetch(`${api}/api/search?q=che%20thai%20nguyen`)).json();
  if (!check.total) throw new Error(`search found nothing after seeding: ${JSON.stringify(check).slice(0, 300)}`);
  say(`search "che thai nguyen" finds ${check.total} products; first: ${check.items[0].name}`);
  const productPaths = ids.slice(0, 500).map((id) => ({ method: 'GET', path: `/api/products/${id}` }));
  const detail = await fetch(`${api}${productPaths[0].path}`);
  if (detail.status !== 200) throw new Error(`product page answered ${detail.status}`);

  const results = {};
  const profiled = CPU_PROF_DIR ? apiService : null;
  if (PHASES.has('hello')) results.hello = await load('hello', `http://127.0.0.1:${helloPort}`, [{ method: 'GET', path: '/' }]);
  // The framework's own floor: a public Nest route that does no work (guard, pipes, logger middleware, filter).
  if (PHASES.has('floor')) results.nestFloor = await load('nest floor (GET /api/categories)', api, [{ method: 'GET', path: '/api/categories' }], profiled);
  if (PHASES.has('search')) results.search = await load('search (repeated)', api, SEARCH_QUERIES.map((q) => ({ method: 'GET', path: `/api/search?${q}` })), profiled);
  if (PHASES.has('distinct')) {
    const distinct = distinctSearchQueries(DISTINCT_QUERIES);
    if (distinct.length < 1_000) throw new Error(`only ${distinct.length} distinct queries were made (at least 1,000 are needed)`);
    let turn = 0;
    // One request template whose path is set per request from a counter shared by all connections.
    const inTurn = [{ method: 'GET', path: '/api/search', setupRequest: (req) => ({ ...req, path: `/api/search?${distinct[turn++ % distinct.length]}` }) }];
    results.searchDistinct = await load(`search (${distinct.length} distinct)`, api, inTurn, profiled);
    results.searchDistinct.distinctQueries = distinct.length;
    results.searchDistinct.requestsPerQuery = Math.round((results.searchDistinct.requests / distinct.length) * 10) / 10;
  }
  if (PHASES.has('product')) {
    results.product = await load('product page', api, productPaths, profiled);
    results.product.distinctProducts = productPaths.length;
  }

  const loadAverage = os.loadavg().map((l) => Math.round(l * 10) / 10);
  console.log('');
  console.log('endpoint           req/s      p50 ms   p99 ms   errors   ×hello');
  for (const [name, r] of Object.entries(results)) {
    const times = results.hello ? String(Math.round((r.reqPerSec / results.hello.reqPerSec) * 100) / 100) : '-';
    console.log(`${name.padEnd(16)} ${String(r.reqPerSec).padStart(8)} ${String(r.p50Ms).padStart(9)} ${String(r.p99Ms).padStart(8)} ${String(r.errors + r.non2xx).padStart(8)}   ${times}`);
  }
  console.log(`machine: ${os.cpus().length} CPUs, load average ${loadAverage.join(' / ')}`);
  if (ALL_PHASES.some((phase) => !PHASES.has(phase))) {
    say('a partial run (BENCH_PHASES): results file not written');
    return;
  }

  const ratio = (r) => Math.round((r.reqPerSec / results.hello.reqPerSec) * 100) / 100;
  const summary = {
    at: new Date().toISOString(),
    // The headline figures (issue 9 § 4): search over distinct queries and the product page, each ÷ hello in this run.
    ratio: ratio(results.searchDistinct),
    productRatio: ratio(results.product),
    p99Ms: results.searchDistinct.p99Ms,
    productP99Ms: results.product.p99Ms,
    machine: { cpus: os.cpus().length, loadAverage, node: process.version },
    setup: { products: PRODUCTS, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, database: 'FerretDB 1.24.2 (SQLite)' },
    results,
    ratios: {
      searchToHello: ratio(results.search),
      searchDistinctToHello: ratio(results.searchDistinct),
      productToHello: ratio(results.product),
      nestFloorToHello: ratio(results.nestFloor),
    },
    targets: TARGETS,
  };
  summary.meetsTargets = {
    searchRatio: summary.ratio >= TARGETS.searchRatio,
    searchP99: results.searchDistinct.p99Ms <= TARGETS.p99Ms,
    productRatio: summary.productRatio >= TARGETS.productRatio,
    productP99: results.product.p99Ms <= TARGETS.p99Ms,
  };
  const met = (ok) => (ok ? 'met' : 'NOT met');
  console.log(`targets: search (distinct) ≥ ${TARGETS.searchRatio}× hello → ${met(summary.meetsTargets.searchRatio)}, p99 ≤ ${TARGETS.p99Ms} ms → ${met(summary.meetsTargets.searchP99)}`);
  console.log(`         product page ≥ ${TARGETS.productRatio}× hello → ${met(summary.meetsTargets.productRatio)}, p99 ≤ ${TARGETS.p99Ms} ms → ${met(summary.meetsTargets.productP99)}`);

  if (PROFILE) await writeProfile(apiService, path.join(profDir, 'api.v8.log'));
  const out = path.join(repoRoot, 'bench/results/catalog.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  say(`wrote ${path.relative(repoRoot, out)}`);
}

/** Starts or stops (and waits for the file of) the API's CPU profile (tools/bench/cpu-profile-preload.cjs). */
async function toggleProfile(service, label) {
  const written = path.join(CPU_PROF_DIR, 'written');
  fs.rmSync(written, { force: true });
  fs.writeFileSync(path.join(CPU_PROF_DIR, 'label'), label.replace(/[^\w-]+/g, '-'));
  const starting = !service.profiling;
  service.profiling = starting;
  process.kill(service.pid, 'SIGURG');
  if (starting) return null;
  for (let i = 0; i < 600 && !fs.existsSync(written); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return fs.readFileSync(written, 'utf8');
}

/** Stops the API (its tick log is complete once it exits) and keeps V8's summary of the ticks. */
async function writeProfile(apiService, logFile) {
  await apiService.stop();
  const out = path.join(repoRoot, 'bench/results/catalog-profile.txt');
  const { code } = await runCommand('prof-process', process.execPath, ['--prof-process', logFile], { timeoutMs: 5 * 60_000, logFile: 'prof-process.log' });
  if (code !== 0) throw new Error('node --prof-process failed (see .run/bench-logs/prof-process.log)');
  fs.copyFileSync(path.join(repoRoot, '.run', 'bench-logs', 'prof-process.log'), out);
  say(`wrote ${path.relative(repoRoot, out)}`);
}

async function seed(mongoUri) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const collection = client.db().collection('products');
    const docs = buildProducts(PRODUCTS, repoRoot, ObjectId);
    const started = Date.now();
    for (let i = 0; i < docs.length; i += 500) await collection.insertMany(docs.slice(i, i + 500), { ordered: false });
    say(`seeded ${docs.length} products in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return docs.map((d) => String(d._id)).sort(() => Math.random() - 0.5);
  } finally {
    await client.close();
  }
}

async function load(name, url, requests, profiled = null) {
  say(`${name}: warm-up ${WARMUP_SECONDS} s`);
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests });
  say(`${name}: ${CONNECTIONS} connections for ${SECONDS} s`);
  if (profiled) await toggleProfile(profiled, name);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
  if (profiled) {
    const file = await toggleProfile(profiled, name);
    say(`${name}: CPU profile ${file} (node tools/bench/cpuprofile-summary.mjs ${file})`);
  }
  return {
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
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
