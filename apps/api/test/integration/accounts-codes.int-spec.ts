import type { AuthTokens } from '@nss/contracts';
import { OneTimeCodeService, SessionService, UsersService } from '@nss/accounts-api';
import { startTestApi, TestApi } from '../support/test-api';
import { aPhone, anAccount, latestOutboxCode } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';

/** One-time codes, account services used by other features, and races on the real FerretDB/MongoDB. */
describe('Accounts: one-time codes and services (real database and Redis)', () => {
  let api: TestApi;
  let codes: OneTimeCodeService;
  let users: UsersService;

  const post = <T = unknown>(url: string, body: unknown) =>
    api.request<T>({ method: 'POST', url, body, from: aClientAddress() });
  const codeRecords = (phone: string) => api.connection.collection('one_time_codes').find({ phone }).toArray();

  async function issued(purpose: 'handover' | 'password_reset' = 'handover', subjectId = 'subject-1') {
    const phone = aPhone();
    await codes.issue({ phone, purpose, subjectId });
    const code = await latestOutboxCode(api, phone, purpose);
    if (!code) throw new Error('no code in the outbox');
    return { phone, code, purpose };
  }
  const wrongFor = (code: string) => (code === '999999' ? '000000' : String(Number(code) + 1).padStart(6, '0'));

  beforeAll(async () => {
    api = await startTestApi();
    codes = api.app.get(OneTimeCodeService);
    users = api.app.get(UsersService);
  });
  afterAll(async () => {
    await api.close();
  });

  it('issues a 6-digit code, stores only its hash, and consumes it once for its subject', async () => {
    const { phone, code } = await issued('handover', 'seller-42');
    const [record] = await codeRecords(phone);
    expect(JSON.stringify(record)).not.toContain(code);
    expect(await codes.consume({ phone, purpose: 'handover', code })).toBe('seller-42');
    await expect(codes.consume({ phone, purpose: 'handover', code })).rejects.toMatchObject({ status: 400 });
  });

  it('keeps purposes apart', async () => {
    const { phone, code } = await issued('handover');
    await expect(codes.consume({ phone, purpose: 'password_reset', code })).rejects.toMatchObject({
      response: { code: 'INVALID_CODE' },
    });
    expect(await codes.consume({ phone, purpose: 'handover', code })).toBe('subject-1');
  });

  it('allows 5 attempts in all: after 5 wrong guesses the right code is refused', async () => {
    const { phone, code } = await issued();
    for (let i = 0; i < 5; i++) {
      await expect(codes.consume({ phone, purpose: 'handover', code: wrongFor(code) })).rejects.toMatchObject({ status: 400 });
    }
    await expect(codes.consume({ phone, purpose: 'handover', code })).rejects.toMatchObject({ status: 400 });
  });

  it('accepts the right code on the fifth attempt', async () => {
    const { phone, code } = await issued();
    for (let i = 0; i < 4; i++) await codes.consume({ phone, purpose: 'handover', code: wrongFor(code) }).catch(() => null);
    expect(await codes.consume({ phone, purpose: 'handover', code })).toBe('subject-1');
  });

  // FerretDB 1.24 (SQLite) does not apply guarded updates atomically, so these races are decided in Redis.
  it('never allows more than 5 attempts, even on parallel guesses', async () => {
    const { phone, code } = await issued();
    const guesses = Array.from({ length: 12 }, () => codes.consume({ phone, purpose: 'handover', code: wrongFor(code) }));
    await Promise.allSettled(guesses);
    // Refused either way: the code's 5 attempts are spent (400), and so are the phone's 10 wrong codes of the day (429).
    const refused = (await codes.consume({ phone, purpose: 'handover', code }).catch((error: unknown) => error)) as { status?: number };
    expect([400, 429]).toContain(refused.status);
    const [record] = await codeRecords(phone);
    expect(record?.['attempts']).toBeLessThanOrEqual(5);
    expect(record?.['consumedAt']).toBeNull();
  });

  it('lets only one of many parallel consumers of a code succeed', async () => {
    const { phone, code } = await issued();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => codes.consume({ phone, purpose: 'handover', code })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('replaces older codes when a new one is issued', async () => {
    const { phone, code: first } = await issued();
    await codes.issue({ phone, purpose: 'handover', subjectId: 'subject-2' });
    const second = await latestOutboxCode(api, phone, 'handover');
    if (first !== second) {
      await expect(codes.consume({ phone, purpose: 'handover', code: first })).rejects.toMatchObject({ status: 400 });
    }
    expect(await codes.consume({ phone, purpose: 'handover', code: second ?? '' })).toBe('subject-2');
  });

  it('expires codes after 10 minutes', async () => {
    const { phone, code } = await issued();
    const later = new Date(Date.now() + 10 * 60_000 + 1000);
    await expect(codes.consume({ phone, purpose: 'handover', code }, later)).rejects.toMatchObject({ status: 400 });
    expect(await codes.consume({ phone, purpose: 'handover', code })).toBe('subject-1');
  });

  it('refuses a sixth code for one phone within an hour (429 with Retry-After), known phone or not', async () => {
    const phone = aPhone();
    for (let i = 0; i < 5; i++) await codes.issue({ phone, purpose: 'handover', subjectId: 's' });
    await expect(codes.issue({ phone, purpose: 'handover', subjectId: 's' })).rejects.toMatchObject({ status: 429 });

    const user = await anAccount().create(api);
    const unknown = aPhone();
    const known: number[] = [];
    const stranger: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await post('/api/auth/password-reset/request', { phone: user.user.phone })).status);
      stranger.push((await post('/api/auth/password-reset/request', { phone: unknown })).status);
    }
    expect(known).toEqual([202, 202, 202, 202, 202, 429]);
    expect(stranger).toEqual(known);
  });

  it('hands an account over: no password until set, then sign-in works', async () => {
    const household = await anAccount().withRole('seller').inProvince('19').withoutPassword().create(api);
    const phone = household.user.phone;
    expect((await post('/api/auth/login', { phone, password: 'mat-khau-moi-123' })).status).toBe(401);
    await users.setPassword(household.user.id, 'mat-khau-moi-123');
    expect((await post('/api/auth/login', { phone, password: 'mat-khau-moi-123' })).status).toBe(200);
    await expect(users.setPassword(household.user.id, 'short')).rejects.toMatchObject({ status: 400 });
  });

  it('attaches a seller to a seller user; the next refresh carries it', async () => {
    const seller = await anAccount().withRole('seller').inProvince('19').create(api);
    const login = await post<AuthTokens>('/api/auth/login', { phone: seller.user.phone, password: seller.password });
    const sellerId = '65a1b2c3d4e5f6a7b8c9d0e1';
    expect((await users.attachSeller(seller.user.id, sellerId)).sellerId).toBe(sellerId);
    const refreshed = await post<AuthTokens>('/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.body.user).toMatchObject({ sellerId, provinceCode: '19', role: 'seller' });
    const buyer = await anAccount().create(api);
    await expect(users.attachSeller(buyer.user.id, sellerId)).rejects.toMatchObject({ status: 400 });
    await expect(users.attachSeller('not-an-id', sellerId)).rejects.toMatchObject({ status: 404 });
  });

  it('validates createUser input from other features', async () => {
    await expect(users.createUser({ phone: '12345', fullName: 'A', role: 'buyer' })).rejects.toMatchObject({ status: 400 });
    await expect(users.createUser({ phone: aPhone(), fullName: 'A', role: 'agent' })).rejects.toMatchObject({ status: 400 });
    await expect(users.createUser({ phone: aPhone(), fullName: 'A', role: 'buyer', provinceCode: '19' })).rejects.toMatchObject({
      status: 400,
    });
    const staff = await users.createUser({ phone: aPhone(), fullName: 'Cán Bộ', role: 'province_staff', provinceCode: '04' });
    const stored = await api.connection.collection('users').findOne({ phone: staff.phone });
    expect(stored).toMatchObject({ provinceCode: '04', provinceEra: '2025', passwordHash: null });
    expect(await users.findByPhone(`+84 ${staff.phone.slice(1)}`)).toMatchObject({ id: staff.id });
    expect(await users.findById('nonsense')).toBeNull();
  });

  it('revokes every session of a user, and two racing refreshes of one token give one session', async () => {
    const account = await anAccount().create(api);
    const sessions = api.app.get(SessionService);
    const a = await sessions.startForUser(account.user.id);
    const b = await sessions.startForUser(account.user.id);
    const race = await Promise.all([a, a, a, a, a].map((t) => post('/api/auth/refresh', { refreshToken: t.refreshToken })));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 401)).toHaveLength(4);
    await users.revokeAllSessions(account.user.id);
    expect((await post('/api/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
    const purged = await sessions.purgeExpired(new Date(Date.now() + 400 * 86_400_000));
    expect(purged).toBeGreaterThanOrEqual(3);
  });
});
