import { randomBytes } from 'node:crypto';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { OwnDependencies } from '../support/own-dependencies';
import type { TestApi, TestResponse } from '../support/test-api';
import { html, scanRequests, startScanWorld, type ScanWorld } from '../support/traceability-scan.support';

/**
 * An operator's outage, one dependency at a time: the API runs on a FerretDB and a Redis of this file's own (child
 * processes on free ports), which the test stops and starts again. While one is away, every request that needs it is
 * refused with 503 SERVICE_UNAVAILABLE, a Retry-After and both languages, within a bounded time (never a 500, never a
 * hang); what can be served from memory (search, the home page, a product page, a scan of a stamp Redis remembers while
 * the database is away) still is; health names what is down; liveness stays 200 and readiness turns 503. When the
 * dependency is back the API answers normally again, without a restart.
 */

/** A request needing an absent dependency must be answered within this (MONGODB_TIMEOUT_MS / REDIS_TIMEOUT_MS: 1 s). */
const BOUND_MS = 3_000;
const RETRY_AFTER = '17';

interface Timed<T> extends TestResponse<T> {
  ms: number;
}

describe('the API when the database or Redis is away (its own FerretDB and Redis, stopped and started)', () => {
  let deps: OwnDependencies;
  let world: ScanWorld;
  let api: TestApi;
  let buyer: CreatedAccount;
  let mirrored: string;
  let productId: string;
  const scan = scanRequests(() => api);

  async function timed<T = unknown>(options: Parameters<TestApi['request']>[0]): Promise<Timed<T>> {
    const started = Date.now();
    const res = await api.request<T>(options);
    return { ...res, ms: Date.now() - started };
  }

  const login = () => timed({ method: 'POST', url: '/api/auth/login', body: { phone: buyer.user.phone, password: buyer.password } });
  const addToCart = () => timed({ method: 'PUT', url: `/api/cart/items/${productId}`, token: buyer.accessToken, body: { quantity: 1 } });
  const publicReads = () =>
    Promise.all([
      timed<{ total: number }>({ method: 'GET', url: '/api/search?q=ch%C3%A8' }),
      timed<{ name: string }>({ method: 'GET', url: `/api/products/${productId}` }),
      timed<{ featured: unknown[] }>({ method: 'GET', url: '/api/storefront/home' }),
    ]);

  /** 503, Retry-After, the bilingual error shape, in bounded time: what every refused request must look like. */
  function expectUnavailable(res: Timed<unknown>, what: string): void {
    expect({ what, status: res.status, retryAfter: res.headers['retry-after'], body: res.body, fast: res.ms < BOUND_MS }).toEqual({
      what,
      status: 503,
      retryAfter: RETRY_AFTER,
      body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/thử lại/), messageEn: expect.stringMatching(/try again/i) },
      fast: true,
    });
  }

  /** Polls until the API answers normally again (the clients reconnect by themselves). */
  async function recovered(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const health = await timed({ method: 'GET', url: '/api/health' });
      if (health.status === 200) return;
      if (Date.now() > deadline) throw new Error(`not recovered: ${JSON.stringify(health.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    deps = await OwnDependencies.start();
    world = await startScanWorld({
      env: {
        MONGODB_URI: deps.mongoUri(`int_${randomBytes(5).toString('hex')}`),
        REDIS_URL: deps.redisUrl,
        MONGODB_TIMEOUT_MS: '1000',
        REDIS_TIMEOUT_MS: '1000',
        UNAVAILABLE_RETRY_AFTER_SECONDS: RETRY_AFTER,
        // Everyone's view of health (not an admin's): the names of what is down, no details.
        HEALTH_DETAILS_PUBLIC: 'false',
      },
    });
    ({ api } = world);
    productId = world.product.id;
    buyer = await anAccount().create(api);
    // All up: the catalogue is in memory and the first stamp in Redis's mirror (a scan puts it there).
    expect((await publicReads()).map((r) => r.status)).toEqual([200, 200, 200]);
    mirrored = world.lot.serials[0] as string;
    expect((await scan(`/t/${mirrored}`)).status).toBe(200);
    expect((await login()).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await deps?.close();
  });

  it('Redis away: reads from memory still answer, the rest is a quick 503, health names Redis; all normal once it is back', async () => {
    await deps.stopRedis();

    const [search, product, home] = await publicReads();
    expect({ search: search.status, product: product.status, home: home.status }).toEqual({ search: 200, product: 200, home: 200 });
    expect(search.body.total).toBeGreaterThan(0);
    expect(product.body.name).toBe('Chè búp Tân Cương');
    // Without Redis the catalogue version is unknown: no ETag, and nothing may cache the answer.
    expect({ etag: product.headers['etag'], cache: product.headers['cache-control'] }).toEqual({ etag: undefined, cache: 'no-store' });
    for (const res of [search, product, home]) expect(res.ms).toBeLessThan(BOUND_MS);

    expectUnavailable(await login(), 'login');
    expectUnavailable(await addToCart(), 'add to cart');

    // The scan page counts every scan in Redis: refused with its own 503 page and a Retry-After, never a 500.
    const page = await scan(`/t/${mirrored}`);
    expect({ status: page.status, retryAfter: page.headers['retry-after'], html: /<html/.test(html(page)) }).toEqual({ status: 503, retryAfter: RETRY_AFTER, html: true });

    const health = await timed<{ status: string; down: string[] }>({ method: 'GET', url: '/api/health' });
    expect({ status: health.status, body: health.body, retryAfter: health.headers['retry-after'] }).toEqual({
      status: 503,
      body: { status: 'error', down: expect.arrayContaining(['redis']) },
      retryAfter: RETRY_AFTER,
    });
    expect(health.body.down).not.toContain('database');
    expect(JSON.stringify(health.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(health.ms).toBeLessThan(BOUND_MS);
    expect((await timed({ method: 'GET', url: '/api/health/live' })).status).toBe(200);
    const ready = await timed({ method: 'GET', url: '/api/health/ready' });
    expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'error', down: ['redis'] } });

    await deps.startRedis();
    await recovered();
    expect((await login()).status).toBe(200);
    expect((await addToCart()).status).toBe(200);
    expect((await scan(`/t/${mirrored}`)).status).toBe(200);
    const product2 = await timed({ method: 'GET', url: `/api/products/${productId}` });
    expect({ status: product2.status, etag: typeof product2.headers['etag'] }).toEqual({ status: 200, etag: 'string' });
    expect((await timed({ method: 'GET', url: '/api/health/ready' })).status).toBe(200);
  }, 60_000);

  it('database away: search, home, product page and a mirrored stamp still answer, the rest is a quick 503; all normal once it is back', async () => {
    await deps.stopDatabase();

    expect((await publicReads()).map((r) => r.status)).toEqual([200, 200, 200]);
    // The stamp scanned before is counted in Redis and its lot record held in memory: the page still shows it.
    const page = await scan(`/t/${mirrored}`);
    expect(page.status).toBe(200);

    expectUnavailable(await login(), 'login');
    expectUnavailable(await addToCart(), 'add to cart');

    const health = await timed<{ status: string; down: string[] }>({ method: 'GET', url: '/api/health' });
    expect({ status: health.status, body: health.body }).toEqual({ status: 503, body: { status: 'error', down: ['database'] } });
    expect(health.ms).toBeLessThan(BOUND_MS);
    expect((await timed({ method: 'GET', url: '/api/health/live' })).status).toBe(200);
    const ready = await timed({ method: 'GET', url: '/api/health/ready' });
    expect({ status: ready.status, body: ready.body, fast: ready.ms < BOUND_MS }).toEqual({ status: 503, body: { status: 'error', down: ['database'] }, fast: true });

    await deps.startDatabase();
    await recovered();
    expect((await login()).status).toBe(200);
    expect((await addToCart()).status).toBe(200);
    expect((await publicReads()).map((r) => r.status)).toEqual([200, 200, 200]);
  }, 60_000);
});
