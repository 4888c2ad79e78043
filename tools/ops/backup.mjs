#!/usr/bin/env node
// npm run backup -- [--out DIR] [--redis-rdb FILE] [--node-dumper]
//
// Backs up what a restore needs into one directory (docker/README.md, "Backups"):
//   - the database (MONGODB_URI): `mongodump --archive --gzip` (`--oplog` on a replica set) when mongodump is on PATH,
//     otherwise (FerretDB machines: no MongoDB Database Tools) a dump in mongodump's own directory layout
//     (`database/<db>/<collection>.bson.gz` = concatenated BSON documents, `<collection>.metadata.json.gz` with its
//     indexes and options), which `mongorestore --gzip --dir database` reads as well;
//   - Redis (REDIS_URL): BGSAVE, wait until it is written, copy the RDB (found with CONFIG GET dir/dbfilename, or
//     `--redis-rdb FILE` where CONFIG is not allowed); with AOF on, the AOF directory too (rewrites paused meanwhile);
//   - media (MEDIA_DIR): media.tar.gz (system tar);
//   - manifest.json, written last: the time (UTC), the sources without credentials, documents per collection, keys
//     per Redis database and BullMQ jobs per queue, media files, and every file's size and sha256.
// Prints counts and sizes only: never a credential, never a document (they hold personal data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { EJSON } from 'bson';
import {
  LAYOUT,
  MANIFEST_FORMAT,
  UsageError,
  bullQueues,
  databaseNameOf,
  fail,
  formatBytes,
  listFiles,
  pretty,
  redactUri,
  redisClient,
  redisInfo,
  redisKeyspace,
  requireEnv,
  run,
  say,
  sha256File,
  sleep,
  treeStats,
  warn,
  which,
} from './lib.mjs';

const USAGE = 'usage: npm run backup -- [--out DIR] [--redis-rdb FILE] [--node-dumper]   (env: MONGODB_URI, REDIS_URL, MEDIA_DIR)';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        out: { type: 'string' },
        'redis-rdb': { type: 'string' },
        'node-dumper': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    return values;
  } catch (err) {
    throw new UsageError(`${err.message}\n${USAGE}`);
  }
}

/** `backups/nss-20261202T131500Z` (UTC), under the current directory. */
function defaultOut() {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.resolve('backups', `nss-${stamp}`);
}

/** mongodump's collection metadata: `{ indexes, uuid, collectionName, type, options }` in canonical extended JSON. */
function metadataOf(info, indexes) {
  const uuid = info.info?.uuid;
  const hex = typeof uuid === 'string' ? uuid.replace(/-/g, '') : uuid?.toString?.('hex');
  return EJSON.stringify(
    { indexes, ...(hex ? { uuid: hex } : {}), collectionName: info.name, type: info.type ?? 'collection', options: info.options ?? {} },
    { relaxed: false },
  );
}

/** The Node dumper: one collection at a time, documents as the server sent them (raw BSON, no re-encoding). */
async function dumpDirectory(db, out) {
  const dir = path.join(out, LAYOUT.directory, db.databaseName);
  fs.mkdirSync(dir, { recursive: true });
  const infos = (await db.listCollections({}, { nameOnly: false }).toArray())
    .filter((c) => (c.type ?? 'collection') === 'collection' && !c.name.startsWith('system.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const counts = {};
  let indexes = 0;
  for (const info of infos) {
    const collection = db.collection(info.name);
    const specs = await collection.listIndexes().toArray();
    indexes += specs.length;
    await pipeline(Readable.from([metadataOf(info, specs)]), createGzip(), fs.createWriteStream(path.join(dir, `${info.name}.metadata.json.gz`)));
    let n = 0;
    // `raw: true`: each document is the BSON buffer the server sent, so types (int32/double/long, dates) survive exactly.
    const cursor = collection.find({}, { raw: true, batchSize: 1000 });
    async function* documents() {
      for await (const doc of cursor) {
        n++;
        yield doc;
      }
    }
    await pipeline(Readable.from(documents()), createGzip(), fs.createWriteStream(path.join(dir, `${info.name}.bson.gz`)));
    counts[info.name] = n;
  }
  return { format: 'directory', path: `${LAYOUT.directory}/${db.databaseName}`, collections: counts, indexes };
}

/** mongodump, with the URI in a private config file (not on the command line, where `ps` shows it). */
async function dumpArchive(db, uri, out, replicaSet) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-backup-'));
  const config = path.join(tmp, 'mongodump.yaml');
  fs.writeFileSync(config, `uri: ${JSON.stringify(uri)}\n`, { mode: 0o600 });
  try {
    // --oplog (a point-in-time dump while writes go on) needs the whole instance: no --db with it.
    const args = [`--config=${config}`, `--archive=${path.join(out, LAYOUT.archive)}`, '--gzip', ...(replicaSet ? ['--oplog'] : [`--db=${db.databaseName}`])];
    const stderr = await run('mongodump', args, { quiet: true });
    // mongodump reports the documents it wrote per collection: "done dumping <db>.<coll> (123 documents)".
    const counts = {};
    for (const m of stderr.matchAll(/done dumping ([^.\s]+)\.(\S+) \((\d+) documents?\)/g)) {
      if (m[1] === db.databaseName) counts[m[2]] = Number(m[3]);
    }
    // A mongodump that words its report otherwise: count after the dump (exact when nothing was written meanwhile).
    if (!Object.keys(counts).length) {
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        if (!name.startsWith('system.')) counts[name] = await db.collection(name).countDocuments({});
      }
    }
    return { format: 'archive', path: LAYOUT.archive, collections: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))), oplog: replicaSet };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function backupDatabase(uri, out, useNodeDumper) {
  const name = databaseNameOf(uri);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = client.db(name);
    const hello = await db.admin().command({ hello: 1 });
    const started = Date.now();
    const mongodump = !useNodeDumper && which('mongodump');
    say(`database ${name}: ${mongodump ? `mongodump --archive --gzip${hello.setName ? ' --oplog' : ''}` : 'Node dumper (mongodump directory layout, gzip)'}…`);
    const result = mongodump ? await dumpArchive(db, uri, out, Boolean(hello.setName)) : await dumpDirectory(db, out);
    const docs = Object.values(result.collections).reduce((a, b) => a + b, 0);
    say(`database ${name}: ${Object.keys(result.collections).length} collections, ${docs} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { uri: redactUri(uri), name, ...result, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.close();
  }
}

/** BGSAVE and wait until this save (not an earlier one) is on disk. */
async function bgsave(redis) {
  const before = await redisInfo(redis, 'persistence');
  const lastBefore = Number(before.rdb_last_save_time);
  const savesBefore = before.rdb_saves === undefined ? undefined : Number(before.rdb_saves);
  // LASTSAVE has a one-second resolution: without the save counter (Redis < 7), start in a later second than the last.
  if (savesBefore === undefined) while (Math.floor(Date.now() / 1000) <= lastBefore) await sleep(100);
  // SCHEDULE: if a save or an AOF rewrite is running, Redis starts ours as soon as it ends instead of refusing.
  await redis.call('BGSAVE', 'SCHEDULE');
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const info = await redisInfo(redis, 'persistence');
    const done = savesBefore !== undefined ? Number(info.rdb_saves) > savesBefore : Number(info.rdb_last_save_time) > lastBefore;
    if (done && info.rdb_bgsave_in_progress === '0') {
      if (info.rdb_last_bgsave_status !== 'ok') throw new Error('Redis BGSAVE failed (rdb_last_bgsave_status is not ok: see the Redis log, e.g. disk full)');
      return info;
    }
    if (Date.now() > deadline) throw new Error('Redis BGSAVE did not finish within 30 minutes');
    await sleep(100);
  }
}

async function configGet(redis, name) {
  try {
    const [, value] = await redis.config('GET', name);
    return value;
  } catch {
    return undefined; // CONFIG disabled or renamed (managed Redis)
  }
}

/** Copies the AOF directory with automatic rewrites paused (a rewrite swaps its files), as Redis's docs advise. */
async function copyAof(redis, dir, out) {
  const dirname = (await configGet(redis, 'appenddirname')) ?? 'appendonlydir';
  const source = path.join(dir, dirname);
  if (!fs.existsSync(source)) {
    warn(`AOF is on but ${pretty(source)} is not readable from here: the RDB snapshot alone is backed up`);
    return null;
  }
  const percentage = await configGet(redis, 'auto-aof-rewrite-percentage');
  if (percentage === undefined) {
    warn('CONFIG is not allowed: cannot pause AOF rewrites, so the AOF directory is not copied (the RDB snapshot is)');
    return null;
  }
  await redis.config('SET', 'auto-aof-rewrite-percentage', '0');
  try {
    while ((await redisInfo(redis, 'persistence')).aof_rewrite_in_progress !== '0') await sleep(100);
    fs.cpSync(source, path.join(out, LAYOUT.aofDir), { recursive: true });
  } finally {
    await redis.config('SET', 'auto-aof-rewrite-percentage', percentage);
  }
  return LAYOUT.aofDir;
}

async function backupRedis(url, out, rdbOverride) {
  const redis = redisClient(url);
  const started = Date.now();
  try {
    await redis.connect();
    say('redis: BGSAVE…');
    const info = await bgsave(redis);
    const dir = await configGet(redis, 'dir');
    const dbfilename = await configGet(redis, 'dbfilename');
    const rdb = rdbOverride ? path.resolve(rdbOverride) : dir && dbfilename ? path.join(dir, dbfilename) : undefined;
    if (!rdb) throw new UsageError('Redis does not allow CONFIG GET dir/dbfilename: name its RDB file with --redis-rdb FILE (e.g. the redis-data volume\'s dump.rdb)');
    if (!fs.existsSync(rdb)) throw new UsageError(`the Redis RDB file ${rdb} is not readable from here (Redis in a container? pass --redis-rdb with the volume's path, or see docker/README.md)`);
    fs.mkdirSync(path.join(out, path.dirname(LAYOUT.rdb)), { recursive: true });
    fs.copyFileSync(rdb, path.join(out, LAYOUT.rdb));
    const aof = info.aof_enabled === '1' && dir ? await copyAof(redis, dir, out) : null;
    const keyspace = await redisKeyspace(redis);
    const queues = {};
    for (const db of Object.keys(keyspace)) {
      const client = db === '0' ? redis : redisClient(url, { db: Number(db) });
      if (client !== redis) await client.connect();
      const found = await bullQueues(client);
      if (Object.keys(found).length) queues[db] = found;
      if (client !== redis) client.disconnect();
    }
    const keys = Object.values(keyspace).reduce((a, b) => a + b, 0);
    say(`redis: ${keys} keys, ${formatBytes(fs.statSync(path.join(out, LAYOUT.rdb)).size)} RDB${aof ? ' + AOF directory' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [db, byQueue] of Object.entries(queues)) {
      for (const [name, c] of Object.entries(byQueue)) say(`  db ${db} queue ${name}: ${c.wait} waiting, ${c.delayed} delayed, ${c.active} active, ${c.prioritized} prioritized, ${c.failed} failed`);
    }
    return { url: redactUri(url), rdb: LAYOUT.rdb, aof, keyspace, queues, seconds: (Date.now() - started) / 1000 };
  } finally {
    redis.disconnect();
  }
}

async function backupMedia(mediaDir, out) {
  const dir = path.resolve(mediaDir);
  if (!fs.existsSync(dir)) throw new UsageError(`MEDIA_DIR ${dir} does not exist`);
  const started = Date.now();
  const stats = treeStats(dir);
  // Relative paths (-C dir .), numeric owners: the archive unpacks the same under any MEDIA_DIR and user.
  await run('tar', ['-czf', path.join(out, LAYOUT.media), '--numeric-owner', '-C', dir, '.']);
  say(`media: ${stats.files} files, ${formatBytes(stats.bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, archive: LAYOUT.media, ...stats };
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const uri = requireEnv('MONGODB_URI');
  const redisUrl = requireEnv('REDIS_URL');
  const mediaDir = requireEnv('MEDIA_DIR');
  const out = path.resolve(opts.out ?? defaultOut());
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new UsageError(`${out} is not empty: a backup goes into a new directory`);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  const started = Date.now();
  const createdAt = new Date().toISOString();
  say(`backup into ${pretty(out)}`);

  const database = await backupDatabase(uri, out, opts['node-dumper']);
  const redis = await backupRedis(redisUrl, out, opts['redis-rdb']);
  const media = await backupMedia(mediaDir, out);

  const files = [];
  for (const rel of listFiles(out)) files.push({ path: rel, bytes: fs.statSync(path.join(out, rel)).size, sha256: await sha256File(path.join(out, rel)) });
  const total = files.reduce((a, f) => a + f.bytes, 0);
  const manifest = {
    format: MANIFEST_FORMAT,
    createdAt,
    finishedAt: new Date().toISOString(),
    host: os.hostname(),
    database,
    redis,
    media,
    files,
    totalBytes: total,
  };
  fs.writeFileSync(path.join(out, LAYOUT.manifest), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  say(`backup done: ${files.length} files, ${formatBytes(total)} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${pretty(out)}`);
  say('keep the secrets of docker/.env with it (CITIZEN_ID_ENCRYPTION_KEY above all: without it the stored citizen IDs cannot be read)');
}

main().catch((err) => {
  fail(err instanceof UsageError ? err.message : `backup failed: ${err.message}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
