// Synthetic domain events for the reporting benchmark (tools/bench/reports-bench.mjs): sellers, trainings, listings,
// orders and stamp scans across the 34 provinces over 2026-01-01 … 2026-11-30 (Vietnam time), written straight into
// the source collections the domains write (`seller_events`, `training_events`, `catalog_events`, `order_events`,
// `trace_events`) with insertMany in large batches, each document shaped as its domain writes it (the schemas under
// libs/*/feature-api/src/lib/**/*-event.schema.ts). Reporting's ingest then folds them into rollups as it would in
// production: nothing here writes a delta or a rollup.
//
// Event ids are made here, in increasing order per source: `<time><source tag><counter>`, so the bench can tell how
// far the ingest's cursor (an `_id`) has got.
import fs from 'node:fs';
import path from 'node:path';

const VN_OFFSET_MS = 7 * 3_600_000;
/** 2026-01-01T00:00 and 2026-12-01T00:00 in Vietnam time (UTC+7). */
export const SEED_FROM = Date.UTC(2026, 0, 1) - VN_OFFSET_MS;
export const SEED_TO = Date.UTC(2026, 11, 1) - VN_OFFSET_MS;
const DAY_MS = 86_400_000;
const BATCH = 5_000;

export const SOURCE_COLLECTIONS = { sellers: 'seller_events', training: 'training_events', catalog: 'catalog_events', orders: 'order_events', trace: 'trace_events' };
const SOURCE_TAGS = { sellers: 'b0b0b0b001', training: 'b0b0b0b002', catalog: 'b0b0b0b003', orders: 'b0b0b0b004', trace: 'b0b0b0b005' };

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const vnDay = (ms) => new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
const hex = (n, width) => n.toString(16).padStart(width, '0');

/** Which seeded event an ingest cursor (an ObjectId's hex) has reached: its 1-based number, 0 before the first. */
export function seededPosition(source, cursorHex) {
  if (!cursorHex || cursorHex.slice(8, 18) !== SOURCE_TAGS[source]) return 0;
  return parseInt(cursorHex.slice(18), 16);
}

function loadProvinces(repoRoot) {
  const file = path.join(repoRoot, 'libs/admin-units/data/src/data/units-2025.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).provinces.map((p) => ({ code: p.code, communes: p.communes.map((c) => c[0]) }));
}

/**
 * Writes the events of `orders` orders and `sellers` sellers (the rest scales with them: 60 % of the sellers trained,
 * 80 % verified, 1.2 listings a verified seller, one scan every 10 orders) into `db`. Returns the count per source and
 * the last id of each (the ingest is done when its cursors are there).
 */
export async function seedReportEvents(db, { orders, sellers, repoRoot, ObjectId, onProgress = () => {} }) {
  const random = rng(20261202 + orders);
  const provinces = loadProvinces(repoRoot);
  // Ids ten a second, ending five minutes ago: the ingest re-reads two minutes before its cursor, as it would at a real
  // rate, and the demo seed's events (made just before) come after these.
  const idBase = Math.floor(Date.now() / 1000) - 300 - Math.ceil((4 * (orders + sellers)) / 10);
  const idOf = (source, n) => `${hex(idBase + Math.floor(n / 10), 8)}${SOURCE_TAGS[source]}${hex(n, 6)}`;
  const counters = { sellers: 0, training: 0, catalog: 0, orders: 0, trace: 0 };
  const pending = { sellers: [], training: [], catalog: [], orders: [], trace: [] };
  const writes = [];
  const nextId = (source) => new ObjectId(idOf(source, ++counters[source]));
  const flush = async (source, force = false) => {
    if (!pending[source].length || (!force && pending[source].length < BATCH)) return;
    const docs = pending[source];
    pending[source] = [];
    writes.push(db.collection(SOURCE_COLLECTIONS[source]).insertMany(docs, { ordered: false }));
    // Two batches in flight: FerretDB encodes one while SQLite writes the other.
    if (writes.length >= 2) await writes.shift();
  };
  const push = async (source, doc) => {
    pending[source].push({ _id: nextId(source), ...doc });
    await flush(source);
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const dayIn = (from = SEED_FROM) => from + Math.floor(random() * Math.max(1, SEED_TO - from - 1));
  const oid = () => new ObjectId().toHexString();

  // Sellers: one account each (self or by an agent), most verified later; their households were trained first.
  const agents = provinces.map((p) => Array.from({ length: 20 }, () => ({ id: oid(), provinceCode: p.code })));
  const sellerList = [];
  for (let i = 0; i < sellers; i++) {
    const pIndex = Math.floor(random() * provinces.length);
    const province = provinces[pIndex];
    const communeCode = pick(province.communes);
    const agent = pick(agents[pIndex]);
    const sellerId = oid();
    const phone = `08${String(i).padStart(8, '0')}`;
    const name = `Hộ sản xuất số ${i + 1}`;
    const accountAt = dayIn();
    const byAgent = random() < 0.7;
    const place = { provinceCode: province.code, communeCode };
    if (random() < 0.6) {
      const trainedAt = Math.max(SEED_FROM, accountAt - Math.floor(random() * 30) * DAY_MS);
      const attendanceId = oid();
      await push('training', {
        key: `training.attended:${attendanceId}`, type: 'training.attended', sessionId: oid(), ...place, adminEra: '2025', dayVn: vnDay(trainedAt),
        at: new Date(trainedAt), agentUserId: agent.id, householdKey: `p:${phone}`, sellerId: null, name, phone,
      });
    }
    await push('sellers', {
      key: `milestone:${sellerId}:accountAt`, sellerId, ...place, kind: 'accountAt', actorUserId: byAgent ? agent.id : oid(), at: new Date(accountAt),
      data: { channel: byAgent ? 'agent' : 'self', agentUserId: byAgent ? agent.id : null, name, phone }, createdAt: new Date(), __v: 0,
    });
    const verified = random() < 0.8;
    if (verified) {
      const verifiedAt = Math.min(SEED_TO - 1, accountAt + Math.floor(random() * 5 * DAY_MS));
      await push('sellers', { key: `state:${sellerId}:1`, sellerId, ...place, kind: 'status:verified', actorUserId: oid(), at: new Date(verifiedAt), data: null, createdAt: new Date(), __v: 0 });
      await push('sellers', { key: `milestone:${sellerId}:verifiedAt`, sellerId, ...place, kind: 'verifiedAt', actorUserId: null, at: new Date(verifiedAt), data: null, createdAt: new Date(), __v: 0 });
      const listings = random() < 0.2 ? 2 : 1;
      for (let l = 0; l < listings; l++) {
        const productId = oid();
        const listedAt = Math.min(SEED_TO - 1, verifiedAt + Math.floor(random() * 10 * DAY_MS));
        const stars = random() < 0.12 ? 3 + Math.floor(random() * 3) : null;
        await push('catalog', { key: `product.approved:${productId}`, type: 'product.approved', at: new Date(listedAt), dayVn: vnDay(listedAt), productId, sellerId, ...place, adminEra: '2025', ocopStars: stars });
        sellerList.push({ sellerId, productId, ...place, from: listedAt, grams: pick([250, 500, 1000, 2000, 5000]), price: 20_000 + Math.floor(random() * 60) * 10_000 });
      }
    }
    if (i % 10_000 === 9_999) onProgress(`sellers ${i + 1} / ${sellers}`);
  }
  if (!sellerList.length) throw new Error('no verified seller with a listing: seed more sellers');

  // Orders: created, then paid (online payments), completed, cancelled or refunded a few days later.
  const methods = ['cod', 'cod', 'vnpay', 'bank_transfer'];
  for (let i = 0; i < orders; i++) {
    const seller = sellerList[Math.floor(random() * sellerList.length)];
    const buyerProvince = pick(provinces);
    const orderId = oid();
    const createdAt = dayIn(seller.from);
    const quantity = 1 + Math.floor(random() * 4);
    const extra = random() < 0.3 ? { productId: oid(), quantity: 1, netWeightGrams: 500 } : null;
    const lines = [{ productId: seller.productId, quantity, netWeightGrams: seller.grams }, ...(extra ? [extra] : [])];
    const itemsTotalVnd = quantity * seller.price + (extra ? 50_000 : 0);
    const paymentMethod = pick(methods);
    const base = {
      orderId, orderCode: `DH${hex(i, 8).toUpperCase()}`, checkoutId: oid(), sellerId: seller.sellerId, buyerUserId: oid(), reason: null,
      provinceCode: seller.provinceCode, communeCode: seller.communeCode, buyerProvinceCode: buyerProvince.code, buyerCommuneCode: pick(buyerProvince.communes), adminEra: '2025',
      paymentMethod, totals: { itemsTotalVnd, shippingFeeVnd: 30_000, totalVnd: itemsTotalVnd + 30_000 }, lines, data: null, consumedBy: ['ledger'],
    };
    let version = 0;
    const event = async (type, from, to, at, actor) => {
      await push('orders', { key: `state:${orderId}:${version++}`, ...base, type, from, to, actor, at: new Date(at), dayVn: vnDay(at), monthVn: vnDay(at).slice(0, 7), dispatchedAt: new Date(at) });
    };
    const buyer = { role: 'buyer', userId: base.buyerUserId };
    await event('order.created', null, 'pending', createdAt, buyer);
    const later = (ms) => Math.min(SEED_TO - 1, ms + Math.floor((0.2 + random() * 3) * DAY_MS));
    const fate = random();
    let at = createdAt;
    if (paymentMethod !== 'cod' && fate > 0.06) await event('order.paid', 'pending', 'paid', (at = later(at)), { role: 'system', userId: null });
    if (fate < 0.06) await event('order.cancelled', 'pending', 'cancelled', later(at), buyer);
    else if (fate < 0.08) await event('order.refunded', 'delivered', 'refunded', later(at), { role: 'seller', userId: seller.sellerId });
    else if (fate < 0.78) await event('order.completed', 'delivered', 'completed', later(at), buyer);
    if (i % 100_000 === 99_999) onProgress(`orders ${i + 1} / ${orders}`);
  }

  // Stamps: batches issued and activated, one scan every ten orders (some serials scanned twice), a few suspicious.
  for (let i = 0; i < Math.ceil(orders / 10); i++) {
    const seller = sellerList[Math.floor(random() * sellerList.length)];
    const at = dayIn(seller.from);
    const common = { at: new Date(at), dayVn: vnDay(at), monthVn: vnDay(at).slice(0, 7), provinceCode: seller.provinceCode, communeCode: seller.communeCode, sellerId: seller.sellerId, productId: seller.productId, lotId: null, batchId: null, data: {} };
    if (i % 500 === 0) {
      const batchId = oid();
      await push('trace', { key: `stamps.issued:${batchId}`, type: 'stamps.issued', ...common, batchId, serial: null, count: 1000 });
      await push('trace', { key: `stamps.activated:${batchId}:0-999`, type: 'stamps.activated', ...common, batchId, serial: null, count: 1000 });
    }
    const serial = `S${hex(Math.floor(random() * orders * 0.08), 10).toUpperCase()}`;
    await push('trace', { key: `stamp.scanned:${oid()}`, type: 'stamp.scanned', ...common, serial, count: 1 });
    if (i % 1000 === 7) await push('trace', { key: `stamp.suspicious:${serial}:too_many_scans`, type: 'stamp.suspicious', ...common, serial, count: 1 });
  }

  for (const source of Object.keys(pending)) await flush(source, true);
  await Promise.all(writes);
  const last = Object.fromEntries(Object.entries(counters).map(([source, n]) => [source, n ? idOf(source, n) : null]));
  return { counts: { ...counters }, last };
}
