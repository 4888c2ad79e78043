import type { ApiError, Product } from '@nss/contracts';
import { anAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/** A well-formed id that names nothing. */
const UNKNOWN_ID = '0123456789abcdef01234567';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * A valid request body for each documented route with an id in its path, so that only the id can be wrong. A new
 * route with an id needs a row here (the test fails without one: its empty body would be the 400's reason).
 */
const BODIES: Record<string, (png: Buffer) => { body?: unknown; payload?: Buffer; headers?: Record<string, string> }> = {
  'PATCH /api/products/{id}': () => ({ body: { priceVnd: 125_000 } }),
  'POST /api/products/{id}/photos': (png) => multipartFile(png),
  'POST /api/moderation/products/{id}': () => ({ body: { decision: 'approve' } }),
  'POST /api/sellers/{id}/verify': () => ({ body: { decision: 'approve' } }),
  'POST /api/registration-cases/{id}/resolve': () => ({ body: { reason: 'Đã gọi cho hộ: đăng ký trùng' } }),
  'POST /api/payments/reviews/{id}/resolve': () => ({ body: { decision: 'accept', note: 'Ngân hàng xác nhận' } }),
  'POST /api/payments/bank-transfers/issues/{id}/resolve': () => ({ body: { decision: 'dismiss', note: 'Đã gọi người mua' } }),
  'PUT /api/cart/items/{productId}': () => ({ body: { quantity: 1 }, headers: { 'x-cart-token': 'AAAAAAAAAAAAAAAAAAAAAA' } }),
  'PATCH /api/me/addresses/{id}': () => ({ body: { street: '15 Phố Huế' } }),
  'POST /api/orders/{id}/accept': () => ({ body: {} }),
  'POST /api/orders/{id}/pack': () => ({ body: {} }),
  'POST /api/orders/{id}/ship': () => ({ body: { carrier: 'GHN', trackingCode: 'GHN-0001' } }),
  'POST /api/orders/{id}/deliver': () => ({ body: {} }),
  'POST /api/orders/{id}/cancel': () => ({ body: { reason: 'Không liên lạc được' } }),
  'POST /api/orders/{id}/complete': () => ({ body: {} }),
  'POST /api/orders/{id}/refund-request': () => ({ body: { reason: 'Đặt nhầm sản phẩm' } }),
  'POST /api/orders/{orderId}/reviews': () => ({ body: { productId: '0123456789abcdef01234567', stars: 5, text: 'Sản phẩm rất ngon, giao đúng hẹn' } }),
  'POST /api/moderation/reviews/{id}/reject': () => ({ body: { reason: 'Nội dung không phù hợp' } }),
  'PATCH /api/lots/{id}': () => ({ body: { quantity: 50 } }),
  'POST /api/stamp-batches/{id}/approve': () => ({ body: {} }),
  'POST /api/stamp-batches/{id}/reject': () => ({ body: { reason: 'Vượt sản lượng của lô' } }),
  'POST /api/stamp-batches/{id}/cancel': () => ({ body: {} }),
  'POST /api/stamp-batches/{id}/activate': () => ({ body: { fromSeq: 0, toSeq: 4 } }),
  'POST /api/lots/{id}/diary': () => ({
    body: { clientId: '3f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f', type: 'harvest', at: '2026-03-15T01:30:00.000Z', place: { text: 'Đồi chè' } },
  }),
};

/**
 * Ids are lower-case hex everywhere (that is how the API writes them). An id in upper case names the same ObjectId
 * to MongoDB but not to anything keyed by the string (locks, media keys, stored seller ids), so it must be refused
 * at the door by every route, for every caller that passes the guard: 400 naming the parameter, never a 500.
 */
describe('route ids in upper case (real database and Redis)', () => {
  let api: TestApi;
  let routes: Array<{ method: Method; path: string; params: string[] }>;
  const callers: Array<{ role: string; token: string }> = [];
  const ids: Record<string, string> = {};
  let png: Buffer;

  beforeAll(async () => {
    api = await startTestApi();
    const doc = (await api.request({ method: 'GET', url: '/api/docs-json' })).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase() as Method, path, params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] as string) })),
    );
    png = await aPng(32, 24);
    const agent = await anAccount().withRole('agent').inProvince('19').create(api);
    const managed = await aSeller().byAgent(agent).verified().create(api);
    const own = await aSeller().create(api);
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    const admin = await anAccount().withRole('admin').create(api);
    const product = await aProduct().with({ sellerId: managed.seller.id }).create(api, agent.accessToken);
    const withPhoto = await api.request({ method: 'POST', url: `/api/products/${product.id}/photos`, token: agent.accessToken, ...multipartFile(png) });
    ids['product'] = product.id;
    ids['photo'] = (withPhoto.body as Product).photos[0]?.id as string;
    ids['seller'] = managed.seller.id;
    callers.push(
      { role: 'agent', token: agent.accessToken },
      { role: 'seller', token: own.sellerToken as string },
      { role: 'province_staff', token: staff.accessToken },
      { role: 'admin', token: admin.accessToken },
    );
  });
  afterAll(async () => {
    await api.close();
  });

  /** The real id of the resource a path parameter names, in upper case. */
  function upperId(path: string, param: string): string {
    const id = param === 'photoId' ? ids['photo'] : path.startsWith('/api/sellers') ? ids['seller'] : ids['product'];
    return (id as string).toUpperCase();
  }

  it('answers 400 naming the parameter, on every route and for every caller', async () => {
    const idRoutes = routes.filter((r) => r.params.some((p) => p === 'id' || p.endsWith('Id')));
    expect(idRoutes.length).toBeGreaterThanOrEqual(9);
    const failures: string[] = [];
    for (const route of idRoutes) {
      const key = `${route.method} ${route.path}`;
      for (const param of route.params) {
        const url = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === param ? upperId(route.path, name) : (name === 'photoId' ? ids['photo'] : upperId(route.path, name).toLowerCase()) as string));
        for (const { role, token } of callers) {
          const extra = route.method === 'GET' || route.method === 'DELETE' ? {} : (BODIES[key]?.(png) ?? { body: {} });
          const res = await api.request({ method: route.method, url, token, ...extra });
          const body = res.body as ApiError;
          const named = res.status === 400 && (body.issues ?? []).some((i) => i.path === param || i.path.endsWith(`.${param}`));
          if (named) continue;
          // A role the route does not admit is refused by the guard before the id is read: the same 403 as for an
          // unknown, well-formed id.
          const unknownUrl = url.replace(upperId(route.path, param), UNKNOWN_ID);
          const refused = res.status === 403 && (await api.request({ method: route.method, url: unknownUrl, token, ...extra })).status === 403;
          if (!refused) failures.push(`${key} (${param} upper-case) as ${role} → ${res.status} ${String(JSON.stringify(body)).slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses upper-case ids in bodies and query strings too, instead of storing or filtering on them', async () => {
    const agent = callers[0] as { token: string };
    const create = await api.request({ method: 'POST', url: '/api/products', token: agent.token, body: { ...(await aProductBody()), sellerId: ids['seller']?.toUpperCase() } });
    expect(create.status).toBe(400);
    const list = await api.request({ method: 'GET', url: `/api/seller/products?sellerId=${ids['seller']?.toUpperCase()}`, token: agent.token });
    expect(list.status).toBe(400);
  });
});

async function aProductBody() {
  const { productBody } = await import('../support/catalog.factory');
  return productBody();
}
