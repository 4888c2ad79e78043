// Public pages benchmark: `npm run bench:web` (issue 9 § 5).
//
// Starts its own FerretDB and Redis (MONGODB_URI / REDIS_URL override), builds what is missing, seeds the demo
// province, starts the stack as `npm start` does (API, worker, simulators, the web server that serves the public
// pages), and runs Lighthouse (the npm package, its default mobile settings: a mid-range phone, simulated slow 4G,
// 4× CPU slowdown) in Debian's Chromium on the home page, a search, a product page and a seller's shop page.
// Prints each page's performance / accessibility / best-practices / SEO scores and its LCP, TBT and CLS, and writes
// bench/results/web.json with a top-level `minPerformance` (the lowest performance score of the pages, 0–100), and
// `minAccessibility`, `minSeo`. Targets: every public page ≥ 95 performance, 100 accessibility, 100 SEO.
// Lighthouse's scores move with the machine's load (its CPU slowdown multiplies what the machine gives): each page is
// measured BENCH_RUNS (3) times and its median run kept, as Lighthouse's own docs advise.
// Options (env): BENCH_RUNS, BENCH_SKIP_BUILD=1, BENCH_PAGES (comma-separated names: home,search,product,shop),
// BENCH_PORT_BASE (the API on that port, the web server on the next, the three simulators on the three after; default:
// free ports), BENCH_LHR_DIR (keep each run's full Lighthouse report there, to see what a score is made of).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { freePort, startMongo, startRedis, waitForHttp } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir } from '../scripts/lib/proc.mjs';
import { BUILT_PROJECTS, randomKey32, randomSecret, runSeed, startApps } from '../scripts/lib/stack.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT_BASE = process.env.BENCH_PORT_BASE ? Number(process.env.BENCH_PORT_BASE) : null;
const LHR_DIR = process.env.BENCH_LHR_DIR;
const CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TARGETS = { performance: 95, accessibility: 100, seo: 100 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** The Lighthouse Chromium, killed on Ctrl-C / SIGTERM too (chrome-launcher's process is not one of proc.mjs's). */
let chrome = null;
installShutdownHandlers({ beforeExit: () => chrome?.kill() });
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-web-'));
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));

/** The pages to measure, found on the seeded stack: an approved product and its seller's shop. */
async function publicPages(webUrl, apiUrl) {
  await photosResized(apiUrl);
  const search = await (await fetch(`${apiUrl}/api/search?q=ch%C3%A8`)).json();
  const product = search.items?.[0] ?? search.results?.[0];
  if (!product?.id) throw new Error(`no approved product found by /api/search?q=chè: ${JSON.stringify(search).slice(0, 200)}`);
  const detail = await (await fetch(`${apiUrl}/api/products/${product.id}`)).json();
  const sellerId = detail.seller?.id ?? detail.sellerId;
  const pages = {
    home: `${webUrl}/`,
    search: `${webUrl}/search?q=che`,
    product: `${webUrl}/products/${product.id}`,
    shop: sellerId ? `${webUrl}/cua-hang/${sellerId}` : null,
  };
  const wanted = process.env.BENCH_PAGES?.split(',').map((s) => s.trim());
  return Object.entries(pages).filter(([name, url]) => url && (!wanted || wanted.includes(name)));
}

/** The LCP element and where its time went (TTFB, load delay, load time, render delay), as Lighthouse shows them. */
function lcpDetails(lhr) {
  const tables = lhr.audits['largest-contentful-paint-element']?.details?.items ?? [];
  const element = tables[0]?.items?.[0]?.node;
  const phases = Object.fromEntries((tables[1]?.items ?? []).map((p) => [p.phase, Math.round(p.timing)]));
  return { lcpElement: element?.selector ?? element?.nodeLabel ?? null, lcpPhasesMs: phases };
}

/** The worker makes the WebP sizes of the seeded photos once it starts: measure the pages as they are after that. */
async function photosResized(apiUrl, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await (await fetch(`${apiUrl}/api/search?pageSize=100`)).json();
    const waiting = (page.items ?? []).filter((p) => p.thumbUrl && !p.photoVariants?.length).length;
    if (!waiting) return;
    if (Date.now() > deadline) throw new Error(`${waiting} seeded photos still not resized by the worker after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function median(runs, pick) {
  const sorted = [...runs].sort((a, b) => pick(a) - pick(b));
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(name, url, browser) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, { port: browser.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const lhr = result.lhr;
    if (LHR_DIR) {
      fs.mkdirSync(LHR_DIR, { recursive: true });
      fs.writeFileSync(path.join(LHR_DIR, `${name}-${i + 1}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    runs.push({
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
      cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
      fcpMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? 0),
      ...lcpDetails(lhr),
      // Lighthouse's measure of this machine's speed at the time (its 4x CPU slowdown assumes a desktop-class host).
      benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
      mainThreadMs: Math.round(lhr.audits['diagnostics']?.details?.items?.[0]?.totalTaskTime ?? 0),
      failing: Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && ['accessibility', 'seo'].some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
        .map((a) => a.id),
    });
  }
  return { ...median(runs, (r) => r.performance), runs: runs.map((r) => r.performance), benchmarkIndexes: runs.map((r) => r.benchmarkIndex) };
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say(`building ${BUILT_PROJECTS.join(', ')} (npx nx run-many -t build)`);
    const built = await runCommand('build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', ...BUILT_PROJECTS, '--outputStyle=static'], {
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    });
    if (built.code !== 0) throw new Error('the build failed');
  }
  const mongoUri = process.env.MONGODB_URI ?? (await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: await freePort(), db: 'bench_web', name: 'bench-ferretdb' }));
  const redisUrl = process.env.REDIS_URL ?? (await startRedis({ dir: path.join(workDir, 'redis'), port: await freePort(), persist: false, name: 'bench-redis' }));
  const [apiPort, webPort, simPort, vnpaySimPort, bankFeedSimPort] = PORT_BASE
    ? [0, 1, 2, 3, 4].map((i) => PORT_BASE + i)
    : [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const mediaDir = path.join(workDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  const webUrl = `http://127.0.0.1:${webPort}`;
  const env = {
    ...process.env,
    NODE_ENV: 'development', // the simulators stand in for Zalo, SMS and VNPay, as in `npm start`
    API_PORT: String(apiPort),
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: randomSecret(),
    TOTP_ENCRYPTION_KEY: randomKey32(),
    MEDIA_DIR: mediaDir,
    PUBLIC_WEB_URL: webUrl,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'loopback',
    PUBLIC_API_URL: `http://127.0.0.1:${apiPort}`,
  };
  await runSeed(env, { name: 'bench-web-seed' });
  await startApps({ env, apiPort, webPort, simPort, vnpaySimPort, bankFeedSimPort, prefix: 'bench-web-' });
  await waitForHttp(`${webUrl}/`, { timeoutMs: 60_000 });
  const pages = await publicPages(webUrl, `http://127.0.0.1:${apiPort}`);
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  const results = {};
  try {
    for (const [name, url] of pages) {
      say(`lighthouse ${name}: ${url} (${RUNS} runs)`);
      results[name] = { url: url.replace(webUrl, ''), ...(await measure(name, url, chrome)) };
      const r = results[name];
      say(`  ${name}: performance ${r.performance} (runs ${r.runs.join(', ')}), accessibility ${r.accessibility}, best practices ${r.bestPractices}, SEO ${r.seo}; LCP ${r.lcpMs} ms, TBT ${r.tbtMs} ms, CLS ${r.cls}; benchmarkIndex ${r.benchmarkIndexes.join(', ')}${r.failing.length ? `; failing: ${r.failing.join(', ')}` : ''}`);
    }
  } finally {
    await chrome.kill();
  }
  const values = Object.values(results);
  const min = (key) => Math.min(...values.map((r) => r[key]));
  const out = {
    minPerformance: min('performance'),
    minAccessibility: min('accessibility'),
    minSeo: min('seo'),
    targets: TARGETS,
    met: min('performance') >= TARGETS.performance && min('accessibility') >= TARGETS.accessibility && min('seo') >= TARGETS.seo,
    pages: results,
    lighthouse: 'default mobile settings (simulated slow 4G, 4x CPU slowdown), median of runs by performance',
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10) },
    measuredAt: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'bench/results/web.json'), JSON.stringify(out, null, 2) + '\n');
  say(`minPerformance ${out.minPerformance}, minAccessibility ${out.minAccessibility}, minSeo ${out.minSeo} (targets ${TARGETS.performance}/${TARGETS.accessibility}/${TARGETS.seo}): ${out.met ? 'met' : 'NOT met'}; bench/results/web.json`);
}

main()
  .then(async () => {
    await killAll();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(error);
    await killAll();
    process.exit(1);
  });
