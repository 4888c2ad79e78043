import type { ApiError, AuthTokens, RegisterResult, SelfRegisterResult } from '@nss/contracts';
import { aPhone, anAccount, latestOutboxCode, type CreatedAccount } from '../support/accounts.factory';
import { aSeller, sellerBody } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';
import { aClientAddress, requestFrom } from '../support/client-address';

/**
 * Registration is no oracle (issue 5, part 4): a stranger cannot learn from a public registration whether a phone has
 * an account; the phone's proven holder recovers it. Raw answers are compared byte for byte.
 */
describe('Public registration: a taken phone answers as a free one (real database and Redis)', () => {
  let api: TestApi;

  /** Status, body and headers of a public POST over a real connection from a client address of its own. */
  async function raw(url: string, body: unknown) {
    const res = await requestFrom(api.app, aClientAddress(), {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    const { date: _date, ...headers } = res.headers;
    return { status: res.status, payload: JSON.stringify(res.body), headers };
  }

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers step one identically for a buyer’s phone and a free one, and sends each a code', async () => {
    const taken = await anAccount().create(api);
    const free = aPhone();
    const [forTaken, forFree] = [await raw('/api/auth/phone-verification', { phone: taken.user.phone }), await raw('/api/auth/phone-verification', { phone: free })];
    expect(forTaken.status).toBe(202);
    expect(forFree).toEqual(forTaken);
    expect(await latestOutboxCode(api, taken.user.phone, 'phone_verification')).toMatch(/^\d{6}$/);
    expect(await latestOutboxCode(api, free, 'phone_verification')).toMatch(/^\d{6}$/);
  });

  it('answers step two without the right code identically (buyer and seller forms)', async () => {
    const taken = await aSeller().create(api);
    const free = aPhone();
    for (const phone of [taken.phone, free]) await raw('/api/auth/phone-verification', { phone });
    const buyer = (phone: string) => raw('/api/auth/register', { phone, code: '000000', password: 'mat-khau-moi-123', fullName: 'Người Lạ' });
    const [buyerTaken, buyerFree] = [await buyer(taken.phone), await buyer(free)];
    expect(buyerTaken.status).toBe(400);
    expect((JSON.parse(buyerTaken.payload) as ApiError).code).toBe('INVALID_CODE');
    expect(buyerFree).toEqual(buyerTaken);

    const seller = (phone: string) =>
      raw('/api/sellers/self-register', { ...sellerBody({ phone, citizenId: taken.citizenId }), code: '000000', password: 'mat-khau-moi-123' });
    const [sellerTaken, sellerFree] = [await seller(taken.phone), await seller(free)];
    expect(sellerTaken.status).toBe(400);
    expect(sellerFree).toEqual(sellerTaken);
  });

  it('creates a buyer for a free phone and lets the proven holder of a taken one recover it', async () => {
    const free = aPhone();
    await raw('/api/auth/phone-verification', { phone: free });
    const created = await raw('/api/auth/register', {
      phone: free, code: await latestOutboxCode(api, free, 'phone_verification'), password: 'mat-khau-moi-123', fullName: 'Người Mới',
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.payload) as RegisterResult).toMatchObject({ recovered: false, user: { phone: free, role: 'buyer' } });

    const owner = await anAccount().withName('Chủ Cũ').create(api);
    const login = await raw('/api/auth/login', { phone: owner.user.phone, password: owner.password });
    const oldSession = JSON.parse(login.payload) as AuthTokens;
    await raw('/api/auth/phone-verification', { phone: owner.user.phone });
    const code = await latestOutboxCode(api, owner.user.phone, 'phone_verification');
    const recovered = await raw('/api/auth/register', { phone: owner.user.phone, code, password: 'mat-khau-moi-456', fullName: 'Kẻ Khác' });
    expect(recovered.status).toBe(201);
    const result = JSON.parse(recovered.payload) as RegisterResult;
    // The same account, its name untouched; signed in with the new password; the old password and sessions are gone.
    expect(result).toMatchObject({ recovered: true, user: { id: owner.user.id, fullName: 'Chủ Cũ', role: 'buyer' } });
    expect((await raw('/api/auth/login', { phone: owner.user.phone, password: owner.password })).status).toBe(401);
    expect((await raw('/api/auth/login', { phone: owner.user.phone, password: 'mat-khau-moi-456' })).status).toBe(200);
    expect((await raw('/api/auth/refresh', { refreshToken: oldSession.refreshToken })).status).toBe(401);
    expect(await api.connection.collection('users').countDocuments({ phone: owner.user.phone })).toBe(1);
  });

  it('recovers a self-registered seller through the seller form without creating a second seller', async () => {
    const existing = await aSeller().create(api);
    await raw('/api/auth/phone-verification', { phone: existing.phone });
    const code = await latestOutboxCode(api, existing.phone, 'phone_verification');
    const res = await raw('/api/sellers/self-register', { ...sellerBody({ phone: existing.phone }), code, password: 'mat-khau-moi-789' });
    expect(res.status).toBe(201);
    const result = JSON.parse(res.payload) as SelfRegisterResult;
    expect(result.recovered).toBe(true);
    expect(result.seller?.id).toBe(existing.seller.id);
    expect(result.tokens.user).toMatchObject({ role: 'seller', sellerId: existing.seller.id });
    expect(await api.connection.collection('sellers').countDocuments({ phone: existing.phone })).toBe(1);
  });

  it('does not hand an agent-managed account to whoever proves its phone: the handover governs it', async () => {
    const managed = await aSeller().byAgent().create(api);
    await raw('/api/auth/phone-verification', { phone: managed.phone });
    const code = await latestOutboxCode(api, managed.phone, 'phone_verification');
    const res = await raw('/api/auth/register', { phone: managed.phone, code, password: 'mat-khau-chiem-1', fullName: 'Kẻ Chiếm' });
    expect(res.status).toBe(409);
    expect((JSON.parse(res.payload) as ApiError).code).toBe('HANDOVER_REQUIRED');
    expect((await raw('/api/auth/login', { phone: managed.phone, password: 'mat-khau-chiem-1' })).status).toBe(401);
    const user = await api.connection.collection('users').findOne({ phone: managed.phone });
    expect(user?.['passwordHash']).toBeNull();
    // The agent still manages it.
    const detail = await api.request({ method: 'GET', url: `/api/sellers/${managed.seller.id}`, token: (managed.agent as CreatedAccount).accessToken });
    expect(detail.status).toBe(200);
  });

  it('does not sign a staff account in through a registration form', async () => {
    const staff = await anAccount().withRole('province_staff').create(api);
    await raw('/api/auth/phone-verification', { phone: staff.user.phone });
    const code = await latestOutboxCode(api, staff.user.phone, 'phone_verification');
    const res = await raw('/api/auth/register', { phone: staff.user.phone, code, password: 'mat-khau-chiem-2', fullName: 'Kẻ Chiếm' });
    expect(res.status).toBe(409);
    expect((await raw('/api/auth/login', { phone: staff.user.phone, password: staff.password })).status).toBe(200);
  });

  it('spends the code: a second step two with the same code is refused', async () => {
    const phone = aPhone();
    await raw('/api/auth/phone-verification', { phone });
    const code = await latestOutboxCode(api, phone, 'phone_verification');
    const body = { phone, code, password: 'mat-khau-moi-123', fullName: 'Người Mới' };
    expect((await raw('/api/auth/register', body)).status).toBe(201);
    expect((await raw('/api/auth/register', { ...body, password: 'mat-khau-khac-9' })).status).toBe(400);
  });
});
