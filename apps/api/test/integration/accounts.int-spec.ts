import type { ApiError, AuthTokens, Me, RegisterResult } from '@nss/contracts';
import { UsersService } from '@nss/accounts-api';
import { startTestApi, TestApi } from '../support/test-api';
import { aPhone, anAccount, aVerificationCode, awaitOutboxCode, DEFAULT_TEST_PASSWORD, latestOutboxCode } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';

describe('Accounts (real database and Redis)', () => {
  let api: TestApi;
  /** Each test calls from its own client address so the per-client limit of /auth POSTs never bites another test. */
  let from: string;

  const post = <T = ApiError>(url: string, body: unknown, token?: string) =>
    api.request<T>({ method: 'POST', url, body, token, from });
  const me = (token: string) => api.request<Me>({ method: 'GET', url: '/api/auth/me', token });

  async function registered(password = 'mat-khau-an-toan') {
    const phone = aPhone();
    const code = await aVerificationCode(api, phone);
    const res = await post<RegisterResult>('/api/auth/register', { phone, code, password, fullName: 'Trần Thị Mua' });
    expect(res.status).toBe(201);
    return { phone, password, tokens: res.body };
  }

  beforeAll(async () => {
    api = await startTestApi();
  });
  beforeEach(() => {
    from = aClientAddress();
  });
  afterAll(async () => {
    await api.close();
  });

  it('registers a buyer, signs in and answers /auth/me', async () => {
    const phone = aPhone();
    const code = await aVerificationCode(api, phone);
    const reg = await post<RegisterResult>('/api/auth/register', { phone: `+84${phone.slice(1)}`, code, password: 'mat-khau-an-toan', fullName: 'Trần Thị Mua' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ expiresIn: 900, recovered: false, user: { phone, fullName: 'Trần Thị Mua', role: 'buyer' } });
    expect(reg.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const login = await post<AuthTokens>('/api/auth/login', { phone, password: 'mat-khau-an-toan' });
    expect(login.status).toBe(200);
    const res = await me(login.body.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: reg.body.user.id, phone, fullName: 'Trần Thị Mua', role: 'buyer' });
  });

  it('stores only an argon2id hash of the password', async () => {
    const { phone } = await registered();
    const doc = await api.connection.collection('users').findOne({ phone });
    expect(doc?.['passwordHash']).toMatch(/^\$argon2id\$/);
    expect(doc?.['status']).toBe('active');
  });

  it('rejects unknown fields and a short password with the field paths', async () => {
    const res = await post('/api/auth/register', { phone: aPhone(), code: '123456', password: 'short', fullName: 'A', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = res.body.issues?.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['role', 'password']));
  });

  it('never makes a second account for the same phone (unique index)', async () => {
    // A second registration of a taken phone recovers it (registration-oracle.int-spec.ts); the index itself, not a
    // prior lookup, is what rejects a second account: two writes racing for one phone, one wins.
    const other = aPhone();
    const users = api.app.get(UsersService);
    const results = await Promise.allSettled([
      users.createUser({ phone: other, fullName: 'A', role: 'buyer' }),
      users.createUser({ phone: other, fullName: 'B', role: 'buyer' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await api.connection.collection('users').countDocuments({ phone: other })).toBe(1);
  });

  it('answers an unknown phone and a wrong password alike', async () => {
    const { phone } = await registered();
    const wrong = await post('/api/auth/login', { phone, password: 'sai-mat-khau' });
    const unknown = await post('/api/auth/login', { phone: aPhone(), password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  // Sign-in throttling (no lockout) is proved in auth-throttling.int-spec.ts.

  it('rotates refresh tokens and revokes the family when an old one comes back', async () => {
    const { tokens } = await registered();
    const first = await post<AuthTokens>('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(tokens.refreshToken);
    expect((await me(first.body.accessToken)).status).toBe(200);

    const second = await post<AuthTokens>('/api/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const reuse = await post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The thief's copy and the owner's current token are both dead now.
    expect((await post('/api/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('keeps only hashes of refresh tokens', async () => {
    const { tokens } = await registered();
    const stored = await api.connection.collection('refresh_tokens').findOne({ userId: tokens.user.id });
    expect(stored?.['tokenHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(tokens.refreshToken);
  });

  it('logs out: the refresh token stops working', async () => {
    const { tokens } = await registered();
    const out = await post('/api/auth/logout', { refreshToken: tokens.refreshToken }, tokens.accessToken);
    expect(out.status).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    expect((await post('/api/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('refuses malformed, forged and missing access tokens with 401', async () => {
    expect((await me('not-a-jwt')).status).toBe(401);
    expect((await me('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA')).status).toBe(401);
    const none = await api.request<ApiError>({ method: 'GET', url: '/api/auth/me' });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
    expect((await post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) })).status).toBe(401);
  });

  it('resets a password with the code that reached the phone', async () => {
    const { phone, password, tokens } = await registered();
    expect((await post('/api/auth/password-reset/request', { phone })).status).toBe(202);
    const code = await awaitOutboxCode(api, phone, 'password_reset');
    expect(code).toMatch(/^\d{6}$/);


    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await post('/api/auth/password-reset/confirm', { phone, code: wrong, newPassword: 'mat-khau-moi-1' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CODE');
    const ok = await post('/api/auth/password-reset/confirm', { phone, code, newPassword: 'mat-khau-moi-1' });
    expect(ok.status).toBe(204);
    const again = await post('/api/auth/password-reset/confirm', { phone, code, newPassword: 'mat-khau-moi-2' });
    expect(again.status).toBe(400);

    expect((await post('/api/auth/login', { phone, password })).status).toBe(401);
    expect((await post('/api/auth/login', { phone, password: 'mat-khau-moi-1' })).status).toBe(200);
    // Every earlier session ended with the reset.
    expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('answers a reset request for an unknown phone the same way, sending nothing', async () => {
    const phone = aPhone();
    expect((await post('/api/auth/password-reset/request', { phone })).status).toBe(202);
    expect(await latestOutboxCode(api, phone, 'password_reset')).toBeNull();
  });

  it('limits /auth POSTs per client address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post('/api/auth/login', { phone: 'x' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await post('/api/auth/login', { phone: 'x' });
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    from = aClientAddress();
    expect((await post('/api/auth/login', { phone: 'x' })).status).toBe(400);
  });

  it('gives the factory’s accounts working tokens for any role', async () => {
    const staff = await anAccount().withRole('province_staff').inProvince('04').create(api);
    expect(staff.actor).toMatchObject({ role: 'province_staff', provinceCode: '04' });
    expect((await me(staff.accessToken)).body).toMatchObject({ role: 'province_staff', provinceCode: '04' });

    const agent = await anAccount().withRole('agent').create(api);
    expect(agent.user.provinceCode).toBe('19');
    const login = await post('/api/auth/login', { phone: agent.user.phone, password: DEFAULT_TEST_PASSWORD });
    expect(login.status).toBe(200);

    const household = await anAccount().withRole('seller').withoutPassword().create(api);
    expect(household.user.hasPassword).toBe(false);
    const refused = await post('/api/auth/login', { phone: household.user.phone, password: DEFAULT_TEST_PASSWORD });
    expect(refused.status).toBe(401);
  });
});
