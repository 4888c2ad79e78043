#!/usr/bin/env node
// `npm start`: the whole product on one machine, no Docker.
//
//   1. FerretDB (MongoDB substitute) on MONGO_PORT (27018) with data in .data/ferretdb/, and our own
//      redis-server on REDIS_PORT (6380) with data in .data/redis/ — unless MONGODB_URI / REDIS_URL
//      are set, then those are used and nothing is started;
//   2. `nx run-many -t build -p api worker web messaging-sim vnpay-sim bank-feed-sim` (cached by Nx: fast when nothing changed);
//   3. `node dist/apps/api/main.js seed` (idempotent);
//   4. the simulators: messaging (Zalo ZNS + eSMS) on SIM_PORT (7400), VNPay on VNPAY_SIM_PORT (7300), the bank feed
//      on BANK_FEED_SIM_PORT (7310); API on API_PORT (3000), worker (delivering messages to the simulator), and
//      serve-web.mjs on WEB_PORT (4200): the public pages rendered on the server (the SSR build), static files, /api proxied;
//   5. waits for GET /api/health = 200, prints URLs and demo logins.
// NSS_SKIP_BUILD=1 skips step 2 and runs whatever is in dist/.
// Ctrl-C stops every process it started and exits 0. If any of them dies, the tail of its log is
// printed and everything is stopped (exit 1). Logs: .run/logs/<name>.log.
import fs from 'node:fs';
import path from 'node:path';
import {
  repoRoot, say, fail, setLogDir, getLogDir, installShutdownHandlers, onAnyUnexpectedExit, runCommand, killAll, pretty,
} from './lib/proc.mjs';
import { startMongo, startRedis } from './lib/infra.mjs';
import { isPortOpen } from './lib/net.mjs';
import { BUILT_PROJECTS, appEnv, loadOrCreateSecrets, runSeed, startApps } from './lib/stack.mjs';

const DATA = path.join(repoRoot, '.data');
const MEDIA_DIR = path.resolve(process.env.MEDIA_DIR || path.join(DATA, 'media'));

function portFromEnv(name, fallback) {
  const raw = process.env[name] || String(fallback);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`${name}="${raw}" is not a valid port`);
    process.exit(2);
  }
  return port;
}
const WEB_PORT = portFromEnv('WEB_PORT', 4200);
const API_PORT = portFromEnv('API_PORT', 3000);
const MONGO_PORT = portFromEnv('MONGO_PORT', 27018);
const REDIS_PORT = portFromEnv('REDIS_PORT', 6380);
const SIM_PORT = portFromEnv('SIM_PORT', 7400);
const VNPAY_SIM_PORT = portFromEnv('VNPAY_SIM_PORT', 7300);
const BANK_FEED_SIM_PORT = portFromEnv('BANK_FEED_SIM_PORT', 7310);

const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/** Run one named step; on failure name it, stop everything and exit 1. */
async function step(name, fn) {
  say(`▶ ${name}`);
  const t0 = Date.now();
  try {
    const result = await fn();
    say(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return result;
  } catch (err) {
    fail(`step "${name}" failed: ${err.message}`);
    await killAll();
    process.exit(1);
  }
}

/** Refuse to start on busy ports, with a hint, rather than fail obscurely later. */
async function checkPorts() {
  const wanted = [
    ['WEB_PORT', WEB_PORT],
    ['API_PORT', API_PORT],
    ['SIM_PORT', SIM_PORT],
    ['VNPAY_SIM_PORT', VNPAY_SIM_PORT],
    ['BANK_FEED_SIM_PORT', BANK_FEED_SIM_PORT],
    ...(process.env.MONGODB_URI ? [] : [['MONGO_PORT', MONGO_PORT]]),
    ...(process.env.REDIS_URL ? [] : [['REDIS_PORT', REDIS_PORT]]),
  ];
  const busy = [];
  for (const [name, port] of wanted) if (await isPortOpen(port)) busy.push(`${name}=${port}`);
  if (busy.length) {
    throw new Error(`port(s) already in use: ${busy.join(', ')}. Is another "npm start" running? ` +
      `Stop it, or choose other ports, e.g. WEB_PORT=4300 API_PORT=3100 MONGO_PORT=27118 REDIS_PORT=6480 SIM_PORT=7500 VNPAY_SIM_PORT=7600 BANK_FEED_SIM_PORT=7610 npm start`);
  }
}

/** Demo accounts written by the seed authors (array of {role, name, phone, password}). */
function demoLogins() {
  const file = path.join(repoRoot, 'tools/seed/demo-logins.json');
  try {
    const list = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(list) || list.length === 0) return ['    (tools/seed/demo-logins.json is empty)'];
    const rows = [['role', 'name', 'phone', 'password'], ...list.map((l) => [l.role, l.name, l.phone, l.password].map((v) => String(v ?? '')))];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => '    ' + r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  } catch (err) {
    return [`    (no demo logins: ${err.code === 'ENOENT' ? `${pretty(file)} not found` : `cannot read ${pretty(file)}: ${err.message}`})`];
  }
}

function banner({ mongoUri, redisUrl }) {
  const web = `http://localhost:${WEB_PORT}`;
  const api = `http://localhost:${API_PORT}/api`;
  const lines = [
    '',
    '  Nông Sàn Số is running',
    '',
    `  Web             ${web}`,
    `  API             ${api}   (also proxied at ${web}/api)`,
    `  API docs        ${api}/docs`,
    `  Messages        http://localhost:${SIM_PORT}/   (Zalo ZNS / SMS simulator: one-time codes land here)`,
    `  VNPay           http://localhost:${VNPAY_SIM_PORT}/sim/transactions   (VNPay simulator: the pay page, IPNs, querydr, refunds)`,
    `  Bank feed       http://localhost:${BANK_FEED_SIM_PORT}/   (send a bank transfer for a VietQR order)`,
    '',
    `  MongoDB         ${mongoUri}`,
    `  Redis           ${redisUrl}`,
    `  Data            ${pretty(DATA)}/   Logs: ${pretty(getLogDir())}/`,
    '',
    '  Demo logins:',
    ...demoLogins(),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  setLogDir(path.join(repoRoot, '.run', 'logs'));
  installShutdownHandlers({ exitCodeOnSignal: () => 0 }); // Ctrl-C is the normal way to stop
  process.chdir(repoRoot);

  await step('check ports', checkPorts);
  fs.mkdirSync(MEDIA_DIR, { recursive: true });
  const secrets = loadOrCreateSecrets(path.join(DATA, 'secrets.json'));

  const [mongoUri, redisUrl] = await step('start MongoDB (FerretDB) and Redis', () =>
    Promise.all([
      startMongo({ dataDir: path.join(DATA, 'ferretdb'), port: MONGO_PORT, db: 'nongsanso' }),
      startRedis({ dir: path.join(DATA, 'redis'), port: REDIS_PORT, persist: true }),
    ]),
  );

  if (process.env.NSS_SKIP_BUILD === '1') say('NSS_SKIP_BUILD=1: using dist/ as it is');
  else await step(`build ${BUILT_PROJECTS.join(', ')} (nx)`, async () => {
    const r = await runCommand('nx build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', ...BUILT_PROJECTS, '--outputStyle=static'], { env: NX_ENV });
    if (r.code !== 0) throw new Error(`nx run-many -t build exited with code ${r.code} (see the output above)`);
  });

  const env = appEnv({
    NODE_ENV: 'development',
    API_PORT,
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: secrets.JWT_ACCESS_SECRET,
    // Staff and admins can enrol TOTP in development too (their secrets are sealed with this key).
    TOTP_ENCRYPTION_KEY: secrets.TOTP_ENCRYPTION_KEY,
    MEDIA_DIR,
    PUBLIC_WEB_URL: `http://localhost:${WEB_PORT}`,
    LOG_LEVEL: 'info',
    // The web proxy (serve-web.mjs) runs on this machine and sets X-Forwarded-For from its socket.
    TRUST_PROXY: 'loopback',
  });

  await step('seed', () => runSeed(env));
  await step('start the simulators (messaging, VNPay, bank feed), api, worker, web', () =>
    startApps({ env, apiPort: API_PORT, webPort: WEB_PORT, simPort: SIM_PORT, vnpaySimPort: VNPAY_SIM_PORT, bankFeedSimPort: BANK_FEED_SIM_PORT }),
  );

  // From now on, any child dying is fatal: stop the rest rather than leave a half-working app.
  onAnyUnexpectedExit(async ({ name }) => {
    fail(`${name} died; stopping everything`);
    await killAll();
    process.exit(1);
  });
  banner({ mongoUri, redisUrl });
}

main().catch(async (err) => {
  fail(err?.stack || String(err));
  await killAll();
  process.exit(1);
});
