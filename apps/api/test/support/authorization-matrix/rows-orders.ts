import { randomBytes } from 'node:crypto';
import type { Address, CheckoutResult, GuestCartCreated, PaymentMethod, Product } from '@nss/contracts';
import { OrderPayments } from '@nss/orders-api';
import { anAccount } from '../accounts.factory';
import { aProduct } from '../catalog.factory';
import { HANOI_ADDRESS } from '../orders.factory';
import { agentOf, only, seller, type Caller, type Expected, type Rows, type Whose, type World } from './matrix';

/** Listings with plenty of stock (the matrix buys a lot), one per side, made once per world. */
const listings = new WeakMap<World, Partial<Record<Whose, Promise<Product>>>>();
function stocked(w: World, whose: Whose): Promise<Product> {
  const mine = listings.get(w) ?? {};
  listings.set(w, mine);
  mine[whose] ??= aProduct().with({ sellerId: seller(w, whose).seller.id, stock: 100_000, priceVnd: 50_000 }).approved().create(w.api, agentOf(w, whose).accessToken);
  return mine[whose]!;
}

/** The buyer of "own" orders is the matrix's buyer; "other" orders belong to someone else. */
async function buyerToken(w: World, whose: Whose): Promise<string> {
  if (whose === 'own') return w.account.buyer.accessToken;
  return (await anAccount().create(w.api)).accessToken;
}

async function guestToken(w: World): Promise<string> {
  return (await w.api.request<GuestCartCreated>({ method: 'POST', url: '/api/carts' })).body.cartToken;
}

/** A fresh order of the side's seller, driven to `upTo` by its agent (and OrderPayments for prepaid ones). */
async function freshOrder(w: World, whose: Whose, method: PaymentMethod, upTo: Array<'accept' | 'pack' | 'ship' | 'deliver'> = []): Promise<string> {
  const product = await stocked(w, whose);
  const res = await w.api.request<CheckoutResult>({
    method: 'POST',
    url: '/api/checkout',
    token: await buyerToken(w, whose),
    headers: { 'idempotency-key': randomBytes(8).toString('hex') },
    body: { address: HANOI_ADDRESS, paymentMethod: method, items: [{ productId: product.id, quantity: 1 }] },
  });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (method !== 'cod') await w.api.app.get(OrderPayments).recordPaymentSucceeded(res.body.checkoutId, { paymentId: 'matrix', at: new Date() });
  const orderId = res.body.orders[0]!.id;
  for (const action of upTo) {
    const body = action === 'ship' ? { carrier: 'Viettel Post', trackingCode: 'VTP-0001' } : {};
    const moved = await w.api.request({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token: agentOf(w, whose).accessToken, body });
    if (moved.status !== 200) throw new Error(`${action} failed: ${moved.status}`);
  }
  return orderId;
}

/** One order per side for the reads, made once per world. */
const readOrders = new WeakMap<World, Partial<Record<Whose, Promise<string>>>>();
function readOrder(w: World, whose: Whose): Promise<string> {
  const mine = readOrders.get(w) ?? {};
  readOrders.set(w, mine);
  mine[whose] ??= freshOrder(w, whose, 'cod');
  return mine[whose]!;
}

/** The matrix buyer's address ("own") or another buyer's ("other"). */
async function address(w: World, whose: Whose): Promise<string> {
  if (whose === 'own') {
    // The matrix buyer would reach the 10-address limit: keep its book short.
    const book = await w.api.request<{ items: Address[] }>({ method: 'GET', url: '/api/me/addresses', token: w.account.buyer.accessToken });
    for (const old of book.body.items.slice(0, -2)) await w.api.request({ method: 'DELETE', url: `/api/me/addresses/${old.id}`, token: w.account.buyer.accessToken });
  }
  const res = await w.api.request<Address>({ method: 'POST', url: '/api/me/addresses', token: await buyerToken(w, whose), body: HANOI_ADDRESS });
  if (res.status !== 201) throw new Error(`address failed: ${res.status}`);
  return res.body.id;
}

/** The side's seller, its managing agent: allowed on their own orders only; everyone else's look missing. */
const SELLER_SIDE: Partial<Record<Caller, Expected>> = { seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200] };

/** Carts, addresses, checkout and orders. */
export const orderRows: Rows = {
  'POST /api/carts': { scoped: false, probe: async () => ({ method: 'POST', path: '/api/carts' }), expect: { ...only({}), anonymous: 201, buyer: 201, seller: 201, otherSeller: 201, agent: 201, otherAgent: 201, staff: 201, otherStaff: 201, admin: 201 } },
  'GET /api/cart': {
    scoped: false,
    probe: async (w) => ({ method: 'GET', path: '/api/cart', headers: { 'x-cart-token': await guestToken(w) } }),
    expect: { anonymous: 200, buyer: 200, seller: 200, otherSeller: 200, agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 },
  },
  'PUT /api/cart/items/{productId}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'PUT', path: `/api/cart/items/${(await stocked(w, whose)).id}`, body: { quantity: 2 }, headers: { 'x-cart-token': await guestToken(w) } }),
    expect: { anonymous: 200, buyer: 200, seller: 200, otherSeller: 200, agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 },
  },
  'DELETE /api/cart/items/{productId}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'DELETE', path: `/api/cart/items/${(await stocked(w, whose)).id}`, headers: { 'x-cart-token': await guestToken(w) } }),
    expect: { anonymous: 200, buyer: 200, seller: 200, otherSeller: 200, agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 },
  },
  'POST /api/cart/merge': {
    scoped: false,
    probe: async (w) => ({ method: 'POST', path: '/api/cart/merge', headers: { 'x-cart-token': await guestToken(w) } }),
    expect: only({ buyer: 200 }),
  },
  'POST /api/cart/accept-changes': {
    scoped: false,
    probe: async (w) => ({ method: 'POST', path: '/api/cart/accept-changes', headers: { 'x-cart-token': await guestToken(w) } }),
    expect: { anonymous: 200, buyer: 200, seller: 200, otherSeller: 200, agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 },
  },
  'GET /api/me/addresses': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/me/addresses' }), expect: only({ buyer: 200 }) },
  'POST /api/me/addresses': {
    scoped: false,
    probe: async (w) => {
      await address(w, 'own').then((id) => w.api.request({ method: 'DELETE', url: `/api/me/addresses/${id}`, token: w.account.buyer.accessToken }));
      return { method: 'POST', path: '/api/me/addresses', body: HANOI_ADDRESS };
    },
    expect: only({ buyer: 201 }),
  },
  'PATCH /api/me/addresses/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'PATCH', path: `/api/me/addresses/${await address(w, whose)}`, body: { street: '15 Phố Huế' } }),
    expect: only({ buyer: [200, 404] }),
  },
  'POST /api/me/addresses/{id}/default': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/me/addresses/${await address(w, whose)}/default` }),
    expect: only({ buyer: [200, 404] }),
  },
  'DELETE /api/me/addresses/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'DELETE', path: `/api/me/addresses/${await address(w, whose)}` }),
    expect: only({ buyer: [204, 404] }),
  },
  'POST /api/checkout': {
    scoped: true,
    probe: async (w, whose) => ({
      method: 'POST',
      path: '/api/checkout',
      headers: { 'idempotency-key': randomBytes(8).toString('hex') },
      body: { address: HANOI_ADDRESS, paymentMethod: 'cod', items: [{ productId: (await stocked(w, whose)).id, quantity: 1 }] },
    }),
    expect: only({ buyer: 201 }),
  },
  'GET /api/orders': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/orders' }),
    expect: only({ buyer: 200, seller: 200, otherSeller: 200, agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/orders/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/orders/${await readOrder(w, whose)}` }),
    expect: only({ buyer: [200, 404], ...SELLER_SIDE, staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/orders/{id}/accept': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'cod')}/accept`, body: {} }),
    expect: only(SELLER_SIDE),
  },
  'POST /api/orders/{id}/pack': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'cod', ['accept'])}/pack`, body: {} }),
    expect: only(SELLER_SIDE),
  },
  'POST /api/orders/{id}/ship': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'cod', ['accept', 'pack'])}/ship`, body: { carrier: 'GHN', trackingCode: 'GHN-0001' } }),
    expect: only(SELLER_SIDE),
  },
  'POST /api/orders/{id}/deliver': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'cod', ['accept', 'pack', 'ship'])}/deliver`, body: {} }),
    expect: only(SELLER_SIDE),
  },
  'POST /api/orders/{id}/cancel': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'cod')}/cancel`, body: { reason: 'Không liên lạc được' } }),
    expect: only({ buyer: [200, 404], ...SELLER_SIDE }),
  },
  'POST /api/orders/{id}/complete': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'vnpay', ['accept', 'pack', 'ship', 'deliver'])}/complete`, body: {} }),
    expect: only({ buyer: [200, 404] }),
  },
  'POST /api/orders/{id}/refund-request': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/orders/${await freshOrder(w, whose, 'vnpay')}/refund-request`, body: { reason: 'Đặt nhầm sản phẩm' } }),
    expect: only({ buyer: [200, 404] }),
  },
};
