import { anAccount } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';
import { startTestApi, TestApi } from '../support/test-api';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

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

/**
 * No request, however malformed, produces a 500: every documented route is called by every kind of caller with
 * wrong ids, wrong bodies and wrong query strings, on the real database and Redis.
 */
describe('malformed requests never produce a 500', () => {
  let api: TestApi;
  let routes: Array<{ method: Method; path: string }>;
  const tokens: Array<string | undefined> = [undefined];

  beforeAll(async () => {
    api = await startTestApi();
    const doc = (await api.request({ method: 'GET', url: '/api/docs-json' })).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase() as Method, path })),
    );
    for (const role of ['buyer', 'agent', 'province_staff', 'admin'] as const) {
      tokens.push((await anAccount().withRole(role).create(api)).accessToken);
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers every malformed request with a 4xx carrying the error shape', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const [i, id] of IDS.entries()) {
        const url = route.path.replace(/\{[^}]+\}/g, id);
        const token = tokens[i % tokens.length];
        const query = QUERIES[i % QUERIES.length] as string;
        const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : BODIES;
        for (const body of bodies) {
          const res = await api.request({
            method: route.method,
            url: `${url}${query}`,
            token,
            // Each from its own address, so per-client limits do not answer 429 before validation is reached.
            from: aClientAddress(),
            ...(body ? { payload: body.payload, headers: { 'content-type': body.type } } : {}),
          });
          sent++;
          if (res.status >= 500) failures.push(`${route.method} ${url}${query} ${body?.payload.slice(0, 40) ?? ''} → ${res.status}`);
          else if (res.status >= 400 && !(res.body && typeof res.body === 'object' && 'messageEn' in res.body)) {
            failures.push(`${route.method} ${url} → ${res.status} without the error shape`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });
});
