import { randomInt } from 'node:crypto';
import type { ApiError } from '@nss/contracts';
import { aPhone, anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';
import { startTestApi, TestApi } from '../support/test-api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 5, parts 3 and 4: per-client limits count real client addresses, and wrong passwords throttle, never lock. */
// Client addresses here are real: every request comes from a socket bound to its own 127.x.y.z (`from`). The only
// X-Forwarded-For headers sent are the point of the tests that carry them: a header from an untrusted client is
// ignored (forged addresses never open a fresh bucket), and the header of the configured proxy, itself a bound
// socket, is what names the client behind it.
describe('Client addresses and sign-in throttling (real Redis)', () => {
  let api: TestApi;
  const login = (from: string, phone: string, password: string, headers?: Record<string, string>) =>
    api.request({ method: 'POST', url: '/api/auth/login', body: { phone, password }, from, ...(headers ? { headers } : {}) });

  beforeAll(async () => {
    // Short delays so the test can wait them out: 3 free failures, then 1 s, 2 s, 4 s…
    api = await startTestApi({ LOGIN_FREE_FAILURES: '3', LOGIN_DELAY_BASE_SECONDS: '1', LOGIN_DELAY_MAX_SECONDS: '60' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts an untrusted client by its socket address, whatever X-Forwarded-For it sends', async () => {
    const from = aClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      // Each request claims another address; none of it may open a fresh bucket.
      const forged = { 'x-forwarded-for': `10.9.${i}.1` };
      statuses.push((await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: 'x' }, from, headers: forged })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: 'x' }, from, headers: { 'x-forwarded-for': '10.9.99.1' } });
    const body = limited.body as ApiError;
    expect(body).toMatchObject({ code: 'RATE_LIMITED', statusCode: 429 });
    expect(body.message).toMatch(/thử lại sau \d+ giây/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: 'x' }, from: aClientAddress() })).status).toBe(400);
  });

  it('lets the owner sign in from another client after a stranger typed 6 wrong passwords', async () => {
    const owner = await anAccount().create(api);
    const stranger = aClientAddress();
    let wrong = 0;
    for (let sent = 0; wrong < 6 && sent < 14; sent++) {
      const res = await login(stranger, owner.user.phone, `sai-mat-khau-${sent}`);
      if (res.status === 401) wrong++;
      else if (res.status === 429) await sleep(Number(res.headers['retry-after']) * 1000 + 100);
      else throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toBe(6);
    const ownerLogin = await login(aClientAddress(), owner.user.phone, owner.password ?? '');
    expect(ownerLogin.status).toBe(200);
  });

  it('makes one client wait longer after every further wrong password (growing Retry-After)', async () => {
    const owner = await anAccount().create(api);
    const from = aClientAddress();
    for (let i = 0; i < 3; i++) expect((await login(from, owner.user.phone, `sai-${i}`)).status).toBe(401);
    const first = await login(from, owner.user.phone, owner.password ?? '');
    expect(first.status).toBe(429);
    expect((first.body as ApiError).code).toBe('LOGIN_THROTTLED');
    expect((first.body as ApiError).messageEn).toMatch(/Too many failed sign-ins/);
    const firstWait = Number(first.headers['retry-after']);
    await sleep(firstWait * 1000 + 100);
    expect((await login(from, owner.user.phone, 'sai-lan-nua')).status).toBe(401);
    const second = await login(from, owner.user.phone, owner.password ?? '');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(firstWait);
    // Throttled, not locked: after the wait the right password works from that client too.
    await sleep(Number(second.headers['retry-after']) * 1000 + 100);
    expect((await login(from, owner.user.phone, owner.password ?? '')).status).toBe(200);
  }, 30_000);

  it('throttles unknown phones alike', async () => {
    const from = aClientAddress();
    const phone = aPhone();
    for (let i = 0; i < 3; i++) expect((await login(from, phone, 'sai')).status).toBe(401);
    expect((await login(from, phone, 'sai')).status).toBe(429);
  });
});

describe('Per-phone ceiling of failed sign-ins (real Redis)', () => {
  let api: TestApi;
  let owner: CreatedAccount;
  const login = (from: string, password: string) =>
    api.request({ method: 'POST', url: '/api/auth/login', body: { phone: owner.user.phone, password }, from });

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_FREE_FAILURES: '50', LOGIN_PHONE_FAILURE_CEILING: '4' });
    owner = await anAccount().create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('stops clients that failed on a phone past its ceiling, but not a client that has not failed', async () => {
    const guessers = [aClientAddress(), aClientAddress(), aClientAddress(), aClientAddress()];
    for (const from of guessers) expect((await login(from, 'sai-mat-khau')).status).toBe(401);
    // The ceiling (4 failures from all clients) is reached: every client that failed on this phone waits.
    for (const from of guessers) {
      const res = await login(from, owner.password ?? '');
      expect(res.status).toBe(429);
      expect((res.body as ApiError).code).toBe('LOGIN_THROTTLED');
    }
    // A new guesser gets one try at most…
    const newcomer = aClientAddress();
    expect((await login(newcomer, 'sai-nua')).status).toBe(401);
    expect((await login(newcomer, 'sai-nua')).status).toBe(429);
    // …and the owner on their own device is never kept out.
    expect((await login(aClientAddress(), owner.password ?? '')).status).toBe(200);
  });
});

describe('Behind a trusted proxy (TRUST_PROXY)', () => {
  let api: TestApi;
  const proxy = aClientAddress();

  beforeAll(async () => {
    api = await startTestApi({ TRUST_PROXY: proxy });
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts the client the proxy names, and ignores the header from anyone else', async () => {
    const viaProxy = (client: string) =>
      api.request({ method: 'POST', url: '/api/auth/login', body: { phone: 'x' }, from: proxy, headers: { 'x-forwarded-for': client } });
    const client = `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    for (let i = 0; i < 30; i++) expect((await viaProxy(client)).status).toBe(400);
    expect((await viaProxy(client)).status).toBe(429);
    // Another client behind the same proxy has its own bucket.
    expect((await viaProxy(`10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`)).status).toBe(400);
    // A direct client naming the limited address is counted as itself, not as that address.
    const direct = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: 'x' }, from: aClientAddress(), headers: { 'x-forwarded-for': client } });
    expect(direct.status).toBe(400);
  });
});
