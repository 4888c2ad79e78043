import { productBody } from '../catalog.factory';
import { all, freshPhoto, only, pendingProduct, product, seller, type Rows } from './matrix';

/** Catalogue: categories, products, photos, moderation, search, media. */
export const catalogRows: Rows = {
  // ── Catalogue ──
  'GET /api/categories': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/categories' }), expect: all(200) },
  'POST /api/products': {
    scoped: true,
    probe: async (w, whose, caller) => ({
      method: 'POST',
      path: '/api/products',
      // Sellers act for themselves (a seller naming another seller is refused); agents name the seller they help.
      body: productBody(caller === 'seller' || caller === 'otherSeller' ? (whose === 'own' ? {} : { sellerId: w.sellerB.seller.id }) : { sellerId: seller(w, whose).seller.id }),
    }),
    expect: only({ seller: [201, 403], otherSeller: [201, 403], agent: [201, 403], otherAgent: [403, 201] }),
  },
  'PATCH /api/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'PATCH', path: `/api/products/${product(w, whose).id}`, body: { priceVnd: 175_000 } }),
    expect: only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200] }),
  },
  'GET /api/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/products/${product(w, whose).id}` }),
    expect: all(200),
  },
  'GET /api/seller/products': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/seller/products' }),
    expect: only({ seller: 200, otherSeller: 200, agent: 200, otherAgent: 200 }),
  },
  'GET /api/seller/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/seller/products/${product(w, whose).id}` }),
    expect: only({
      seller: [200, 404],
      otherSeller: 404,
      agent: [200, 404],
      otherAgent: [404, 200],
      staff: [200, 404],
      otherStaff: [404, 200],
      admin: 200,
    }),
  },
  'POST /api/products/{id}/photos': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/products/${(await pendingProduct(w, whose)).id}/photos`, multipart: w.png }),
    expect: only({ seller: [201, 404], otherSeller: 404, agent: [201, 404], otherAgent: [404, 201] }),
  },
  'DELETE /api/products/{id}/photos/{photoId}': {
    scoped: true,
    probe: async (w, whose) => {
      const [productId, photoId] = await freshPhoto(w, whose);
      return { method: 'DELETE', path: `/api/products/${productId}/photos/${photoId}` };
    },
    expect: only({ seller: [204, 404], otherSeller: 404, agent: [204, 404], otherAgent: [404, 204] }),
  },
  'GET /api/moderation/products': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/moderation/products' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'POST /api/moderation/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/moderation/products/${(await pendingProduct(w, whose)).id}`, body: { decision: 'approve' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/search': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/search?q=che' }), expect: all(200) },
  'GET /api/storefront/home': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/storefront/home' }), expect: all(200) },
  // A seller's public shop: anyone, signed in or not, whichever province.
  'GET /api/shops/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/shops/${seller(w, whose).seller.id}` }),
    expect: all(200),
  },
  'GET /api/media/*': {
    scoped: true,
    probe: async (w, whose) => {
      const url = product(w, whose).photos[0]?.url;
      if (!url) throw new Error('the approved listing has no photo');
      return { method: 'GET', path: new URL(url, 'http://x').pathname };
    },
    expect: all(200),
  },
};
