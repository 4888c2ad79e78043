import type { Role } from '@nss/contracts';
import { anAccount } from '../support/accounts.factory';
import { aSeller } from '../support/onboarding.factory';
import { routeAccess } from '../support/registered-routes';
import { startTestApi, TestApi } from '../support/test-api';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** Path parameters a careless or hostile client might send. */
const IDS = ['not-an-id', '000000000000000000000000', '%00', 'x'.repeat(300), '..%2F..%2Fetc%2Fpasswd'];
/** Bodies of the wrong shape, type or size. */
const BODIES: Array<{ payload: string; type: string }> = [
  { payload: '[]', type: 'application/json' },
  { payload: '"text"', type: 'application/json' },
  { payload: '{"a":', type: 'application/json' },
  { payload: JSON.stringify({ phone: 12, password: [], name: { $gt: '' }, priceVnd: '1e309', page: -1, __proto__: { x: 1 } }), type: 'application/json' },
  { payload: JSON.stringify({ nested: JSON.parse('['.repeat(200) + ']'.repeat(200)) }), type: 'application/json' },
  { payload: 'phone=0912345678', type: 'application/x-www-form-urlencoded' },
  { payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' },
];
const QUERIES = ['', '?page=-5&pageSize=abc', '?q[$ne]=1&status[]=x', `?q=${'%E1'.repeat(50)}`];

/** The scan page (outside /api) answers people with an HTML page, its errors too (404 not found, 429, 503). */
function isPage(path: string, res: { headers: Record<string, unknown>; body: unknown }): boolean {
  return !path.startsWith('/api/') && String(res.headers['content-type']).startsWith('text/html') && String(res.body).startsWith('<!doctype html>');
}

/**
 * No request, however malformed, produces a 500: every registered route is called with wrong ids, wrong bodies and
 * wrong query strings, each as every kind of caller its guard lets through (anonymous for public routes, every
 * allowed role otherwise, sellers included), on the real database and Redis. Requests go over real sockets from
 * many loopback addresses so that per-client limits do not turn the sweep into a test of 429s.
 */
describe('malformed requests never produce a 500', () => {
  let api: TestApi;
  let routes: Array<{ method: Method; path: string; callers: Array<string | undefined> }>;

  beforeAll(async () => {
    api = await startTestApi();
    const tokens = new Map<Role, string>();
    for (const role of ['buyer', 'agent', 'province_staff', 'admin'] as const) {
      tokens.set(role, (await anAccount().withRole(role).create(api)).accessToken);
    }
    const { seller } = await aSeller().verified().create(api);
    tokens.set('seller', (await anAccount().forSeller(seller.id).inProvince(seller.address.provinceCode).create(api)).accessToken);
    routes = [...routeAccess(api.app)].map(([key, access]) => {
      const [method, path] = key.split(' ') as [Method, string];
      const callers = [...(access.isPublic ? [undefined] : []), ...access.roles.map((role) => tokens.get(role))];
      return { method, path: path.replace('/*', '/{path}'), callers };
    });
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('answers every malformed request, from every caller the guard lets through, with a 4xx carrying the error shape', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const [i, id] of IDS.entries()) {
        const url = route.path.replace(/\{[^}]+\}/g, id);
        const query = QUERIES[i % QUERIES.length] as string;
        const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : BODIES;
        for (const body of bodies) {
          for (const token of route.callers) {
            const res = await api.request({
              from: `127.0.${1 + (sent % 200)}.${2 + (sent % 250)}`,
              method: route.method,
              url: `${url}${query}`,
              ...(token ? { token } : {}),
              ...(body ? { payload: body.payload, headers: { 'content-type': body.type } } : {}),
            });
            sent++;
            if (res.status >= 500) failures.push(`${route.method} ${url}${query} ${body?.payload.slice(0, 40) ?? ''} → ${res.status}`);
            else if (res.status >= 400 && !(res.body && typeof res.body === 'object' && 'messageEn' in res.body) && !isPage(route.path, res)) {
              failures.push(`${route.method} ${url} → ${res.status} without the error shape`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  }, 600_000);
});
