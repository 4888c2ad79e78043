// Local infrastructure for start.mjs and test-all.mjs: FerretDB (our MongoDB substitute, see
// shared/docs/mongodb-compat.md) and our own redis-server instances, plus Debian package installs.
//
// MONGODB_URI / REDIS_URL in the environment always win: then nothing is started, so the same
// scripts run against a real MongoDB / Redis.
import fs from 'node:fs';
import path from 'node:path';
import { spawnService, runCommand, runCapture, repoRoot, say, warn, pretty } from './proc.mjs';
import { waitForPort } from './net.mjs';
export { freePort, waitForPort, waitForHttp } from './net.mjs';

const GO_BIN_DIR = '/usr/local/go/bin';

/** Absolute path of an executable found on PATH (plus the sbin dirs), or null. */
export function which(cmd) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin'];
  for (const dir of dirs) {
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

/** True if the Debian package is installed (dpkg status "install ok installed"). */
export async function dpkgInstalled(pkg) {
  try {
    const out = await runCapture('dpkg-query', ['-W', '-f=${Status}', pkg], { quiet: true });
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

let aptUpdated = false;

/**
 * Install Debian packages with apt-get (we are root on these machines; otherwise `sudo -n` is tried).
 * `apt-get update` runs once per process. Returns true on success; never throws.
 */
export async function aptInstall(pkgs) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    return runCommand(`apt-get ${args[0]}`, cmd, rest, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: 15 * 60_000,
    });
  };
  if (!aptUpdated) {
    say('apt-get update');
    if ((await run(['update'])).code !== 0) warn('apt-get update failed; trying the install anyway');
    aptUpdated = true;
  }
  say(`apt-get install -y ${pkgs.join(' ')}`);
  const { code } = await run(['install', '-y', ...pkgs]);
  return code === 0;
}

/** Make sure redis-server is installed (Debian package `redis-server`); returns its path. */
export async function ensureRedisServer() {
  let bin = which('redis-server');
  if (bin) return bin;
  await aptInstall(['redis-server']);
  bin = which('redis-server');
  if (!bin) throw new Error('redis-server is not installed and `apt-get install -y redis-server` did not provide it');
  return bin;
}

let ferretBin;

/**
 * Path of the FerretDB binary. tools/infra/build-ferretdb.sh builds it on first use (minutes; needs
 * Go, looked up on PATH and in /usr/local/go/bin) and caches it under ~/.cache/nong-san-so.
 */
export async function ferretdbBinary() {
  if (ferretBin) return ferretBin;
  const script = path.join(repoRoot, 'tools/infra/build-ferretdb.sh');
  const env = { ...process.env, PATH: `${process.env.PATH ?? ''}${path.delimiter}${GO_BIN_DIR}` };
  let out;
  try {
    out = await runCapture('bash', [script], { env });
  } catch (err) {
    throw new Error(`building/locating FerretDB failed: ${err.message}`);
  }
  const bin = out.trim().split('\n').pop()?.trim();
  if (!bin || !fs.existsSync(bin)) throw new Error(`build-ferretdb.sh printed no usable binary path (got "${bin}")`);
  ferretBin = bin;
  return bin;
}

/**
 * Start FerretDB on 127.0.0.1:`port`, storing SQLite files in `dataDir` (created if missing).
 * Resolves to the connection string `mongodb://127.0.0.1:<port>/<db>`, or to MONGODB_URI if set.
 * The process is registered with proc.mjs, so it is killed when we exit.
 */
export async function startMongo({ dataDir, port, db = 'nongsanso', name = 'ferretdb' }) {
  if (process.env.MONGODB_URI) {
    say(`MONGODB_URI is set: using it, not starting FerretDB`);
    return process.env.MONGODB_URI;
  }
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(db)) throw new Error(`invalid database name "${db}"`);
  const bin = await ferretdbBinary();
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`, // the trailing slash matters: it names a directory
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--state-dir=-', // no state file in the cwd (would clash between instances)
    '--debug-addr=-', // no debug HTTP server on 8088 (same reason)
    '--log-level=warn',
  ];
  const service = spawnService(name, bin, args);
  await waitForPort(port, { service, timeoutMs: 30_000 });
  say(`${name} (FerretDB) ready on 127.0.0.1:${port}, data in ${pretty(dir)}`);
  return `mongodb://127.0.0.1:${port}/${db}`;
}

/**
 * Start our own redis-server on 127.0.0.1:`port` with working dir `dir` (created if missing).
 * persist=true: RDB snapshot every 60 s if ≥1 change, plus the append-only file (dev data survives
 * restarts); persist=false: no disk writes at all (tests). Resolves to `redis://127.0.0.1:<port>`,
 * or to REDIS_URL if set.
 */
export async function startRedis({ dir, port, persist = true, name = 'redis' }) {
  if (process.env.REDIS_URL) {
    say(`REDIS_URL is set: using it, not starting redis-server`);
    return process.env.REDIS_URL;
  }
  const bin = await ensureRedisServer();
  const workDir = path.resolve(dir);
  fs.mkdirSync(workDir, { recursive: true });
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', workDir,
    '--save', persist ? '60 1' : '',
    '--appendonly', persist ? 'yes' : 'no',
    '--daemonize', 'no',
    '--logfile', '', // log to stdout, i.e. our log file
    '--maxmemory-policy', 'noeviction', // BullMQ requires it (it is Redis's default too)
  ];
  const service = spawnService(name, bin, args);
  await waitForPort(port, { service, timeoutMs: 20_000 });
  say(`${name} ready on 127.0.0.1:${port}${persist ? `, data in ${pretty(workDir)}` : ''}`);
  return `redis://127.0.0.1:${port}`;
}
