// The application stack on top of the infrastructure: seed, API, worker and the web server.
// Shared by start.mjs (npm start) and the e2e stage of test-all.mjs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnService, runCommand, printTail, repoRoot, say, pretty } from './proc.mjs';
import { waitForHttp, waitForPort } from './net.mjs';

/** Build outputs the stack runs from (written by `nx run-many -t build -p api worker web messaging-sim vnpay-sim bank-feed-sim`). */
export const DIST = {
  api: path.join(repoRoot, 'dist/apps/api/main.js'),
  worker: path.join(repoRoot, 'dist/apps/worker/main.js'),
  web: path.join(repoRoot, 'dist/apps/web/browser'),
  /** The web app's server-side renderer (Angular SSR), loaded by serve-web.mjs. */
  webSsr: path.join(repoRoot, 'dist/apps/web/server/server.mjs'),
  sim: path.join(repoRoot, 'dist/apps/messaging-sim/main.js'),
  vnpaySim: path.join(repoRoot, 'dist/apps/vnpay-sim/main.js'),
  bankFeedSim: path.join(repoRoot, 'dist/apps/bank-feed-sim/main.js'),
};

/** The projects `npm start` and `npm test` build. */
export const BUILT_PROJECTS = ['api', 'worker', 'web', 'messaging-sim', 'vnpay-sim', 'bank-feed-sim'];

/** The development merchant credentials the VNPay simulator accepts by default (the API's .env.example uses them). */
export const VNPAY_DEV_TMN_CODE = 'NSSDEV01';
export const VNPAY_DEV_HASH_SECRET = 'NSSDEVSECRETVNPAYSIMULATOR000001';
/** The development API key the bank-feed simulator sends (`Authorization: Apikey …`). */
export const BANK_FEED_DEV_API_KEY = 'dev-bank-feed-api-key';

/** Throw, naming every missing build output, unless api, worker and web (browser and SSR bundles) have been built. */
export function assertBuilt() {
  const missing = [DIST.api, DIST.worker, DIST.sim, DIST.vnpaySim, DIST.bankFeedSim, DIST.webSsr].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(`build output missing: ${missing.map(pretty).join(', ')} (did the build step fail?)`);
  }
}

/** A random 48-character URL-safe secret. */
export const randomSecret = () => crypto.randomBytes(36).toString('base64url');

/** A random 32-byte key in base64 (TOTP_ENCRYPTION_KEY and the like). */
export const randomKey32 = () => crypto.randomBytes(32).toString('base64');

/**
 * Secrets generated once and kept in `file` (JSON), so that e.g. JWTs and the TOTP secrets sealed with the TOTP key
 * stay valid across restarts. Returns { JWT_ACCESS_SECRET, TOTP_ENCRYPTION_KEY }; a missing one is added.
 */
export function loadOrCreateSecrets(file) {
  let secrets = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* first run, or unreadable: regenerate */
  }
  let changed = false;
  if (typeof secrets.JWT_ACCESS_SECRET !== 'string' || secrets.JWT_ACCESS_SECRET.length < 32) {
    secrets.JWT_ACCESS_SECRET = randomSecret();
    changed = true;
  }
  if (typeof secrets.TOTP_ENCRYPTION_KEY !== 'string' || Buffer.from(secrets.TOTP_ENCRYPTION_KEY, 'base64').length !== 32) {
    secrets.TOTP_ENCRYPTION_KEY = randomKey32();
    changed = true;
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return secrets;
}

/**
 * The environment for api, worker and seed: `defaults` under the current process.env, so that
 * whatever the user already exported wins (MONGODB_URI/REDIS_URL were handled by infra.mjs).
 */
export function appEnv(defaults) {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(defaults)) {
    if (env[k] === undefined || env[k] === '') env[k] = String(v);
  }
  return env;
}

/** `node dist/apps/api/main.js seed` (idempotent). Output goes to `<logDir>/<name>.log`. */
export async function runSeed(env, { name = 'seed', timeoutMs = 10 * 60_000 } = {}) {
  say('seeding the database…');
  const r = await runCommand(name, process.execPath, [DIST.api, 'seed'], { env, logFile: `${name}.log`, timeoutMs });
  if (r.code !== 0) {
    printTail(name, r.logFile);
    throw new Error(`seed failed (exit ${r.code}; log: ${pretty(r.logFile)})`);
  }
  say(`seed done in ${(r.ms / 1000).toFixed(1)} s`);
}

/**
 * The messaging simulator (Zalo ZNS + eSMS, development and tests only) on `port`, sending ZNS delivery reports to
 * the API on `apiPort` (if any). Returns { service, url, env }: `env` points the API's and worker's adapters at it.
 */
export async function startMessagingSim({ env, port, apiPort, prefix = '', onUnexpectedExit, anyApp = false }) {
  const url = `http://127.0.0.1:${port}`;
  const simEnv = {
    ...env,
    SIM_PORT: String(port),
    // No API port (integration tests: many APIs, none listening): no ZNS delivery reports.
    ...(apiPort ? { SIM_ZNS_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/api/notifications/webhooks/zns` } : {}),
    ...(anyApp ? { SIM_ANY_APP: 'true' } : {}),
  };
  const service = spawnService(`${prefix}messaging-sim`, process.execPath, [DIST.sim], { env: simEnv, onUnexpectedExit });
  await waitForHttp(`${url}/sim/messages`, { service, timeoutMs: 30_000 });
  const providerEnv = { ZNS_API_URL: url, ZALO_OAUTH_URL: url, ESMS_API_URL: url, ...(apiPort ? { PUBLIC_API_URL: `http://127.0.0.1:${apiPort}` } : {}) };
  return { service, url, env: providerEnv };
}

/**
 * The VNPay simulator (development and tests only) on `port`, delivering IPNs to the API on `apiPort` (if any;
 * none: to its default, http://127.0.0.1:3000). `ipnRetryMs` shortens VNPay's 5-minute retry interval for tests.
 * Returns { service, url, env }: `env` points the API's VNPay adapter at it (gateway URL, TMN code, hash secret).
 */
export async function startVnpaySim({ env, port, apiPort, prefix = '', onUnexpectedExit, ipnRetryMs }) {
  const url = `http://127.0.0.1:${port}`;
  const tmnCode = env.VNPAY_SIM_TMN_CODE || VNPAY_DEV_TMN_CODE;
  const hashSecret = env.VNPAY_SIM_HASH_SECRET || VNPAY_DEV_HASH_SECRET;
  const simEnv = {
    ...env,
    VNPAY_SIM_PORT: String(port),
    VNPAY_SIM_TMN_CODE: tmnCode,
    VNPAY_SIM_HASH_SECRET: hashSecret,
    ...(apiPort ? { VNPAY_SIM_IPN_URL: `http://127.0.0.1:${apiPort}/api/payments/vnpay/ipn` } : {}),
    ...(ipnRetryMs !== undefined ? { VNPAY_SIM_IPN_RETRY_MS: String(ipnRetryMs) } : {}),
  };
  const service = spawnService(`${prefix}vnpay-sim`, process.execPath, [DIST.vnpaySim], { env: simEnv, onUnexpectedExit });
  await waitForHttp(`${url}/sim/transactions`, { service, timeoutMs: 30_000 });
  return { service, url, env: { VNPAY_GATEWAY_URL: url, VNPAY_TMN_CODE: tmnCode, VNPAY_HASH_SECRET: hashSecret } };
}

/**
 * The SePay-style bank-feed simulator (development and tests only) on `port`, posting its webhook to the API on
 * `apiPort` (if any). Returns { service, url, env }: `env` gives the API the key the simulator sends.
 */
export async function startBankFeedSim({ env, port, apiPort, prefix = '', onUnexpectedExit, retryMs }) {
  const url = `http://127.0.0.1:${port}`;
  const apiKey = env.BANK_FEED_SIM_API_KEY || BANK_FEED_DEV_API_KEY;
  const simEnv = {
    ...env,
    BANK_FEED_SIM_PORT: String(port),
    BANK_FEED_SIM_API_KEY: apiKey,
    ...(apiPort ? { BANK_FEED_SIM_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/api/payments/bank-feed/webhook` } : {}),
    ...(retryMs !== undefined ? { BANK_FEED_SIM_RETRY_MS: String(retryMs) } : {}),
  };
  const service = spawnService(`${prefix}bank-feed-sim`, process.execPath, [DIST.bankFeedSim], { env: simEnv, onUnexpectedExit });
  await waitForHttp(`${url}/sim/transfers`, { service, timeoutMs: 30_000 });
  return { service, url, env: { BANK_FEED_API_KEY: apiKey } };
}

/**
 * Start api, worker and the web server (serve-web.mjs: static files, the SSR bundle rendering the public pages with
 * the API read at API_URL, and /api proxied to the API) and wait until
 * GET /api/health answers 200 and the web port accepts connections. Any of them dying first fails
 * at once with its log tail. `prefix` distinguishes log files (e.g. "e2e-").
 * Returns { api, worker, web, sim, vnpaySim, bankFeedSim, stop() } (a simulator is null when its port is not given).
 */
export async function startApps({
  env: baseEnv, apiPort, webPort, simPort, vnpaySimPort, bankFeedSimPort, simRetryMs, prefix = '', onUnexpectedExit, webHost,
}) {
  assertBuilt();
  const node = process.execPath;
  // Development and tests: messages and payments go to the simulators (their settings override nothing the user
  // exported). `simRetryMs` shortens VNPay's and the bank feed's retry intervals (tests).
  const sim = simPort ? await startMessagingSim({ env: baseEnv, port: simPort, apiPort, prefix, onUnexpectedExit }) : null;
  const vnpaySim = vnpaySimPort
    ? await startVnpaySim({ env: baseEnv, port: vnpaySimPort, apiPort, prefix, onUnexpectedExit, ipnRetryMs: simRetryMs })
    : null;
  const bankFeedSim = bankFeedSimPort
    ? await startBankFeedSim({ env: baseEnv, port: bankFeedSimPort, apiPort, prefix, onUnexpectedExit, retryMs: simRetryMs })
    : null;
  const env = { ...sim?.env, ...vnpaySim?.env, ...bankFeedSim?.env, ...baseEnv };
  const opts = { env, onUnexpectedExit };
  const api = spawnService(`${prefix}api`, node, [DIST.api], opts);
  const worker = spawnService(`${prefix}worker`, node, [DIST.worker], opts);
  const webEnv = {
    ...env,
    WEB_PORT: String(webPort),
    WEB_ROOT: DIST.web,
    WEB_SSR_ENTRY: DIST.webSsr,
    API_URL: `http://127.0.0.1:${apiPort}`,
    ...(webHost ? { WEB_HOST: webHost } : {}),
  };
  const web = spawnService(`${prefix}web`, node, [path.join(repoRoot, 'tools/scripts/serve-web.mjs')], { env: webEnv, onUnexpectedExit });
  const stop = () => Promise.all([web.stop(), worker.stop(), api.stop(), sim?.service.stop(), vnpaySim?.service.stop(), bankFeedSim?.service.stop()]);
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, { service: api, timeoutMs: 120_000 }),
      waitForPort(webPort, { service: web, timeoutMs: 30_000 }),
    ]);
    // The worker has no port: make sure it survived the API's start-up time.
    if (!worker.isAlive()) throw new Error(`${worker.name} exited during start-up (log: ${pretty(worker.logFile)})`);
  } catch (err) {
    await stop();
    throw err;
  }
  say(`api, worker and web are up (logs: ${pretty(path.dirname(api.logFile))})`);
  return { api, worker, web, sim, vnpaySim, bankFeedSim, stop };
}
