#!/usr/bin/env node
// npm run restore -- <backup dir> [--drop] [--redis-dir DIR] [--skip-database] [--skip-redis] [--skip-media]
//
// Restores a backup made by backup.mjs into a fresh stack (docker/README.md, "Backups"):
//   - the database into MONGODB_URI's database (renamed if the source's was called otherwise): `mongorestore` for a
//     mongodump archive (it must be on PATH then), the Node restorer for the directory layout (documents, then the
//     indexes); a database that holds any document is refused unless --drop (which drops the backed-up collections);
//   - Redis, either into the running, empty Redis at REDIS_URL (a scratch redis-server opens the RDB and every key is
//     copied with DUMP/RESTORE, TTLs kept), or with --redis-dir DIR into the data directory of a stopped Redis
//     (dump.rdb plus an AOF directory made from it, so it starts with or without appendonly); a target that holds
//     keys (or a DIR with data) is refused unless --drop;
//   - media, untarred into MEDIA_DIR (refused when it holds files, unless --drop: files of the backup then replace
//     those of the same name).
// Every file's sha256 is checked against manifest.json first, every refusal is decided before anything is written,
// and the result is verified against the manifest: documents per collection, keys per Redis database, BullMQ jobs per
// queue, media files. Exit 0 when all match, 1 on a failure or mismatch, 2 on a refusal or usage error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { MongoClient } from 'mongodb';
import { BSON, EJSON } from 'bson';
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
  startScratchRedis,
  treeStats,
  which,
} from './lib.mjs';

const USAGE =
  'usage: npm run restore -- <backup dir> [--drop] [--redis-dir DIR] [--skip-database] [--skip-redis] [--skip-media]   (env: MONGODB_URI, REDIS_URL, MEDIA_DIR)';

function options() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        drop: { type: 'boolean', default: false },
        'redis-dir': { type: 'string' },
        'skip-database': { type: 'boolean', default: false },
        'skip-redis': { type: 'boolean', default: false },
        'skip-media': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) return { ...values, dir: '' };
    if (positionals.length !== 1) throw new Error('name one backup directory');
    return { ...values, dir: path.resolve(positionals[0]) };
  } catch (err) {
    throw new UsageError(`${err.message}\n${USAGE}`);
  }
}

function readManifest(dir) {
  const file = path.join(dir, LAYOUT.manifest);
  if (!fs.existsSync(file)) throw new UsageError(`${file} is missing: not a backup, or an unfinished one (the manifest is written last)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (manifest.format !== MANIFEST_FORMAT) throw new UsageError(`manifest format ${manifest.format} is not ${MANIFEST_FORMAT}: restore it with the tools of the version that made it`);
  return manifest;
}

async function checkFiles(dir, manifest) {
  for (const f of manifest.files) {
    const file = path.join(dir, f.path);
    if (!fs.existsSync(file)) throw new UsageError(`the backup is damaged: ${f.path} is missing`);
    if (fs.statSync(file).size !== f.bytes || (await sha256File(file)) !== f.sha256) throw new UsageError(`the backup is damaged: ${f.path} does not match its sha256 in the manifest`);
  }
  say(`backup of ${manifest.createdAt}: ${manifest.files.length} files checked (sha256), ${formatBytes(manifest.totalBytes)}`);
}

// ── database ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Documents of a `.bson.gz` file (concatenated BSON: each document starts with its int32 length), in batches. */
async function* bsonBatches(file, { maxDocs = 1000, maxBytes = 8 * 1024 * 1024 } = {}) {
  let pending = Buffer.alloc(0);
  let batch = [];
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file).pipe(createGunzip())) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    while (pending.length - offset >= 4) {
      const size = pending.readInt32LE(offset);
      if (size < 5) throw new Error(`${path.basename(file)} is not BSON (a document of ${size} bytes)`);
      if (pending.length - offset < size) break;
      // promoteValues: false keeps int32/int64/double apart, so a document goes back exactly as it was dumped.
      batch.push(BSON.deserialize(pending.subarray(offset, offset + size), { promoteValues: false, promoteBuffers: false, bsonRegExp: true }));
      bytes += size;
      offset += size;
      if (batch.length >= maxDocs || bytes >= maxBytes) {
        yield batch;
        batch = [];
        bytes = 0;
      }
    }
    pending = pending.subarray(offset);
  }
  if (pending.length) throw new Error(`${path.basename(file)} ends in the middle of a document (truncated backup)`);
  if (batch.length) yield batch;
}

async function readGzipText(file) {
  const parts = [];
  for await (const chunk of fs.createReadStream(file).pipe(createGunzip())) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** Collections of the target that hold documents: a restore into them would mix two databases. */
async function nonEmptyCollections(db) {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.'));
  const busy = [];
  for (const name of names) if (await db.collection(name).findOne({}, { projection: { _id: 1 } })) busy.push(name);
  return busy;
}

async function restoreDirectory(db, source, drop) {
  const files = fs.readdirSync(source).filter((f) => f.endsWith('.metadata.json.gz')).sort();
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const file of files) {
    const meta = EJSON.parse(await readGzipText(path.join(source, file)), { relaxed: false });
    const name = meta.collectionName ?? file.slice(0, -'.metadata.json.gz'.length);
    if (drop && existing.has(name)) {
      await db.collection(name).drop();
      existing.delete(name);
    }
    if (!existing.has(name)) await db.createCollection(name, meta.options ?? {});
    const collection = db.collection(name);
    const bson = path.join(source, `${name}.bson.gz`);
    if (fs.existsSync(bson)) {
      for await (const batch of bsonBatches(bson)) await collection.insertMany(batch, { ordered: true, checkKeys: false, ignoreUndefined: false });
    }
    // Indexes after the documents (faster, and as mongorestore does); `_id_` exists with the collection.
    const specs = (meta.indexes ?? [])
      .filter((spec) => spec.name !== '_id_')
      .map((spec) => Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'v' && k !== 'ns')));
    if (specs.length) await db.command({ createIndexes: name, indexes: specs });
  }
}

async function restoreArchive(uri, archive, sourceName, targetName, drop, oplog) {
  if (!which('mongorestore')) {
    throw new UsageError('this backup is a mongodump archive: mongorestore (MongoDB Database Tools) must be on PATH to restore it');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-restore-'));
  const config = path.join(tmp, 'mongorestore.yaml');
  fs.writeFileSync(config, `uri: ${JSON.stringify(uri)}\n`, { mode: 0o600 });
  try {
    await run('mongorestore', [
      `--config=${config}`,
      `--archive=${archive}`,
      '--gzip',
      `--nsInclude=${sourceName}.*`,
      ...(sourceName !== targetName ? [`--nsFrom=${sourceName}.*`, `--nsTo=${targetName}.*`] : []),
      ...(oplog ? ['--oplogReplay'] : []),
      ...(drop ? ['--drop'] : []),
    ]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ── Redis ───────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Copies every key of every database of `from` into `to` (DUMP/RESTORE, remaining TTL kept). */
async function copyKeys(fromUrl, toUrl, keyspace, replace) {
  for (const db of Object.keys(keyspace)) {
    const from = redisClient(fromUrl, { db: Number(db) });
    const to = redisClient(toUrl, { db: Number(db) });
    await Promise.all([from.connect(), to.connect()]);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await from.scan(cursor, 'COUNT', 1000);
        cursor = next;
        if (!keys.length) continue;
        const read = from.pipeline();
        for (const key of keys) read.dumpBuffer(key).pttl(key);
        const answers = await read.exec();
        const write = to.pipeline();
        keys.forEach((key, i) => {
          const payload = answers[2 * i][1];
          const ttl = answers[2 * i + 1][1];
          if (payload === null || ttl === -2) return; // expired meanwhile
          write.restore(key, ttl > 0 ? ttl : 0, payload, ...(replace ? ['REPLACE'] : []));
        });
        for (const [err] of await write.exec()) if (err) throw err;
      } while (cursor !== '0');
    } finally {
      from.disconnect();
      to.disconnect();
    }
  }
}

/** Jobs per queue per database, as bullQueues counts them, for every database of the keyspace. */
async function queuesOf(url, keyspace) {
  const out = {};
  for (const db of Object.keys(keyspace)) {
    const client = redisClient(url, { db: Number(db) });
    await client.connect();
    const found = await bullQueues(client);
    if (Object.keys(found).length) out[db] = found;
    client.disconnect();
  }
  return out;
}

/** Into a running Redis: a scratch redis-server opens the RDB, its keys are copied over. */
async function restoreRedisLive(url, rdb, drop) {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-restore-redis-'));
  fs.copyFileSync(rdb, path.join(scratchDir, 'dump.rdb'));
  const scratch = await startScratchRedis(scratchDir);
  try {
    const keyspace = await redisKeyspace(scratch.client);
    if (drop) {
      // --drop: the restored Redis is the backup's, not a mix (stale locks or jobs of the old one would act on it).
      const target = redisClient(url);
      await target.connect();
      await target.flushall();
      target.disconnect();
    }
    await copyKeys(scratch.url, url, keyspace, false);
    return { backedUp: keyspace, queuesBackedUp: await queuesOf(scratch.url, keyspace) };
  } finally {
    await scratch.stop();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

/**
 * Into the data directory of a stopped Redis: dump.rdb, then an AOF made from it (a server with appendonly on loads
 * the AOF and ignores the RDB, so an RDB alone would come up empty there). As Redis's docs switch RDB → AOF: start on
 * the RDB without AOF, CONFIG SET appendonly yes, wait for the rewrite.
 */
async function restoreRedisDir(dir, rdb) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir).filter((n) => n === 'dump.rdb' || n.startsWith('appendonly'))) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  fs.copyFileSync(rdb, path.join(dir, 'dump.rdb'));
  const scratch = await startScratchRedis(dir);
  try {
    const keyspace = await redisKeyspace(scratch.client);
    const queues = await queuesOf(scratch.url, keyspace);
    await scratch.client.config('SET', 'appendonly', 'yes');
    for (;;) {
      const info = await redisInfo(scratch.client, 'persistence');
      if (info.aof_rewrite_in_progress === '0' && info.aof_rewrite_scheduled === '0' && info.aof_enabled === '1') {
        if (info.aof_last_bgrewrite_status !== 'ok') throw new Error('the AOF rewrite of the restored data failed (see restore-redis.log in the directory)');
        break;
      }
      await sleep(100);
    }
    return { backedUp: keyspace, queuesBackedUp: queues, restored: keyspace, queuesRestored: queues };
  } finally {
    await scratch.stop();
    fs.rmSync(path.join(dir, 'restore-redis.log'), { force: true });
  }
}

// ── verification ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Prints expected vs found per name; returns the names that differ. */
function compare(title, expected, found) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  const wrong = [];
  say(title);
  for (const name of names) {
    const e = JSON.stringify(expected[name] ?? null);
    const f = JSON.stringify(found[name] ?? null);
    if (e !== f) wrong.push(name);
    say(`  ${e === f ? 'ok ' : 'BAD'} ${name}: ${e === f ? f : `expected ${e}, found ${f}`}`);
  }
  return wrong.map((n) => `${title.trim()} ${n}`);
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const manifest = readManifest(opts.dir);
  const doDatabase = !opts['skip-database'];
  const doRedis = !opts['skip-redis'];
  const doMedia = !opts['skip-media'];
  const uri = doDatabase ? requireEnv('MONGODB_URI') : undefined;
  const redisUrl = doRedis && !opts['redis-dir'] ? requireEnv('REDIS_URL') : undefined;
  const mediaDir = doMedia ? path.resolve(requireEnv('MEDIA_DIR')) : undefined;
  await checkFiles(opts.dir, manifest);
  const started = Date.now();

  // Every refusal first: a refused restore writes nothing anywhere.
  const client = uri ? new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 }) : undefined;
  const problems = [];
  try {
    let db;
    if (client && uri) {
      await client.connect();
      db = client.db(databaseNameOf(uri));
      const busy = await nonEmptyCollections(db);
      if (busy.length && !opts.drop) {
        throw new UsageError(`the target database ${db.databaseName} (${redactUri(uri)}) is not empty (${busy.length} collections hold documents): restore into a fresh database, or pass --drop to replace the backed-up collections`);
      }
    }
    if (redisUrl) {
      const target = redisClient(redisUrl);
      await target.connect();
      const keys = Object.values(await redisKeyspace(target)).reduce((a, b) => a + b, 0);
      target.disconnect();
      if (keys > 0 && !opts.drop) throw new UsageError(`the target Redis (${redactUri(redisUrl)}) holds ${keys} keys: restore into a fresh Redis, or pass --drop to overwrite the backed-up keys`);
    }
    if (doRedis && opts['redis-dir']) {
      const dir = path.resolve(opts['redis-dir']);
      const present = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f === 'dump.rdb' || f.startsWith('appendonly')) : [];
      if (present.length && !opts.drop) throw new UsageError(`${dir} already holds Redis data (${present.join(', ')}): stop that Redis and pass --drop to replace it`);
    }
    if (mediaDir && fs.existsSync(mediaDir) && listFiles(mediaDir).length && !opts.drop) {
      throw new UsageError(`MEDIA_DIR ${mediaDir} holds files: restore into an empty one, or pass --drop to overwrite files of the same name`);
    }

    if (db && uri) {
      const t = Date.now();
      const target = db.databaseName;
      const source = manifest.database.name;
      say(`database: ${manifest.database.format === 'archive' ? 'mongorestore' : 'Node restorer'} ${source} → ${target}${opts.drop ? ' (--drop)' : ''}…`);
      if (manifest.database.format === 'archive') await restoreArchive(uri, path.join(opts.dir, manifest.database.path), source, target, opts.drop, manifest.database.oplog);
      else await restoreDirectory(db, path.join(opts.dir, manifest.database.path), opts.drop);
      const found = {};
      for (const name of Object.keys(manifest.database.collections)) found[name] = await db.collection(name).countDocuments({});
      say(`database restored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      problems.push(...compare('documents per collection (backup → restored):', manifest.database.collections, found));
    }
  } finally {
    await client?.close();
  }

  if (doRedis) {
    const t = Date.now();
    const rdb = path.join(opts.dir, manifest.redis.rdb);
    let result;
    if (opts['redis-dir']) {
      say(`redis: into the data directory ${pretty(path.resolve(opts['redis-dir']))} (start Redis on it afterwards)…`);
      result = await restoreRedisDir(path.resolve(opts['redis-dir']), rdb);
    } else {
      say(`redis: into ${redactUri(redisUrl)}${opts.drop ? ' (--drop: emptied first)' : ''}…`);
      result = await restoreRedisLive(redisUrl, rdb, opts.drop);
      const target = redisClient(redisUrl);
      await target.connect();
      result.restored = await redisKeyspace(target);
      target.disconnect();
      result.queuesRestored = await queuesOf(redisUrl, result.backedUp);
    }
    say(`redis restored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // Keys: the RDB's own count (the manifest's was read a moment after the snapshot, while writes went on).
    problems.push(...compare('keys per Redis database (RDB → restored):', result.backedUp, result.restored));
    const flat = (q) => Object.fromEntries(Object.entries(q).flatMap(([db, byQueue]) => Object.entries(byQueue).map(([name, c]) => [`db${db} ${name}`, c])));
    problems.push(...compare('BullMQ jobs per queue (RDB → restored):', flat(result.queuesBackedUp), flat(result.queuesRestored)));
  }

  if (mediaDir) {
    const t = Date.now();
    fs.mkdirSync(mediaDir, { recursive: true });
    const before = listFiles(mediaDir).length;
    say(`media: into ${pretty(mediaDir)}…`);
    await run('tar', ['-xzf', path.join(opts.dir, manifest.media.archive), '--no-same-owner', '-C', mediaDir]);
    say(`media restored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const expected = { files: manifest.media.files, bytes: manifest.media.bytes };
    if (before === 0) {
      problems.push(...compare('media files (backup → restored):', { media: expected }, { media: treeStats(mediaDir) }));
    } else {
      // --drop into a folder that had files: others may remain; every file of the backup must be there.
      const listing = (await run('tar', ['-tzf', path.join(opts.dir, manifest.media.archive)], { quiet: true, stdout: true })).split('\n');
      const files = listing.filter((f) => f && !f.endsWith('/')).map((f) => f.replace(/^\.\//, ''));
      const present = files.filter((f) => fs.existsSync(path.join(mediaDir, f))).length;
      problems.push(...compare('media files of the backup present (backup → restored):', { media: expected.files }, { media: present }));
    }
  }

  if (problems.length) throw new Error(`verification failed: ${problems.join('; ')}`);
  say(`restore done and verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say('start the api and worker with the same secrets (docker/.env) as the backed-up stack: CITIZEN_ID_ENCRYPTION_KEY opens the stored citizen IDs');
}

main().catch((err) => {
  fail(err instanceof UsageError ? err.message : `restore failed: ${err.message}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
