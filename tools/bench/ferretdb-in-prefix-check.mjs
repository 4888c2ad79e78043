#!/usr/bin/env node
// Checks the `$in` and string-prefix `_id` pushdowns of tools/infra/ferretdb-id-lookup.patch against a FerretDB built
// without them (--old, which filters every document in Go: the reference), on the same documents: every query shape
// must return the same documents, and the prefix/`$in` queries on a large collection are timed on the new server.
//
//   node tools/bench/ferretdb-in-prefix-check.mjs --old mongodb://127.0.0.1:27150 --new mongodb://127.0.0.1:27151 [--n 100000]
import mongodb from 'mongodb';

const { MongoClient, ObjectId } = mongodb;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('n', 100_000));
const clients = { old: new MongoClient(arg('old')), new: new MongoClient(arg('new')) };

// Strings made to hit the escaping cases: quotes, backslashes, HTML characters, controls, U+2028, non-ASCII, and
// strings that are prefixes of one another; ObjectIDs, numbers and documents in the same collection.
const tricky = ['19:2026-11-02:', '19:2026-11-02', '19:2026-11-02:a', '19:2026-11-02:a"b', '19:2026-11-02:\\x', '19:2026-11-02:<', '19:2026-11-02:&',
  '19:2026-11-02:\u2028', '19:2026-11-02:\u0001', '19:2026-11-02:ế', '19:2026-11-02;', '19:2026-11-03:', '19:2026-11-029', '19:2026-11-01:zz',
  '19:2026-11-02:!', '19:2026-11-02:~', '', 'a', 'ab', 'ab!', 'ab"', 'ac', '2', '1:2026'];
const mixed = [...tricky.map((s) => ({ _id: s })), { _id: new ObjectId('19202611020000000000000a') }, { _id: 19 }, { _id: { a: '19:2026-11-02:' } }, { _id: true }, { _id: null }];

const shapes = [
  { _id: { $gte: '19:2026-11-02:', $lt: '19:2026-11-02;' } },
  { _id: { $gte: '19:2026-11-02', $lt: '19:2026-11-03' } },
  { _id: { $gte: 'a', $lt: 'b' } },
  { _id: { $gte: 'ab', $lt: 'ac' } },
  { _id: { $gte: '1', $lt: '2' } },
  { _id: { $gte: '19:2026-11-02:<', $lt: '19:2026-11-02:=' } }, // not plain: not pushed down, still the same answer
  { _id: { $gt: '19:2026-11-02:', $lt: '19:2026-11-02;' } }, // not the prefix shape
  { _id: { $in: tricky } },
  { _id: { $in: ['19:2026-11-02:a"b', '19:2026-11-02:\u2028', 'nope', new ObjectId('19202611020000000000000a')] } },
  { _id: { $in: ['a', 19, null] } }, // mixed types: not pushed down
  { _id: { $in: ['a', 'ab'] }, x: { $exists: false } },
  { $and: [{ _id: { $in: ['a', 'ac', 'ab!'] } }, { _id: { $gte: 'ab', $lt: 'ac' } }] },
];

const key = (d) => JSON.stringify(d._id instanceof ObjectId ? { oid: d._id.toHexString() } : d._id);
let failures = 0;
const dbs = { old: clients.old.db('inprefix'), new: clients.new.db('inprefix') };
for (const c of Object.values(clients)) await c.connect();
for (const db of Object.values(dbs)) {
  await db.dropDatabase();
  await db.collection('mixed').insertMany(mixed);
}
for (const shape of shapes) {
  const [a, b] = await Promise.all(['old', 'new'].map((s) => dbs[s].collection('mixed').find(shape).sort({ _id: 1 }).toArray()));
  const same = JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
  if (!same) failures++;
  console.log(`${same ? 'same' : 'DIFFERENT'} ${a.length}/${b.length} ${JSON.stringify(shape)}`);
}

// Timing on the new server: N delta-like ids over 200 days, one prefix read of a day and one $in of 500 ids.
const big = dbs.new.collection('big');
const days = Array.from({ length: 200 }, (_, i) => `19:2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
const ids = Array.from({ length: N }, (_, i) => `${days[i % days.length]}:orders:order.created:${i.toString(16).padStart(8, '0')}`);
for (let i = 0; i < ids.length; i += 5000) await big.insertMany(ids.slice(i, i + 5000).map((_id) => ({ _id, v: 1 })), { ordered: false });
const time = async (label, run) => {
  const t = performance.now();
  const n = await run();
  console.log(`${label}: ${n} documents in ${Math.round(performance.now() - t)} ms`);
  return n;
};
const day = days[7];
const prefixCount = await time(`prefix of one day (${N} ids)`, async () => (await big.find({ _id: { $gte: `${day}:`, $lt: `${day};` } }).toArray()).length);
if (prefixCount !== N / days.length) {
  failures++;
  console.log(`DIFFERENT: expected ${N / days.length}`);
}
const some = ids.filter((_, i) => i % 200 === 3).slice(0, 500);
const inCount = await time(`$in of ${some.length} ids (${N} ids)`, async () => (await big.find({ _id: { $in: [...some, 'absent'] } }, { projection: { _id: 1 } }).toArray()).length);
if (inCount !== some.length) failures++;
await Promise.all(Object.values(clients).map((c) => c.close()));
console.log(failures ? `${failures} FAILURES` : 'all same');
process.exit(failures ? 1 : 0);
