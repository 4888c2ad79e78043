import type { TraceRecord } from '@nss/contracts';
import { aStampedLot, type StampedLot } from '../scans.factory';
import { all, CALLERS, only, product, seller, type Caller, type Rows, type Whose, type World } from './matrix';

/** The public scan page (outside /api), its JSON and position, and scan analytics. */

/** One lot of stamps per resource (of product A or B), made once per world. */
const stampedLots = new WeakMap<World, Partial<Record<Whose, Promise<StampedLot>>>>();
const used = new WeakMap<World, number>();

/** A stamp of the resource's product no probe scanned before (a fresh "first scan" each time). */
async function freshStamp(w: World, whose: Whose): Promise<{ serial: string; lot: StampedLot }> {
  const lots = stampedLots.get(w) ?? {};
  stampedLots.set(w, lots);
  lots[whose] ??= aStampedLot(w.api, product(w, whose), { quantity: 60 });
  const lot = await lots[whose];
  const n = used.get(w) ?? 0;
  used.set(w, n + 1);
  return { serial: lot.serials[n % lot.serials.length] as string, lot };
}

/**
 * The client address the matrix sends a caller's requests from (authorization-matrix.int-spec.ts): a position may
 * only be added to a scan by the client that made it, so the probe scans from the same address.
 */
const addressOf = (caller: Caller) => `127.0.0.${10 + CALLERS.indexOf(caller)}`;

/** Seller-side analytics: agents name the seller they help; everyone narrows to the resource's product. */
function summaryQuery(w: World, whose: Whose, caller: Caller): string {
  const productId = `productId=${product(w, whose).id}`;
  return caller === 'agent' || caller === 'otherAgent' ? `?sellerId=${seller(w, whose).seller.id}&${productId}` : `?${productId}`;
}

const provinceOf = (w: World, whose: Whose) => seller(w, whose).seller.address.provinceCode;

export const scanRows: Rows = {
  'GET /t/scan.js': { scoped: false, probe: async () => ({ method: 'GET', path: '/t/scan.js' }), expect: all(200) },
  'GET /t/{serial}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/t/${(await freshStamp(w, whose)).serial}` }),
    expect: all(200),
  },
  'GET /01/{gtin}/10/{lot}/21/{serial}': {
    scoped: true,
    probe: async (w, whose) => {
      const { serial, lot } = await freshStamp(w, whose);
      return { method: 'GET', path: `/01/0${lot.gtin}/10/${lot.lotCode}/21/${serial}` };
    },
    expect: all(200),
  },
  'GET /api/trace/{serial}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/trace/${(await freshStamp(w, whose)).serial}` }),
    expect: all(200),
  },
  'POST /api/trace/{serial}/position': {
    scoped: true,
    probe: async (w, whose, caller) => {
      const { serial } = await freshStamp(w, whose);
      const scanned = await w.api.request<TraceRecord>({ method: 'GET', url: `/api/trace/${serial}`, from: addressOf(caller) });
      return { method: 'POST', path: `/api/trace/${serial}/position`, body: { scanId: scanned.body.scanId, lat: 21.59, lng: 105.84 } };
    },
    expect: all(200),
  },
  'GET /api/scans/summary': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/scans/summary${summaryQuery(w, whose, caller)}` }),
    expect: only({
      seller: [200, 404],
      otherSeller: 404,
      agent: [200, 403],
      otherAgent: [403, 200],
      staff: [200, 404],
      otherStaff: [404, 200],
      admin: 200,
    }),
  },
  'GET /api/scans/suspicious': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/scans/suspicious?provinceCode=${provinceOf(w, whose)}` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
};
