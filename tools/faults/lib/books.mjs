// The books check, read from the database and the simulators after the run: nothing lost, nothing twice.
// Each check returns { name, checked, discrepancies: [text], figures }.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ObjectId } = require('mongodb');

const oid = (id) => (ObjectId.isValid(id) && String(id).length === 24 ? new ObjectId(id) : id);
const byId = (ids) => ({ _id: { $in: ids.map(oid) } });
const MAX_LISTED = 20;

function result(name, checked, discrepancies, figures = {}) {
  return { name, checked, discrepancies, figures };
}

/** Reads `ids` of a collection in pieces (FerretDB answers `$in` with a scan: fewer, larger queries). */
async function findIn(db, collection, field, ids, projection) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const filter = field === '_id' ? byId(part) : { [field]: { $in: part } };
    out.push(...(await db.collection(collection).find(filter, projection ? { projection } : {}).toArray()));
  }
  return out;
}

/** Every accepted checkout exists once with its orders, each once; no checkout beyond the keys the buyers used. */
export async function checkOrders(db, ledger, buyerIds) {
  const problems = [];
  const checkoutIds = ledger.checkouts.map((c) => c.checkoutId);
  const checkouts = await findIn(db, 'checkouts', '_id', checkoutIds, { _id: 1, orderIds: 1, state: 1 });
  const found = new Map(checkouts.map((c) => [String(c._id), c]));
  const orderIds = ledger.checkouts.flatMap((c) => c.orderIds);
  const orders = await findIn(db, 'orders', 'checkoutId', checkoutIds, { _id: 1, checkoutId: 1, code: 1 });
  const ordersOf = new Map();
  for (const o of orders) ordersOf.set(o.checkoutId, [...(ordersOf.get(o.checkoutId) ?? []), String(o._id)]);
  for (const c of ledger.checkouts) {
    if (!found.has(c.checkoutId)) problems.push(`accepted checkout ${c.code} is missing`);
    const stored = ordersOf.get(c.checkoutId) ?? [];
    for (const id of c.orderIds) {
      const n = stored.filter((s) => s === id).length;
      if (n !== 1) problems.push(`order ${id} of checkout ${c.code} stored ${n} times`);
    }
    if (stored.length !== c.orderIds.length) problems.push(`checkout ${c.code}: ${stored.length} orders stored, ${c.orderIds.length} answered`);
  }
  const codes = new Set();
  for (const o of orders) {
    if (codes.has(o.code)) problems.push(`order code ${o.code} stored twice`);
    codes.add(o.code);
  }
  // Retries reuse the key: the checkouts of the load's buyers that made orders are at most the accepted ones plus those
  // never answered. A checkout that failed while reserving (cancelled, no orders, its client answered an error and
  // retried) is not a second purchase; its stock is checked by the stock check.
  const stored = await db
    .collection('checkouts')
    .find({ buyerUserId: { $in: buyerIds } }, { projection: { code: 1, state: 1, paymentMethod: 1, orderIds: 1, createdAt: 1, closedReason: 1 } })
    .toArray();
  // Also one left `reserving` without orders by a killed API: the repair sweep cancels it (5 min) and returns what it
  // marked taken; it never becomes orders.
  const orderless = new Set(stored.filter((c) => !found.has(String(c._id))).map((c) => String(c._id)));
  for (const o of await findIn(db, 'orders', 'checkoutId', [...orderless], { checkoutId: 1 })) orderless.delete(o.checkoutId);
  const abandoned = stored.filter((c) => (c.state === 'cancelled' || c.state === 'reserving') && orderless.has(String(c._id)));
  const all = stored.length - abandoned.length;
  const distinctAccepted = new Set(ledger.checkouts.map((c) => c.checkoutId)).size;
  if (distinctAccepted !== ledger.checkouts.length) problems.push(`${ledger.checkouts.length - distinctAccepted} idempotency keys answered with another key's checkout`);
  const extra = all - distinctAccepted - ledger.unknownCheckoutKeys.length;
  if (extra > 0) {
    const accepted = new Set(checkoutIds);
    const strays = stored.filter((c) => !accepted.has(String(c._id)) && !abandoned.includes(c));
    const ordersOfStray = new Map();
    for (const o of await findIn(db, 'orders', 'checkoutId', strays.map((c) => String(c._id)), { checkoutId: 1 })) ordersOfStray.set(o.checkoutId, (ordersOfStray.get(o.checkoutId) ?? 0) + 1);
    for (const c of strays) c.orderIds = Array.from({ length: ordersOfStray.get(String(c._id)) ?? 0 });
    problems.push(
      `${extra} checkout(s) stored beyond the ${distinctAccepted} accepted ones and the ${ledger.unknownCheckoutKeys.length} never answered (a retry with the same Idempotency-Key made another); not answered to any client: ${strays
        .map((c) => `${c.code} ${c.paymentMethod} ${c.state} ${c.orderIds?.length ?? 0} order(s) ${c.createdAt?.toISOString?.() ?? ''}`)
        .join('; ')}`,
    );
  }
  return result('orders once each', ledger.checkouts.length, problems, {
    acceptedCheckouts: ledger.checkouts.length,
    orders: orderIds.length,
    storedCheckoutsOfLoadBuyers: stored.length,
    abandonedWhileReserving: abandoned.map((c) => `${c.code} ${c.state}${c.closedReason ? `/${c.closedReason}` : ''}`),
    unansweredKeys: ledger.unknownCheckoutKeys.length,
  });
}

/**
 * Stock taken once: for each product of the load, initial − (quantities of its orders not cancelled) − (quantities
 * taken by checkouts still `reserving` without orders, which the repair sweep returns later) = the stock now; each
 * cancelled order's line returned once (its `release:` claim).
 */
export async function checkStock(db, products) {
  const problems = [];
  const ids = products.map((p) => p.id);
  const orders = await db.collection('orders').find({ 'lines.productId': { $in: ids } }, { projection: { checkoutId: 1, state: 1, lines: 1, code: 1 } }).toArray();
  const reserving = await db.collection('checkouts').find({ state: 'reserving' }, { projection: { _id: 1, code: 1, state: 1, reservations: 1 } }).toArray();
  const failedWhileReserving = (
    await db.collection('checkouts').find({ state: 'cancelled' }, { projection: { _id: 1, code: 1, state: 1, closedReason: 1, reservations: 1, orderIds: 1 } }).toArray()
  ).filter((c) => !(c.orderIds ?? []).length);
  const releases = new Set((await db.collection('order_claims').find({ key: /^release:/ }, { projection: { key: 1 } }).toArray()).map((c) => c.key));
  const withOrders = new Set(orders.map((o) => o.checkoutId));
  const now = new Map((await findIn(db, 'products', '_id', ids, { _id: 1, stock: 1 })).map((p) => [String(p._id), p.stock]));
  let unitsSold = 0;
  for (const p of products) {
    let taken = 0;
    for (const o of orders) {
      for (const line of o.lines) {
        if (line.productId !== p.id) continue;
        if (o.state === 'cancelled' || o.state === 'refunded') {
          if (!releases.has(`release:${o.checkoutId}:${p.id}`)) problems.push(`cancelled order ${o.code}: its ${line.quantity} unit(s) of ${p.id} never returned`);
        } else taken += line.quantity;
      }
    }
    for (const c of reserving) {
      if (withOrders.has(String(c._id))) continue;
      for (const r of c.reservations ?? []) if (r.productId === p.id && r.taken && !releases.has(`release:${c._id}:${p.id}`)) taken += r.quantity;
    }
    unitsSold += taken;
    const expected = p.initialStock - taken;
    if (now.get(p.id) !== expected) {
      // A checkout left `reserving` with a line not marked taken: if its stock was taken, the repair never returns it.
      const unmarked = [...reserving, ...failedWhileReserving].filter((c) => (c.reservations ?? []).some((r) => r.productId === p.id && !r.taken));
      const hint = unmarked.length
        ? `; checkout(s) with this line not marked taken (their stock is never returned if it was taken): ${unmarked.map((c) => `${c.code} ${c.state}${c.closedReason ? `/${c.closedReason}` : ''} (${c.reservations.find((r) => r.productId === p.id).quantity})`).join(', ')}`
        : '';
      problems.push(`product ${p.id}: stock ${now.get(p.id)}, expected ${expected} (${p.initialStock} − ${taken} taken by live orders and marked reservations)${hint}`);
    }
  }
  return result('stock taken once', products.length, problems, { products: products.length, unitsTaken: unitsSold, reservingCheckouts: reserving.length });
}

/**
 * Payments: each successful provider transaction recorded once, no failed one paid. `vnpaySim` = the simulator's
 * transactions ([{ txnRef, outcome, … }]).
 */
export async function checkPayments(db, ledger, vnpaySimTransactions) {
  const problems = [];
  const intentIds = [...ledger.vnpay.map((v) => v.intentId), ...ledger.transfers.map((t) => t.intentId), ...ledger.cod.map((c) => c.intentId)];
  const intents = new Map((await findIn(db, 'payment_intents', '_id', intentIds)).map((i) => [String(i._id), i]));
  const succeededEvents = new Map();
  for (const e of await findIn(db, 'payment_events', 'subjectId', intentIds, { subjectId: 1, type: 1 })) {
    if (e.type === 'payment.succeeded') succeededEvents.set(e.subjectId, (succeededEvents.get(e.subjectId) ?? 0) + 1);
  }
  const checkoutIds = [...ledger.vnpay.map((v) => v.checkoutId), ...ledger.transfers.map((t) => t.checkoutId)];
  const orders = await findIn(db, 'orders', 'checkoutId', checkoutIds, { checkoutId: 1, state: 1, paymentStatus: 1, code: 1 });
  const ordersOf = (checkoutId) => orders.filter((o) => o.checkoutId === checkoutId);
  for (const [id, n] of succeededEvents) if (n > 1) problems.push(`payment ${id} recorded as succeeded ${n} times`);

  const simOutcome = new Map(vnpaySimTransactions.map((t) => [t.txnRef, t]));
  const successes = new Set(vnpaySimTransactions.filter((t) => isSimSuccess(t)).map((t) => t.txnRef));
  let paid = 0;
  let failed = 0;
  for (const v of ledger.vnpay) {
    const intent = intents.get(v.intentId);
    const events = succeededEvents.get(v.intentId) ?? 0;
    const sim = simOutcome.get(v.txnRef);
    if (!sim) problems.push(`VNPay ${v.txnRef}: the simulator has no such transaction`);
    if (v.outcome === 'success') {
      paid++;
      if (intent?.status !== 'succeeded') problems.push(`VNPay ${v.txnRef} paid at VNPay, payment ${intent?.status ?? 'missing'}`);
      if (events !== 1) problems.push(`VNPay ${v.txnRef} paid once, recorded ${events} times`);
      for (const o of ordersOf(v.checkoutId)) if (o.paymentStatus !== 'succeeded') problems.push(`order ${o.code} paid by VNPay, its payment ${o.paymentStatus} (${o.state})`);
    } else {
      failed++;
      if (intent?.status === 'succeeded' || events > 0) problems.push(`VNPay ${v.txnRef} failed (${v.outcome}) but the payment is ${intent?.status}, ${events} success event(s)`);
      for (const o of ordersOf(v.checkoutId)) if (o.paymentStatus === 'succeeded' || o.state === 'paid') problems.push(`order ${o.code}: its VNPay payment failed, the order is ${o.state}/${o.paymentStatus}`);
    }
  }
  // Whatever the ledger says: no intent succeeded through VNPay without a successful transaction at VNPay.
  for (const v of ledger.vnpay) {
    const intent = intents.get(v.intentId);
    if (intent?.status === 'succeeded' && !(intent.txnRefs ?? []).some((ref) => successes.has(ref))) problems.push(`payment ${v.intentId} succeeded without a successful VNPay transaction`);
  }
  const feedIds = ledger.transfers.map((t) => t.feedId);
  const feedRows = await findIn(db, 'bank_feed_transactions', 'feedId', feedIds, { feedId: 1, status: 1 });
  for (const t of ledger.transfers) {
    const rows = feedRows.filter((r) => r.feedId === t.feedId);
    if (rows.length !== 1) problems.push(`bank transfer ${t.feedId} stored ${rows.length} times`);
    const intent = intents.get(t.intentId);
    const events = succeededEvents.get(t.intentId) ?? 0;
    if (intent?.status !== 'succeeded') problems.push(`bank transfer ${t.feedId} received, payment ${intent?.status ?? 'missing'}`);
    if (events !== 1) problems.push(`bank transfer ${t.feedId} recorded as paid ${events} times`);
    for (const o of ordersOf(t.checkoutId)) if (o.paymentStatus !== 'succeeded') problems.push(`order ${o.code} paid by transfer, its payment ${o.paymentStatus} (${o.state})`);
  }
  for (const c of ledger.cod) {
    if ((succeededEvents.get(c.intentId) ?? 0) > 0) problems.push(`cash-on-delivery payment ${c.intentId} marked paid before any cash`);
  }
  return result('payments once, no failed one paid', ledger.vnpay.length + ledger.transfers.length + ledger.cod.length, problems, {
    vnpayPaid: paid,
    vnpayFailed: failed,
    bankTransfers: ledger.transfers.length,
    cod: ledger.cod.length,
  });
}

function isSimSuccess(t) {
  return t.outcome === 'success' || t.responseCode === '00' || t.vnp_ResponseCode === '00';
}

/** Each stamp batch: ready, exactly N stamps, seq 0 … N−1 each once. */
export async function checkStamps(db, batchIds) {
  const problems = [];
  for (const id of batchIds) {
    const batch = await db.collection('stamp_batches').findOne({ _id: oid(id) });
    if (!batch) {
      problems.push(`stamp batch ${id} is missing`);
      continue;
    }
    if (batch.status !== 'ready') problems.push(`stamp batch ${batch.code} is ${batch.status} (made ${batch.made} of ${batch.quantity})`);
    const seqs = (await db.collection('stamps').find({ batchId: String(batch._id) }, { projection: { seq: 1 } }).toArray()).map((s) => s.seq);
    const distinct = new Set(seqs);
    const outOfRange = seqs.filter((s) => !(Number.isInteger(s) && s >= 0 && s < batch.quantity)).length;
    if (seqs.length !== batch.quantity || distinct.size !== batch.quantity || outOfRange) {
      problems.push(`stamp batch ${batch.code}: ${seqs.length} stamps, ${distinct.size} distinct seq, ${outOfRange} out of range; N = ${batch.quantity}`);
    }
  }
  return result('stamp batches exactly N', batchIds.length, problems, { batches: batchIds.length });
}

/**
 * Messages: at most one accepted send per message and channel at the messaging simulator (its `reference` is the
 * attempt id), and every message of the run delivered (sent or delivered) or dead-lettered.
 */
export async function checkMessages(db, simUrl, since) {
  const problems = [];
  const messages = await db.collection('notification_messages').find({ createdAt: { $gte: since } }, { projection: { _id: 1, state: 1, phone: 1, template: 1, channels: 1 } }).toArray();
  const states = {};
  for (const m of messages) states[m.state] = (states[m.state] ?? 0) + 1;
  const pending = messages.filter((m) => m.state !== 'sent' && m.state !== 'delivered' && m.state !== 'dead');
  if (pending.length) problems.push(`${pending.length} message(s) neither delivered nor dead-lettered (${pending.slice(0, 5).map((m) => `${m.template}:${m.state}`).join(', ')})`);
  const phones = [...new Set(messages.map((m) => m.phone))];
  const received = [];
  let truncated = 0;
  for (const phone of phones) {
    const res = await fetch(`${simUrl}/sim/messages?phone=${phone}&limit=1000`);
    const list = await res.json();
    if (list.length >= 1000) truncated++;
    received.push(...list.filter((m) => m.result === 'accepted'));
  }
  if (truncated) problems.push(`${truncated} phone(s) have ≥ 1000 messages at the simulator: the check is incomplete`);
  const refs = [...new Set(received.map((m) => m.reference).filter((r) => ObjectId.isValid(r) && r.length === 24))];
  const attempts = new Map((await findIn(db, 'notification_attempts', '_id', refs, { _id: 1, messageId: 1, channel: 1 })).map((a) => [String(a._id), a]));
  const sends = new Map();
  let unknown = 0;
  for (const m of received) {
    const attempt = attempts.get(m.reference);
    if (!attempt) {
      unknown++;
      continue;
    }
    const key = `${attempt.messageId}|${m.channel}`;
    sends.set(key, [...(sends.get(key) ?? []), m]);
  }
  let twice = 0;
  for (const [key, list] of sends) {
    if (list.length > 1) {
      twice++;
      if (twice <= MAX_LISTED) problems.push(`message ${key.replace('|', ' via ')} sent ${list.length} times (${list.map((m) => `${m.receivedAt}${m.timedOut ? ' timed out' : ''}`).join(', ')})`);
    }
  }
  if (twice > MAX_LISTED) problems.push(`… ${twice - MAX_LISTED} more messages sent more than once`);
  return result('messages at most once per channel, each delivered or dead-lettered', messages.length, problems, {
    messages: messages.length,
    states,
    acceptedSendsAtSimulator: received.length,
    sendsWithoutAttempt: unknown,
    sentTwice: twice,
  });
}

/** Each export requested during the run: done once, its file downloadable at its stated size. */
export async function checkExports(db, exportIds, download) {
  const problems = [];
  for (const id of exportIds) {
    const doc = await db.collection('report_exports').findOne({ _id: id });
    if (!doc) {
      problems.push(`export ${id} is missing`);
      continue;
    }
    if (doc.status !== 'done') {
      problems.push(`export ${id} is ${doc.status} (progress ${doc.progress?.done}/${doc.progress?.total})`);
      continue;
    }
    const file = await download(id);
    if (file.status !== 200 || file.bytes !== doc.sizeBytes) problems.push(`export ${id}: file answered ${file.status}, ${file.bytes} bytes, stated ${doc.sizeBytes}`);
  }
  return result('report exports done once with their file', exportIds.length, problems, { exports: exportIds.length });
}
