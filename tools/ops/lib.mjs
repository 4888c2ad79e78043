// Shared by backup.mjs and restore.mjs: the backup's layout, credential-free addresses, checksums, Redis helpers and a
// throw-away redis-server that opens an RDB file. See docker/README.md, "Backups".
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Redis } from 'ioredis';
import { which, freePort, waitForPort } from '../scripts/lib/infra.mjs';

export { which, freePort };
export { say, warn, fail, pretty } from '../scripts/lib/proc.mjs';

/** What a backup directory holds (manifest.json names every file with its size and sha256). */
export const LAYOUT = {
  manifest: 'manifest.json',
  /** `mongodump --archive --gzip` (production, when mongodump is on PATH). */
  archive: 'database.archive.gz',
  /** mongodump's own directory layout with --gzip: `<db>/<collection>.bson.gz`, `<collection>.metadata.json.gz`. */
  directory: 'database',
  rdb: 'redis/dump.rdb',
  aofDir: 'redis/appendonlydir',
  media: 'media.tar.gz',
};

export const MANIFEST_FORMAT = 1;

/** A usage or precondition error: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** `mongodb://user:secret@host/db?x` → `mongodb://host/db?x`; also redis URLs. Never print a URI without this. */
export function redactUri(uri) {
  try {
    const url = new URL(uri);
    url.username = '';
    url.password = '';
    // Query options may carry secrets too (tlsCertificateKeyFilePassword, authMechanismProperties…): keep the names only.
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|key|token|properties/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return '(unparseable URI)';
  }
}

/** The database named in a MongoDB URI's path; refuses a URI without one (the driver would silently use `test`). */
export function databaseNameOf(uri) {
  let name = '';
  try {
    name = decodeURIComponent(new URL(uri).pathname.replace(/^\//, ''));
  } catch {
    throw new UsageError('MONGODB_URI is not a valid URI');
  }
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new UsageError(`MONGODB_URI must name the database in its path (mongodb://host:port/<database>), got ${redactUri(uri)}`);
  }
  return name;
}

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new UsageError(`${name} is not set (the same value as the api and worker use)`);
  return value;
}

export async function sha256File(file) {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

/** Number and total size of the regular files under `dir`. */
export function treeStats(dir) {
  let bytes = 0;
  const files = listFiles(dir);
  for (const f of files) bytes += fs.statSync(path.join(dir, f)).size;
  return { files: files.length, bytes };
}

export const formatBytes = (n) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Run a command to completion; its stderr is shown unless `quiet`. Resolves to its stderr, or to its stdout with
 * `stdout: true`; rejects on failure (with the last stderr lines when quiet).
 */
export function run(cmd, args, { cwd, env = process.env, quiet = false, stdout: capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', capture ? 'pipe' : quiet ? 'ignore' : 'inherit', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    const closed = new Promise((r) => child.once('close', r));
    child.once('error', (err) => reject(new Error(`${cmd} could not start: ${err.message}`)));
    child.once('exit', async (code, signal) => {
      await closed;
      if (code === 0) return resolve(capture ? stdout : stderr);
      const tail = quiet ? `: ${stderr.trim().split('\n').slice(-5).join(' | ')}` : '';
      reject(new Error(`${cmd} failed (${signal ? `signal ${signal}` : `exit ${code}`})${tail}`));
    });
  });
}

/** A Redis client that fails instead of retrying forever (an operator script must say what is wrong). */
export function redisClient(url, extra = {}) {
  return new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true, enableOfflineQueue: false, ...extra });
}

/** `INFO <section>` as an object of its `key:value` lines. */
export async function redisInfo(redis, section) {
  const text = await redis.info(section);
  return Object.fromEntries(
    text
      .split('\r\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}

/** Keys per logical database, from `INFO keyspace`: `{ "0": 123, "3": 5 }`. */
export async function redisKeyspace(redis) {
  const info = await redisInfo(redis, 'keyspace');
  const out = {};
  for (const [db, value] of Object.entries(info)) {
    const keys = /keys=(\d+)/.exec(value);
    if (db.startsWith('db') && keys) out[db.slice(2)] = Number(keys[1]);
  }
  return out;
}

/**
 * The BullMQ queues in one Redis database (default prefix `bull`) with their jobs per state: what must not be lost.
 * Only counts: job payloads may carry personal data.
 */
export async function bullQueues(redis) {
  const queues = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'bull:*:meta', 'COUNT', 1000);
    cursor = next;
    for (const key of keys) queues[key.slice('bull:'.length, -':meta'.length)] = {};
  } while (cursor !== '0');
  for (const name of Object.keys(queues).sort()) {
    const k = (s) => `bull:${name}:${s}`;
    const [wait, active, paused, delayed, prioritized, failed] = await Promise.all([
      redis.llen(k('wait')),
      redis.llen(k('active')),
      redis.llen(k('paused')),
      redis.zcard(k('delayed')),
      redis.zcard(k('prioritized')),
      redis.zcard(k('failed')),
    ]);
    queues[name] = { wait: wait + paused, active, delayed, prioritized, failed };
  }
  return Object.fromEntries(Object.entries(queues).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A redis-server of our own on 127.0.0.1 (a free port), working in `dir`, loading `dir/dump.rdb` if present; no
 * persistence of its own unless asked. Returns { url, client, stop() }; `stop({ save })` shuts it down.
 */
export async function startScratchRedis(dir, { appendonly = false } = {}) {
  const bin = which('redis-server');
  if (!bin) throw new UsageError('redis-server is not installed here: it is needed to open the backup\'s RDB file (Debian: apt-get install redis-server)');
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', 'dump.rdb', '--save', '', '--appendonly', appendonly ? 'yes' : 'no', '--logfile', path.join(dir, 'restore-redis.log'), '--daemonize', 'no'];
  const child = spawn(bin, args, { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  const logFile = path.join(dir, 'restore-redis.log');
  try {
    // With `service`, a server that could not bind (the port taken meanwhile) fails here instead of another one answering.
    await waitForPort(port, { timeoutMs: 30_000, service: { name: 'the scratch redis-server', logFile, isAlive: () => child.exitCode === null && child.signalCode === null } });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err.message} (log: ${logFile})`);
  }
  const url = `redis://127.0.0.1:${port}`;
  const client = redisClient(url);
  await client.connect();
  // Loading a large RDB answers LOADING errors until done.
  for (;;) {
    try {
      const info = await redisInfo(client, 'persistence');
      if (info.loading === '0') break;
    } catch (err) {
      if (!String(err.message).includes('LOADING')) throw err;
    }
    await sleep(100);
  }
  return {
    url,
    client,
    async stop({ save = false } = {}) {
      try {
        await client.call('SHUTDOWN', save ? 'SAVE' : 'NOSAVE');
      } catch {
        /* the connection closes as it shuts down */
      }
      client.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
