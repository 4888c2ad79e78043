#!/usr/bin/env node
// Checks the `_id` range pushdown of tools/infra/ferretdb-id-lookup.patch: pages through collections the way the
// reporting ingest does (`find({_id: {$gt: last}}).sort({_id: 1}).limit(500)`) on two FerretDB servers, the one
// built without the range pushdown (--old) and the one with it (--new), and prints the time per page and whether
// both return the same documents in the same order.
//
//   node tools/bench/ferretdb-range-check.mjs --old mongodb://127.0.0.1:27111 --new mongodb://127.0.0.1:27112 \
//     [--n 200000] [--small 20000] [--no-seed 1] [--big-only 1]
//
// Collections (the same documents on both servers, inserted in random order so that insertion order is not `_id`
// order): `oids` (n ObjectID `_id`s) and `strs` (n `order.created:<hex>` string `_id`s) for timing; `oidsSmall`,
// `strsSmall` and `mixed` (ObjectIDs, strings that look like ObjectIDs, strings with escaped characters, numbers,
// booleans, null, documents in one collection) are paged completely on both servers and compared key by key.
// On the big collections the old server is too slow to page completely (every page scans and sorts the whole table):
// it is asked for a sample of pages (same cursors as the new server, compared too), and the new server's complete
// key list is compared with the expected one (the inserted ObjectIDs sorted by their bytes).
import mongodb from 'mongodb';

const { MongoClient, ObjectId } = mongodb;
const { EJSON } = mongodb.BSON;

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const OLD = args.old ?? 'mongodb://127.0.0.1:27111';
const NEW = args.new ?? 'mongodb://127.0.0.1:27112';
const N = Math.max(3000, Number(args.n ?? 200_000));
const SMALL = Number(args.small ?? 20_000);
const PAGE = 500;
const DB = 'rangecheck';

// Deterministic pseudo-random numbers (mulberry32), so both servers get the same documents.
let seed = 20261202;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const hexByte = () => Math.floor(rand() * 256).toString(16).padStart(2, '0');
const randomHex = () => Array.from({ length: 12 }, hexByte).join('');
function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

const WEIRD = ['', ' ', '!', 'a', 'a ', 'a!', 'a"', 'a\\', 'a<b', 'a>b', 'a&b', 'a\u2028', 'a\u0001', 'ab', 'ab!',
  'ab ', 'ab"c', 'abc', 'A', 'Z', '[', '_', '~', 'é', '\u{1F600}', 'order.created:', 'order.created:!', 'order.created:"',
  'order.created:0', 'order.created:zz', '0'.repeat(24), 'f'.repeat(24), 'g'.repeat(24)];

function makeDocs() {
  const hexes = Array.from({ length: N }, randomHex);
  const small = hexes.slice(0, SMALL);
  const mixedIds = [
    ...hexes.slice(0, 1500).map((h) => new ObjectId(h)),
    // strings that look like ObjectIDs (not the same ones: SQLite's unique `_id` index is on the JSON text, where
    // ObjectId('ab…') and 'ab…' are both "ab…", so FerretDB rejects the second as a duplicate key)
    ...hexes.slice(2500, 2800),
    ...hexes.slice(1500, 2500).map((h) => `order.created:${h}`),
    ...WEIRD,
    ...Array.from({ length: 200 }, (_, i) => (i % 2 ? i * 1.5 : i)),
    true, false, // (no null: the driver replaces `_id: null` with a new ObjectId)
    ...Array.from({ length: 50 }, (_, i) => ({ a: i })),
  ];
  const docs = (ids) => shuffle(ids.map((_id, i) => ({ _id, k: i % 7, at: i })));
  return {
    oids: { docs: docs(hexes.map((h) => new ObjectId(h))), expected: [...hexes].sort().map((h) => `{"$oid":"${h}"}`) },
    strs: { docs: docs(hexes.map((h) => `order.created:${h}`)) },
    oidsSmall: { docs: docs(small.map((h) => new ObjectId(h))) },
    strsSmall: { docs: docs(small.map((h) => `order.created:${h}`)) },
    mixed: { docs: docs(mixedIds) },
  };
}

async function seedServer(db, sets) {
  await db.dropDatabase();
  for (const [name, { docs }] of Object.entries(sets)) {
    const coll = db.collection(name);
    for (let i = 0; i < docs.length; i += 2000) await coll.insertMany(docs.slice(i, i + 2000), { ordered: true });
  }
}

const key = (id) => EJSON.stringify(id, { relaxed: false });
const ZERO_OID = new ObjectId('0'.repeat(24));

// Query shapes, each a function of the last key of the previous page (undefined for the first page).
const SHAPES = {
  'oid $gt asc': { start: () => ({ _id: { $gte: ZERO_OID } }), next: (l) => ({ _id: { $gt: l } }), sort: 1 },
  'oid {} first page then $gt': { start: () => ({}), next: (l) => ({ _id: { $gt: l } }), sort: 1 },
  'oid $lt desc': { start: () => ({ _id: { $lte: new ObjectId('f'.repeat(24)) } }), next: (l) => ({ _id: { $lt: l } }), sort: -1 },
  'oid $gt + other key': { start: () => ({ _id: { $gte: ZERO_OID }, k: { $ne: 3 } }), next: (l) => ({ _id: { $gt: l }, k: { $ne: 3 } }), sort: 1 },
  'oid $gt,$lt in $and': {
    start: () => ({ $and: [{ _id: { $gte: ZERO_OID } }, { _id: { $lt: new ObjectId('c'.repeat(24)) } }] }),
    next: (l) => ({ $and: [{ _id: { $gt: l } }, { _id: { $lt: new ObjectId('c'.repeat(24)) } }] }),
    sort: 1,
  },
  'oid $gt,$lte window': { start: () => ({ _id: { $gte: ZERO_OID, $lte: new ObjectId('8'.repeat(24)) } }), next: (l) => ({ _id: { $gt: l, $lte: new ObjectId('8'.repeat(24)) } }), sort: 1 },
  'str $gt asc': { start: () => ({ _id: { $gte: '' } }), next: (l) => ({ _id: { $gt: l } }), sort: 1 },
  'str $lt desc': { start: () => ({ _id: { $lt: '\u{10FFFF}' } }), next: (l) => ({ _id: { $lt: l } }), sort: -1 },
};

async function page(coll, filter, sort) {
  const t0 = performance.now();
  const docs = await coll.find(filter).sort({ _id: sort }).limit(PAGE).toArray();
  return { ids: docs.map((d) => d._id), ms: performance.now() - t0 };
}

/** Pages through a collection; returns every key, every page's time and the filter of every page. */
async function pageAll(coll, shape, maxPages = Infinity) {
  const keys = [];
  const times = [];
  const filters = [];
  let filter = shape.start();
  while (times.length < maxPages) {
    filters.push(filter);
    const { ids, ms } = await page(coll, filter, shape.sort);
    times.push(ms);
    keys.push(...ids.map(key));
    if (ids.length < PAGE) break;
    filter = shape.next(ids[ids.length - 1]);
  }
  return { keys, times, filters };
}

const stats = (times) => {
  const rest = times.slice(1).sort((a, b) => a - b);
  const med = rest.length ? rest[Math.floor(rest.length / 2)] : NaN;
  return `pages=${times.length} first=${times[0].toFixed(1)}ms median(other)=${med.toFixed(1)}ms max(other)=${(rest.at(-1) ?? NaN).toFixed(1)}ms total=${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)}s`;
};

function firstDifference(a, b) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `at #${i}: ${a[i]} vs ${b[i]} (lengths ${a.length}, ${b.length})`;
  return null;
}

async function main() {
  const oldClient = await MongoClient.connect(OLD);
  const newClient = await MongoClient.connect(NEW);
  const oldDb = oldClient.db(DB);
  const newDb = newClient.db(DB);
  const sets = makeDocs();
  if (!args['no-seed']) {
    let t0 = performance.now();
    await seedServer(oldDb, sets);
    console.log(`seeded old in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    t0 = performance.now();
    await seedServer(newDb, sets);
    console.log(`seeded new in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }
  let failures = 0;
  const check = (label, diff) => {
    console.log(`${diff ? 'DIFFERENT' : 'same     '} ${label}${diff ? `: ${diff}` : ''}`);
    if (diff) failures++;
  };

  // Complete comparison, old vs new, on the small and mixed collections.
  const full = [
    ['oidsSmall', ['oid $gt asc', 'oid {} first page then $gt', 'oid $lt desc', 'oid $gt + other key', 'oid $gt,$lt in $and', 'oid $gt,$lte window']],
    ['strsSmall', ['str $gt asc', 'str $lt desc']],
    ['mixed', ['oid $gt asc', 'oid $lt desc', 'oid $gt + other key', 'oid $gt,$lte window', 'str $gt asc', 'str $lt desc']],
  ];
  for (const [name, shapes] of args['big-only'] ? [] : full) {
    for (const shapeName of shapes) {
      const o = await pageAll(oldDb.collection(name), SHAPES[shapeName]);
      const n = await pageAll(newDb.collection(name), SHAPES[shapeName]);
      check(`${name} / ${shapeName}: ${n.keys.length} keys`, firstDifference(o.keys, n.keys));
      console.log(`    old: ${stats(o.times)}\n    new: ${stats(n.times)}`);
    }
  }

  // Big collections: the new server completely, the old one on a sample of the same pages.
  for (const [name, shapeName, expected] of [
    ['oids', 'oid $gt asc', sets.oids.expected],
    ['oids', 'oid $lt desc', [...sets.oids.expected].reverse()],
    ['oids', 'oid $gt + other key', null],
    ['strs', 'str $gt asc', null],
  ]) {
    const shape = SHAPES[shapeName];
    // without LIMIT pushdown (strings; a filter with more than the range) every page still reads the rest of the
    // collection: a few pages are enough to see it
    const maxPages = expected ? Infinity : 6;
    const n = await pageAll(newDb.collection(name), shape, maxPages);
    console.log(`${name} / ${shapeName}: new ${stats(n.times)}`);
    if (expected) check(`${name} / ${shapeName}: all ${n.keys.length} keys vs the sorted inserted ids`, firstDifference(expected, n.keys));
    const sample = [...new Set([0, 1, 2, Math.floor(n.filters.length / 2), n.filters.length - 1])].filter((i) => i < n.filters.length);
    const oldTimes = [];
    for (const i of sample) {
      const o = await page(oldDb.collection(name), n.filters[i], shape.sort);
      const again = await page(newDb.collection(name), n.filters[i], shape.sort);
      oldTimes.push(o.ms);
      check(`${name} / ${shapeName}: page ${i}`, firstDifference(o.ids.map(key), again.ids.map(key)));
      console.log(`    page ${i}: old ${o.ms.toFixed(1)}ms, new ${again.ms.toFixed(1)}ms`);
    }
  }

  // What SQLite does for one page (FerretDB's explain runs EXPLAIN QUERY PLAN on the pushed-down WHERE).
  const mid = new ObjectId(sets.oids.expected[Math.floor(N / 2)].slice(9, 33));
  for (const [label, db] of [['old', oldDb], ['new', newDb]]) {
    const ex = await db.command({ explain: { find: 'oids', filter: { _id: { $gt: mid } }, sort: { _id: 1 }, limit: PAGE } });
    console.log(`explain ${label}: ${JSON.stringify(ex.queryPlanner?.Plan ?? ex.queryPlanner)} filterPushdown=${ex.filterPushdown}`);
  }

  await oldClient.close();
  await newClient.close();
  console.log(failures ? `${failures} DIFFERENCES` : 'no differences');
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
