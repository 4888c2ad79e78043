#!/usr/bin/env node
// `npm test` (and CI via .ci/run): every stage runs, whatever happened before; the exit code is
// non-zero if any stage failed. Stages, in order:
//   system       chromium, poppler-utils, zbar-tools, redis-server (apt-get if missing), fonts-noto-core (optional)
//   lint         nx run-many -t lint
//   typecheck    nx run-many -t typecheck
//   unit         jest --config jest.config.ts (all projects) --ci --json
//   build        nx run-many -t build -p api worker web messaging-sim vnpay-sim bank-feed-sim
//   integration  fresh FerretDB + Redis + the built messaging simulator, jest --config jest.integration.config.cjs
//   faults       tools/faults/fault-suite.mjs: two APIs and two workers from the build under load while Redis and
//                FerretDB restart and processes are killed, then the books check (each fault and check is a test)
//   e2e          fresh FerretDB + Redis, seed, the three simulators, api + worker + web, playwright test -c e2e/playwright.config.ts
// Select stages: `npm test -- --only=unit,integration` or NSS_TEST_STAGES=lint,unit npm test.
// Per-stage time limit: NSS_STAGE_TIMEOUT_MIN (default 30). Logs and reports go to a temp dir,
// kept (and printed) when something failed. Last line: "N passed, N failed": Jest and Playwright tests, plus one
// check per stage that has no test counts (system, lint, typecheck, build), so a failed lint is never "0 failed".
// The tests drop databases: an exported MONGODB_URI or REDIS_URL is refused unless NSS_USE_EXTERNAL_DB=1, which
// runs the integration and e2e stages against those servers instead of fresh ones (e.g. a real MongoDB).
// The e2e stage rebuilds api, worker and web when a source is newer than the build (never tests a stale build).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  repoRoot, say, warn, fail, setLogDir, installShutdownHandlers, runCommand, killAll, stopAll, pretty,
} from './lib/proc.mjs';
import { startMongo, startRedis, freePort, ensureRedisServer, aptInstall, dpkgInstalled, which } from './lib/infra.mjs';
import {
  BUILT_PROJECTS,
  DIST,
  assertBuilt,
  randomKey32,
  randomSecret,
  runSeed,
  startApps,
  startMessagingSim,
} from './lib/stack.mjs';

const ALL = ['system', 'lint', 'typecheck', 'unit', 'build', 'integration', 'faults', 'e2e'];
// The fault suite runs when asked for (`NSS_TEST_STAGES=faults`, `npm run test:faults`), not yet by default: its first
// runs found four real bugs (stock lost and a second order from one key when a checkout dies mid-way, an SMS sent
// twice, a transfer leaving its payment unrecorded), each fixed with a deterministic test. The four runs since have
// balanced the books, but in one of them an API did not reconnect to FerretDB after its restart (not reproduced yet;
// see README "Faults"), which would fail CI about one run in four: it joins the default run once that is understood.
const DEFAULT_STAGES = ALL.filter((s) => s !== 'faults');
const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.NSS_STAGE_TIMEOUT_MIN || 30) * 60_000;
const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const EXTERNAL_DB = process.env.NSS_USE_EXTERNAL_DB === '1';

/** Refuses servers from the environment unless asked: the tests drop their databases. Returns an error text or null. */
function externalDbRefusal() {
  const exported = ['MONGODB_URI', 'REDIS_URL'].filter((k) => process.env[k]);
  if (EXTERNAL_DB) {
    return exported.length === 2 ? null : 'NSS_USE_EXTERNAL_DB=1 needs both MONGODB_URI and REDIS_URL';
  }
  return exported.length
    ? `${exported.join(' and ')} exported: the tests would drop databases there. Unset it, or set NSS_USE_EXTERNAL_DB=1 to test against it on purpose`
    : null;
}

/** Jest projects (a jest.config.* beside a project.json) with no unit spec: each project must have tests. */
function projectsWithoutSpecs() {
  const lacking = [];
  const walk = (dir, found) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, found);
      else if (/\.spec\.ts$/.test(entry.name) && !/\.int-spec\.ts$/.test(entry.name)) found.push(full);
    }
    return found;
  };
  for (const top of ['apps', 'libs']) {
    const stack = [path.join(repoRoot, top)];
    while (stack.length) {
      const dir = stack.pop();
      if (!fs.existsSync(dir)) continue;
      const names = fs.readdirSync(dir);
      if (names.includes('project.json') && names.some((n) => /^jest\.config\.[cm]?[jt]s$/.test(n))) {
        if (walk(dir, []).length === 0) lacking.push(path.relative(repoRoot, dir));
        continue;
      }
      for (const n of names) {
        if (n !== 'node_modules' && fs.statSync(path.join(dir, n)).isDirectory()) stack.push(path.join(dir, n));
      }
    }
  }
  return lacking;
}

/** Newest modification time (ms) of the files under these paths. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const n of fs.readdirSync(p)) if (n !== 'node_modules' && !n.startsWith('.')) visit(path.join(p, n));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** Null when api, worker and web (unless `withWeb` is false) are built and no source is newer than their builds; otherwise why not. */
function staleBuild({ withWeb = true } = {}) {
  const outputs = [DIST.api, DIST.worker, DIST.sim, DIST.vnpaySim, DIST.bankFeedSim, ...(withWeb ? [DIST.webSsr] : [])];
  const missing = outputs.filter((f) => !fs.existsSync(f));
  if (missing.length) return `build output missing: ${missing.map(pretty).join(', ')}`;
  const built = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = ['apps/api/src', 'apps/worker/src', 'apps/messaging-sim/src', 'apps/vnpay-sim/src', 'apps/bank-feed-sim/src', ...(withWeb ? ['apps/web/src', 'apps/web/public'] : []), 'libs', 'tsconfig.base.json', 'package-lock.json']
    .map((p) => path.join(repoRoot, p));
  return newestMtime(sources) > built ? 'sources changed since the last build' : null;
}

/** Stages chosen by --only=a,b (or --only a,b) or NSS_TEST_STAGES; default all, in canonical order. */
function selectedStages() {
  const argv = process.argv.slice(2);
  let spec = process.env.NSS_TEST_STAGES || '';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--only=')) spec = argv[i].slice('--only='.length);
    else if (argv[i] === '--only') spec = argv[++i] ?? '';
    else {
      fail(`unknown argument "${argv[i]}" (use --only=${ALL.join(',')})`);
      process.exit(2);
    }
  }
  const wanted = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((s) => !ALL.includes(s));
  if (unknown.length) {
    fail(`unknown stage(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
    process.exit(2);
  }
  return wanted.length ? ALL.filter((s) => wanted.includes(s)) : DEFAULT_STAGES;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-test-'));
const npx = (name, args, opts = {}) => runCommand(name, 'npx', args, { env: NX_ENV, timeoutMs: TIMEOUT_MS, ...opts });
const exitOk = (r, what) => ({ ok: r.code === 0, note: r.code === 0 ? '' : `${what} exited ${r.timedOut ? '(timeout)' : r.code}` });

/** Counts from a Jest --json report; suites that failed to run count as failed tests. */
function jestCounts(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0) };
  } catch {
    return { passed: 0, failed: 0, note: `no Jest report (${pretty(file)})` };
  }
}

/** Counts from Playwright's JSON reporter; global errors (config, no tests) count as failures. */
function playwrightCounts(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    const s = r.stats ?? {};
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (r.errors?.length ?? 0) };
  } catch {
    return { passed: 0, failed: 0, note: `no Playwright report (${pretty(file)})` };
  }
}

/** Run jest with a JSON report; the stage passes only if jest exits 0. */
async function jestStage(name, args, env = NX_ENV) {
  const report = path.join(tmp, `${name}.json`);
  const r = await npx(`jest ${name}`, ['jest', ...args, '--ci', '--json', `--outputFile=${report}`], { env });
  const counts = jestCounts(report);
  const base = exitOk(r, 'jest');
  return { ...counts, ok: base.ok, note: [base.note, counts.note].filter(Boolean).join('; ') };
}

/**
 * The database and Redis of one stage: the exported ones with NSS_USE_EXTERNAL_DB=1, else fresh FerretDB + Redis on
 * free ports, in the temp dir, without persistence.
 */
async function freshInfra(prefix, db) {
  if (EXTERNAL_DB) return { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL };
  const [mongoUri, redisUrl] = await Promise.all([
    startMongo({ dataDir: path.join(tmp, `${prefix}-ferretdb`), port: await freePort(), db, name: `${prefix}-ferretdb` }),
    startRedis({ dir: path.join(tmp, `${prefix}-redis`), port: await freePort(), persist: false, name: `${prefix}-redis` }),
  ]);
  return { mongoUri, redisUrl };
}

const stages = {
  async system() {
    const missing = [];
    if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
    // Stamp label sheets are read back by a real QR decoder in the tests: pdftoppm rasterises, zbarimg decodes.
    if (!(await dpkgInstalled('poppler-utils'))) missing.push('poppler-utils');
    if (!(await dpkgInstalled('zbar-tools'))) missing.push('zbar-tools');
    if (missing.length) await aptInstall(missing);
    await ensureRedisServer(); // throws if it cannot be installed
    if (!fs.existsSync(CHROMIUM)) return { ok: false, note: `${CHROMIUM} missing after apt-get install chromium` };
    for (const tool of ['pdftoppm', 'zbarimg']) {
      if (!which(tool)) return { ok: false, note: `${tool} missing after apt-get install poppler-utils zbar-tools` };
    }
    if (!(await dpkgInstalled('fonts-noto-core')) && !(await aptInstall(['fonts-noto-core']))) {
      warn('fonts-noto-core could not be installed; screenshots may lack Vietnamese glyphs (not fatal)');
    }
    return { ok: true };
  },
  async lint() {
    return exitOk(await npx('nx lint', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']), 'nx lint');
  },
  async typecheck() {
    return exitOk(await npx('nx typecheck', ['nx', 'run-many', '-t', 'typecheck', '--outputStyle=static']), 'nx typecheck');
  },
  async unit() {
    const lacking = projectsWithoutSpecs();
    const r = await jestStage('unit', ['--config', 'jest.config.ts']);
    if (!lacking.length) return r;
    return { ...r, ok: false, failed: r.failed + lacking.length, note: [r.note, `no unit tests in ${lacking.join(', ')}`].filter(Boolean).join('; ') };
  },
  async build() {
    return exitOk(await npx('nx build', ['nx', 'run-many', '-t', 'build', '-p', ...BUILT_PROJECTS, '--outputStyle=static']), 'nx build');
  },
  async integration() {
    const config = path.join(repoRoot, 'jest.integration.config.cjs');
    if (!fs.existsSync(config)) throw new Error(`${pretty(config)} is missing: cannot run the integration tests`);
    const { mongoUri, redisUrl } = await freshInfra('int', 'nss_int');
    const mediaDir = path.join(tmp, 'int-media');
    fs.mkdirSync(mediaDir, { recursive: true });
    // The built simulator when there is one (the build stage ran); otherwise the Jest global setup starts it from source.
    const sim = fs.existsSync(DIST.sim)
      ? await startMessagingSim({ env: { ...process.env, NODE_ENV: 'test' }, port: await freePort(), prefix: 'int-', anyApp: true })
      : null;
    const env = {
      ...NX_ENV,
      ...(sim ? { MESSAGING_SIM_URL: sim.url } : {}),
      MONGODB_URI: mongoUri,
      REDIS_URL: redisUrl,
      MEDIA_DIR: mediaDir,
      JWT_ACCESS_SECRET: randomSecret(),
      PUBLIC_WEB_URL: 'http://localhost:4200',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    };
    // --forceExit: a leaked connection must not hang CI until its time limit.
    return jestStage('integration', ['--config', 'jest.integration.config.cjs', '--forceExit'], env);
  },
  async faults() {
    // The suite starts (and stops, and kills) its own FerretDB, Redis, simulators, APIs and workers from the build.
    const stale = staleBuild({ withWeb: false });
    if (stale) {
      const servers = BUILT_PROJECTS.filter((p) => p !== 'web');
      say(`faults: ${stale}; building ${servers.join(', ')} first`);
      const built = await npx('nx build (faults)', ['nx', 'run-many', '-t', 'build', '-p', ...servers, '--outputStyle=static']);
      if (built.code !== 0) throw new Error('the build failed: not running the fault suite against an older build');
    }
    const reportFile = path.join(tmp, 'faults.json');
    // The figures stay in the temp dir (bench/results/faults.json is for `npm run test:faults`).
    const env = { ...process.env, FAULTS_REPORT: reportFile, FAULTS_RESULTS: path.join(tmp, 'faults-results.json'), LOG_LEVEL: process.env.LOG_LEVEL || 'warn' };
    delete env.MONGODB_URI;
    delete env.REDIS_URL;
    const r = await runCommand('fault suite', process.execPath, [path.join(repoRoot, 'tools/faults/fault-suite.mjs')], { env, timeoutMs: Math.min(TIMEOUT_MS, 15 * 60_000) });
    let counts;
    try {
      counts = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    } catch {
      counts = { passed: 0, failed: 1, error: `no report from the fault suite (${pretty(reportFile)})` };
    }
    const base = exitOk(r, 'the fault suite');
    return { passed: counts.passed, failed: counts.failed, ok: base.ok && counts.failed === 0, note: [base.note, counts.error].filter(Boolean).join('; ') };
  },
  async e2e() {
    for (const f of ['e2e/playwright.config.ts', 'e2e/tests']) {
      if (!fs.existsSync(path.join(repoRoot, f))) throw new Error(`${f} is missing: cannot run the e2e tests`);
    }
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (the system stage installs it)`);
    const stale = staleBuild();
    if (stale) {
      say(`e2e: ${stale}; building ${BUILT_PROJECTS.join(', ')} first`);
      const built = await npx('nx build (e2e)', ['nx', 'run-many', '-t', 'build', '-p', ...BUILT_PROJECTS, '--outputStyle=static']);
      if (built.code !== 0) throw new Error('the build failed: not running the e2e tests against an older build');
    }
    assertBuilt();
    const { mongoUri, redisUrl } = await freshInfra('e2e', 'nss_e2e');
    const [apiPort, webPort, simPort, vnpaySimPort, bankFeedSimPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const mediaDir = path.join(tmp, 'e2e-media');
    fs.mkdirSync(mediaDir, { recursive: true });
    const webUrl = `http://127.0.0.1:${webPort}`;
    const env = {
      ...process.env,
      NODE_ENV: 'development', // messages go to the messaging simulator, whose page the e2e tests read
      API_PORT: String(apiPort),
      MONGODB_URI: mongoUri,
      REDIS_URL: redisUrl,
      JWT_ACCESS_SECRET: randomSecret(),
      TOTP_ENCRYPTION_KEY: randomKey32(),
      MEDIA_DIR: mediaDir,
      PUBLIC_WEB_URL: webUrl,
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
      TRUST_PROXY: 'loopback', // the web proxy in front of the API, as in npm start
      PUBLIC_API_URL: `http://127.0.0.1:${apiPort}`, // VNPay's IPN and return URLs
    };
    await runSeed(env, { name: 'e2e-seed' });
    const stack = await startApps({ env, apiPort, webPort, simPort, vnpaySimPort, bankFeedSimPort, simRetryMs: 1000, prefix: 'e2e-' });
    try {
      const report = path.join(tmp, 'e2e.json');
      const r = await npx('playwright', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
        env: {
          ...env,
          E2E_WEB_URL: webUrl,
          E2E_API_URL: `http://127.0.0.1:${apiPort}/api`,
          E2E_SIM_URL: stack.sim.url,
          E2E_VNPAY_SIM_URL: stack.vnpaySim.url,
          E2E_BANK_FEED_SIM_URL: stack.bankFeedSim.url,
          PLAYWRIGHT_JSON_OUTPUT_FILE: report,
          PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        },
      });
      const counts = playwrightCounts(report);
      const base = exitOk(r, 'playwright');
      return { ...counts, ok: base.ok, note: [base.note, counts.note].filter(Boolean).join('; ') };
    } finally {
      await stack.stop();
    }
  },
};

function summary(results) {
  const fmtTests = (r) => (r.passed === undefined ? '-' : `${r.passed} / ${r.failed}`);
  const rows = [['stage', 'result', 'passed / failed', 'time', 'note'],
    ...results.map((r) => [r.name, r.ok ? 'PASS' : 'FAIL', fmtTests(r), `${(r.ms / 1000).toFixed(1)} s`, r.note || ''])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log('\n' + rows.map((row, j) => {
    const line = row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return j === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
  }).join('\n'));
}

async function main() {
  setLogDir(path.join(tmp, 'logs'));
  installShutdownHandlers({ exitCodeOnSignal: () => 130, beforeExit: () => say(`interrupted; logs in ${tmp}`) });
  process.chdir(repoRoot);
  const chosen = selectedStages();
  const refusal = externalDbRefusal();
  if (refusal) {
    fail(refusal);
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
  say(`stages: ${chosen.join(', ')}; logs and reports in ${tmp}`);
  const results = [];
  for (const name of chosen) {
    say(`════ ${name} ════`);
    const t0 = Date.now();
    let r;
    try {
      r = await stages[name]();
    } catch (err) {
      r = { ok: false, note: err.message };
    } finally {
      await stopAll(); // whatever the stage started (infra, apps) must not leak into the next one
    }
    const ms = Date.now() - t0;
    results.push({ name, ms, ...r });
    (r.ok ? say : fail)(`${name} ${r.ok ? 'passed' : 'FAILED'} in ${(ms / 1000).toFixed(1)} s${r.note ? `: ${r.note}` : ''}`);
  }
  summary(results);
  const failedStages = results.filter((r) => !r.ok);
  if (failedStages.length) {
    fail(`failed stage(s): ${failedStages.map((r) => r.name).join(', ')}; logs and reports kept in ${tmp}`);
  } else {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // A stage without test counts is one check; a failed stage counts at least one failure whatever its counts say.
  const passed = results.reduce((n, r) => n + (r.passed ?? (r.ok ? 1 : 0)), 0);
  const failed = results.reduce((n, r) => n + (r.ok ? (r.failed ?? 0) : Math.max(1, r.failed ?? 0)), 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failedStages.length ? 1 : 0);
}

main().catch(async (err) => {
  fail(err?.stack || String(err));
  await killAll();
  process.exit(1);
});
