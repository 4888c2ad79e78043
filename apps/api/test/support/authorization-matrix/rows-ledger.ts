import { randomBytes } from 'node:crypto';
import type { Review } from '@nss/contracts';
import { LedgerService } from '@nss/orders-api';
import { anAccount, type CreatedAccount } from '../accounts.factory';
import { aCompletedOrder, aDeliveredOrder } from '../ledger.factory';
import { agentOf, only, all, product, seller, type Caller, type Rows, type Whose, type World } from './matrix';

/** Seller ledger, payouts, statements and reviews. */

/** Any well-formed id: for callers the guard stops before the route looks at it. */
const UNUSED_ID = '0123456789abcdef01234567';
const MODERATORS: readonly Caller[] = ['staff', 'otherStaff', 'admin'];

/** Seller-side routes: a seller reads its own (naming another seller is refused); an agent names the seller it helps. */
function sellerSideQuery(w: World, whose: Whose, caller: Caller): string {
  if ((caller === 'seller' || caller === 'otherSeller') && whose === 'own') return '';
  return `?sellerId=${seller(w, whose).seller.id}`;
}

/** Money on the resource seller's ledger (a completed order), so that a payout of 1 đồng fits. */
async function fund(w: World, whose: Whose): Promise<string> {
  const s = seller(w, whose).seller;
  await w.api.app.get(LedgerService).recordOrderCompleted(aCompletedOrder({ id: s.id, provinceCode: s.address.provinceCode }, { itemsTotalVnd: 10_000 }));
  return s.id;
}

/** One delivered order per resource: the world's buyer's for "own", another buyer's for "other" (made once). */
const deliveredOrders = new WeakMap<World, Partial<Record<Whose, string>>>();
async function deliveredOrder(w: World, whose: Whose): Promise<string> {
  const cache = deliveredOrders.get(w) ?? {};
  deliveredOrders.set(w, cache);
  if (!cache[whose]) {
    const buyer = whose === 'own' ? w.account.buyer : await anAccount().withName('Vũ Thị Khác').create(w.api);
    cache[whose] = await aDeliveredOrder(w.api, { agent: agentOf(w, whose) }, buyer, product(w, whose));
  }
  return cache[whose] as string;
}

/** A fresh pending review of the resource's product (by a new buyer), for the moderators' probes. */
async function pendingReview(w: World, whose: Whose, caller: Caller): Promise<string> {
  if (!MODERATORS.includes(caller)) return UNUSED_ID;
  const buyer: CreatedAccount = await anAccount().withName('Đỗ Văn Đánh').create(w.api);
  const orderId = await aDeliveredOrder(w.api, { agent: agentOf(w, whose) }, buyer, product(w, whose));
  const res = await w.api.request<Review>({
    method: 'POST',
    url: `/api/orders/${orderId}/reviews`,
    token: buyer.accessToken,
    body: { productId: product(w, whose).id, stars: 4, text: 'Hàng tốt, đóng gói cẩn thận' },
  });
  if (res.status !== 201) throw new Error(`review failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export const ledgerRows: Rows = {
  // ── Seller ledger and payouts ──
  'GET /api/seller/ledger': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/seller/ledger${sellerSideQuery(w, whose, caller)}` }),
    expect: only({ seller: [200, 403], otherSeller: [200, 403], agent: [200, 403], otherAgent: [403, 200] }),
  },
  'GET /api/seller/statements/{month}': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/seller/statements/2026-11${sellerSideQuery(w, whose, caller)}` }),
    expect: only({ seller: [200, 403], otherSeller: [200, 403], agent: [200, 403], otherAgent: [403, 200] }),
  },
  'GET /api/seller/statements/{month.csv}': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'GET', path: `/api/seller/statements/2026-11.csv${sellerSideQuery(w, whose, caller)}` }),
    expect: only({ seller: [200, 403], otherSeller: [200, 403], agent: [200, 403], otherAgent: [403, 200] }),
  },
  'GET /api/sellers/{sellerId}/ledger': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/sellers/${seller(w, whose).seller.id}/ledger` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/sellers/{sellerId}/statements/{month}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/sellers/${seller(w, whose).seller.id}/statements/2026-11` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/sellers/{sellerId}/statements/{month.csv}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/sellers/${seller(w, whose).seller.id}/statements/2026-11.csv` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/payouts': {
    scoped: true,
    probe: async (w, whose, caller) => ({
      method: 'POST',
      path: '/api/payouts',
      body: { sellerId: MODERATORS.includes(caller) ? await fund(w, whose) : seller(w, whose).seller.id, amountVnd: 1, bankReference: `FT${randomBytes(6).toString('hex')}` },
    }),
    expect: only({ staff: [201, 404], otherStaff: [404, 201], admin: 201 }),
  },
  'GET /api/payouts': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/payouts' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },

  // ── Reviews ──
  'POST /api/orders/{orderId}/reviews': {
    scoped: true,
    probe: async (w, whose, caller) => ({
      method: 'POST',
      path: `/api/orders/${caller === 'buyer' ? await deliveredOrder(w, whose) : UNUSED_ID}/reviews`,
      body: { productId: product(w, whose).id, stars: 5, text: 'Sản phẩm rất ngon, giao đúng hẹn' },
    }),
    // The world's buyer reviews its own delivered order; another buyer's order looks missing.
    expect: only({ buyer: [201, 404] }),
  },
  'GET /api/products/{productId}/reviews': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/products/${product(w, whose).id}/reviews` }),
    expect: all(200),
  },
  'GET /api/moderation/reviews': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/moderation/reviews' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'POST /api/moderation/reviews/{id}/approve': {
    scoped: true,
    probe: async (w, whose, caller) => ({ method: 'POST', path: `/api/moderation/reviews/${await pendingReview(w, whose, caller)}/approve` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/moderation/reviews/{id}/reject': {
    scoped: true,
    probe: async (w, whose, caller) => ({
      method: 'POST',
      path: `/api/moderation/reviews/${await pendingReview(w, whose, caller)}/reject`,
      body: { reason: 'Nội dung không liên quan đến sản phẩm' },
    }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
};
