import type { Lot } from '@nss/contracts';
import { aLot, diaryBody, lotBody } from '../lots.factory';
import { agentOf, commune, only, product, seller, type Caller, type Rows, type Whose, type World } from './matrix';

/** Traceability: lots and their production diary. */

/** One lot per resource (seller A's, made by agent A; seller B's, made by agent B), made once per world. */
const lots = new WeakMap<World, Partial<Record<Whose, Lot>>>();
async function lotOf(w: World, whose: Whose): Promise<Lot> {
  const cache = lots.get(w) ?? {};
  lots.set(w, cache);
  if (!cache[whose]) {
    cache[whose] = await aLot(w.api, agentOf(w, whose).accessToken, product(w, whose).id, {
      sellerId: seller(w, whose).seller.id,
      communeCode: commune(whose).communeCode,
    });
  }
  return cache[whose] as Lot;
}

/** A seller lists its own without naming itself; everyone else names the resource's seller. */
function sellerSideQuery(w: World, whose: Whose, caller: Caller): string {
  if ((caller === 'seller' || caller === 'otherSeller') && whose === 'own') return '';
  return `?sellerId=${seller(w, whose).seller.id}`;
}

/** Readers of a lot: its seller, its managing agent, staff of its province, admins; to anyone else it is missing. */
const READERS = only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200], staff: [200, 404], otherStaff: [404, 200], admin: 200 });

export const lotRows: Rows = {
  'POST /api/lots': {
    scoped: true,
    probe: async (w, whose) => ({
      method: 'POST',
      path: '/api/lots',
      body: lotBody(product(w, whose).id, { sellerId: seller(w, whose).seller.id, communeCode: commune(whose).communeCode }),
    }),
    // Naming a seller one may not act for is 403 (as in the ledger and the catalogue).
    expect: only({ seller: [201, 403], otherSeller: 403, agent: [201, 403], otherAgent: [403, 201] }),
  },
  'GET /api/lots': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/lots${sellerSideQuery(w, whose, caller)}` }),
    // Staff naming another province's seller get an empty page.
    expect: only({ seller: [200, 403], otherSeller: [200, 403], agent: [200, 403], otherAgent: [403, 200], staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/lots/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/lots/${(await lotOf(w, whose)).id}` }),
    expect: READERS,
  },
  'PATCH /api/lots/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'PATCH', path: `/api/lots/${(await lotOf(w, whose)).id}`, body: { quantity: 99 } }),
    expect: only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200] }),
  },
  'GET /api/lots/{id}/epcis': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/lots/${(await lotOf(w, whose)).id}/epcis` }),
    expect: READERS,
  },
  'POST /api/lots/{id}/diary': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/lots/${(await lotOf(w, whose)).id}/diary`, body: diaryBody({ place: { text: 'Đồi chè' } }) }),
    expect: only({ seller: [201, 404], otherSeller: 404, agent: [201, 404], otherAgent: [404, 201] }),
  },
  'GET /api/lots/{id}/diary': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/lots/${(await lotOf(w, whose)).id}/diary` }),
    expect: READERS,
  },
};
