import type { Lot, StampBatch } from '@nss/contracts';
import { Types } from 'mongoose';
import { MediaStorage } from '@nss/server-core';
import { aLot } from '../lots.factory';
import { aStampedLot } from '../scans.factory';
import { agentOf, commune, only, product, seller, type Caller, type Rows, type Whose, type World } from './matrix';

/** Traceability: stamp batches (request, decisions, cancel, files) and stamps (activation, voiding). */

/** One lot per resource, made once per world (by the resource seller's agent). */
const lots = new WeakMap<World, Partial<Record<Whose, Promise<Lot>>>>();
function lotOf(w: World, whose: Whose): Promise<Lot> {
  const cache = lots.get(w) ?? {};
  lots.set(w, cache);
  cache[whose] ??= aLot(w.api, agentOf(w, whose).accessToken, product(w, whose).id, {
    sellerId: seller(w, whose).seller.id,
    communeCode: commune(whose).communeCode,
  });
  return cache[whose];
}

/** The last batch waiting for staff per resource: reused until a probe decided or cancelled it. */
const waiting = new WeakMap<World, Partial<Record<Whose, string>>>();

/** A batch of the resource's lot waiting for staff (above the default auto-approval limit of 1,000). */
async function requestedBatch(w: World, whose: Whose): Promise<string> {
  const cache = waiting.get(w) ?? {};
  waiting.set(w, cache);
  const known = cache[whose];
  if (known && (await w.api.connection.collection('stamp_batches').countDocuments({ _id: new Types.ObjectId(known), status: 'requested' })) === 1) return known;
  const res = await w.api.request<StampBatch>({
    method: 'POST',
    url: '/api/stamp-batches',
    token: agentOf(w, whose).accessToken,
    body: { lotId: (await lotOf(w, whose)).id, quantity: 2000 },
  });
  if (res.status !== 201) throw new Error(`stamp batch request failed: ${res.status} ${JSON.stringify(res.body)}`);
  cache[whose] = res.body.id;
  return res.body.id;
}

/** One ready batch per resource (written straight into the collections: no worker here) with a PDF and the CSV stored. */
const readyBatches = new WeakMap<World, Partial<Record<Whose, Promise<string>>>>();
function readyBatch(w: World, whose: Whose): Promise<string> {
  const cache = readyBatches.get(w) ?? {};
  readyBatches.set(w, cache);
  cache[whose] ??= (async () => {
    const { batchId } = await aStampedLot(w.api, product(w, whose), { quantity: 5, status: 'inactive' });
    const storage = w.api.app.get(MediaStorage);
    const pdfKey = `stamps/${batchId}/labels-001.pdf`;
    const csvKey = `stamps/${batchId}/stamps.csv`;
    await storage.put(pdfKey, Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    await storage.put(csvKey, Buffer.from('serial,url,product,producer,lot\r\n'), 'text/csv');
    const model = w.api.connection.models['StampBatch'];
    if (!model) throw new Error('no StampBatch model');
    await model.updateOne(
      { _id: batchId },
      {
        $set: {
          files: [
            { kind: 'pdf', part: 1, labels: 5, bytes: 15, storageKey: pdfKey },
            { kind: 'csv', part: 1, labels: 5, bytes: 33, storageKey: csvKey },
          ],
        },
      },
    );
    return batchId;
  })();
  return cache[whose];
}

/** A seller lists its own without naming itself; everyone else names the resource's seller. */
function sellerSideQuery(w: World, whose: Whose, caller: Caller): string {
  if ((caller === 'seller' || caller === 'otherSeller') && whose === 'own') return '';
  return `?sellerId=${seller(w, whose).seller.id}`;
}

/** Readers of a batch: its seller, its managing agent, staff of its province, admins; to anyone else it is missing. */
const READERS = only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200], staff: [200, 404], otherStaff: [404, 200], admin: 200 });
/** Staff decisions: staff of the batch's province and admins. */
const DECIDERS = only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 });

export const stampRows: Rows = {
  'POST /api/stamp-batches': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: '/api/stamp-batches', body: { lotId: (await lotOf(w, whose)).id, quantity: 5 } }),
    expect: only({ seller: [201, 404], otherSeller: 404, agent: [201, 404], otherAgent: [404, 201] }),
  },
  'GET /api/stamp-batches': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/stamp-batches${sellerSideQuery(w, whose, caller)}` }),
    // Staff naming another province's seller get an empty page.
    expect: only({ seller: [200, 403], otherSeller: [200, 403], agent: [200, 403], otherAgent: [403, 200], staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/stamp-batches/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/stamp-batches/${await readyBatch(w, whose)}` }),
    expect: READERS,
  },
  'POST /api/stamp-batches/{id}/approve': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/stamp-batches/${await requestedBatch(w, whose)}/approve` }),
    expect: DECIDERS,
  },
  'POST /api/stamp-batches/{id}/reject': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/stamp-batches/${await requestedBatch(w, whose)}/reject`, body: { reason: 'Vượt sản lượng của lô' } }),
    expect: DECIDERS,
  },
  'POST /api/stamp-batches/{id}/cancel': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/stamp-batches/${await requestedBatch(w, whose)}/cancel` }),
    expect: READERS,
  },
  'POST /api/stamp-batches/{id}/activate': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/stamp-batches/${await readyBatch(w, whose)}/activate`, body: { fromSeq: 1, toSeq: 3 } }),
    expect: READERS,
  },
  'POST /api/stamps/void': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: '/api/stamps/void', body: { batchId: await readyBatch(w, whose), fromSeq: 4, toSeq: 4, reason: 'Tem in hỏng' } }),
    expect: READERS,
  },
  'GET /api/stamp-batches/{id}/files/{part.pdf}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/stamp-batches/${await readyBatch(w, whose)}/files/1.pdf` }),
    expect: READERS,
  },
  'GET /api/stamp-batches/{id}/stamps.csv': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/stamp-batches/${await readyBatch(w, whose)}/stamps.csv` }),
    expect: READERS,
  },
};
