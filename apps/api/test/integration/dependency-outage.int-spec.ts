import { randomBytes } from 'node:crypto';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { OwnDependencies } from '../support/own-dependencies';
import type { TestApi, TestResponse } from '../support/test-api';
import type { Redis } from 'ioredis';
import type { TraceRecord } from '@nss/contracts';
import { REDIS } from '@nss/server-core';
import { aClientAddress } from '../support/client-address';
import { html, RATE, scanRequests, startScanWorld, type ScanWorld } from '../support/traceability-scan.support';

/**
 * An operator's outage, one dependency at a time: the API runs on a FerretDB and a Redis of this file's own (child
 * processes on free ports), which the test stops and starts again. While one is away, every request that needs it is
 * refused with 503 SERVICE_UNAVAILABLE, a Retry-After and both languages, within a bounded time (never a 500, never a
 * hang); what can be served from memory (search, the home page, a product page, a scan of a stamp Redis remembers while
 * the database is away) still is, and so is the scan page while Redis is away (from the database, each scan recorded
 * and counted once); health names what is down; liveness stays 200 and readiness turns 503. When the
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
  const scan = async <T = string>(url: string, from = aClientAddress()): Promise<Timed<T>> => {
    const started = Date.now();
    const res = await scanRequest<T>(url, from);
    return { ...res, ms: Date.now() - started };
  };
  const scanRequest = scanRequests(() => api);

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

    // The scan page answers from the database (its own test below says how the scan is counted).
    const page = await scan(`/t/${mirrored}`);
    expect({ status: page.status, product: html(page).includes('Chè búp Tân Cương'), fast: page.ms < BOUND_MS }).toEqual({ status: 200, product: true, fast: true });

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
  it('Redis away: the scan page answers from the database, records each scan once and still limits one address; the counts are right once Redis is back', async () => {
    const [seen, fresh, flooded] = [world.lot.serials[1], world.lot.serials[2], world.lot.serials[3]] as [string, string, string];
    const trace = (serial: string) => scan<TraceRecord>(`/api/trace/${serial}`);
    const stored = async (serial: string) => {
      const scans = await api.connection.collection('stamp_scans').find({ serial }).toArray();
      const events = await api.connection.collection('trace_events').countDocuments({ serial, type: 'stamp.scanned' });
      return { scans: scans.length, ids: new Set(scans.map((x) => String(x['_id']))).size, events };
    };
    // Two scans counted in Redis and copied onto the stamp before the outage.
    expect((await scan(`/t/${seen}`)).status).toBe(200);
    expect((await trace(seen)).body.verdict).toMatchObject({ kind: 'genuine_seen', scanCount: 2 });
    await world.writer.flush();
    await deps.stopRedis();

    // The page of an activated stamp, its trace, in bounded time: "at least 3 scans", never "first scan".
    const page = await scan(`/t/${seen}`);
    expect({ status: page.status, fast: page.ms < BOUND_MS }).toEqual({ status: 200, fast: true });
    expect(html(page)).toContain('Chè búp Tân Cương');
    expect(html(page)).toContain(world.lot.lotCode);
    expect(html(page)).toContain('Số lần quét: ít nhất 3');
    expect(html(page)).not.toContain('lần quét đầu tiên');
    // A fourth scan: the lower bound passes K (3), which is true whatever Redis holds.
    const json = await trace(seen);
    expect({ status: json.status, verdict: json.body.verdict }).toEqual({
      status: 200,
      verdict: { kind: 'suspicious', reasons: ['too_many_scans'], scanCount: 4, firstScanAt: expect.any(String), partial: true },
    });
    const link = await scan(`/01/0${world.lot.gtin}/10/${world.lot.lotCode}/21/${fresh}?lang=en`);
    expect({ status: link.status, atLeast: html(link).includes('Scans: at least 1 ') }).toEqual({ status: 200, atLeast: true });
    // Recorded at once, in the database: the two scans before and the two now, each once.
    expect(await stored(seen)).toMatchObject({ scans: 4, ids: 4, events: 4 });
    expect(await api.connection.collection('stamp_scans').countDocuments({ serial: fresh })).toBe(1);

    // A flood from one address: RATE scans a minute answered (counted in memory), then 429 with Retry-After; another
    // address goes on.
    const flood = aClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 2; i++) statuses.push((await scan(`/t/${flooded}`, flood)).status);
    expect(statuses).toEqual([...Array<number>(RATE).fill(200), 429, 429]);
    const refused = await scan(`/t/${flooded}`, flood);
    expect({ status: refused.status, retryAfter: Number(refused.headers['retry-after']) > 0 }).toEqual({ status: 429, retryAfter: true });
    expect((await scan(`/t/${flooded}`)).status).toBe(200);
    const uncounted = await api.connection.collection('stamp_scans_uncounted').find({ serial: { $in: [seen, fresh, flooded] } }).toArray();
    expect(uncounted).toHaveLength(2 + 1 + RATE + 1);

    // Both away and the stamp not in memory: the 503 page with Retry-After.
    await deps.stopDatabase();
    const down = await scan(`/t/${world.lot.serials[4]}`);
    expect({ status: down.status, retryAfter: down.headers['retry-after'], fast: down.ms < BOUND_MS }).toEqual({ status: 503, retryAfter: RETRY_AFTER, fast: true });
    await deps.startDatabase();

    await deps.startRedis();
    await recovered();
    // The scans of the outage are counted in Redis once, before the next scans: none lost, none twice.
    expect((await trace(seen)).body.verdict).toMatchObject({ kind: 'suspicious', reasons: ['too_many_scans'], scanCount: 5, partial: false });
    expect((await trace(fresh)).body.verdict).toMatchObject({ kind: 'genuine_seen', scanCount: 2, partial: false });
    expect((await trace(flooded)).body.verdict).toMatchObject({ kind: 'suspicious', reasons: ['too_many_scans'], scanCount: RATE + 2 });
    await world.writer.flush();
    expect(await api.connection.collection('stamp_scans_uncounted').countDocuments()).toBe(0);
    // As after a crash between counting and removing the rows: counting them again changes nothing.
    await api.connection.collection('stamp_scans_uncounted').insertMany(uncounted);
    await world.writer.flush();
    expect(await api.connection.collection('stamp_scans_uncounted').countDocuments()).toBe(0);
    for (const [serial, n] of [[seen, 5], [fresh, 2], [flooded, RATE + 2]] as const) {
      expect({ serial, ...(await stored(serial)) }).toEqual({ serial, scans: n, ids: n, events: n });
      expect(await api.connection.collection('stamps').findOne({ _id: serial as never })).toMatchObject({ scanCount: n });
      expect(await api.app.get<Redis>(REDIS).hget(`nss:stamp:{${serial}}:scans`, 'n')).toBe(String(n));
    }
    for (const serial of [seen, flooded]) {
      expect(await api.connection.collection('trace_events').countDocuments({ key: `stamp.suspicious:${serial}:too_many_scans` })).toBe(1);
    }
  }, 90_000);
});
