import { JwtService } from '@nestjs/jwt';
import { UsersService } from '@nss/accounts-api';
import type { ApiError, AuthTokens, Me } from '@nss/contracts';
import { AccessTokenService } from '@nss/server-core';
import { anAccount, awaitOutboxCode, type CreatedAccount, latestOutboxCode } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 5, part 4: access tokens stop working when their session or all sessions end; tokens name issuer and audience. */
describe('Access tokens that can be revoked (real database and Redis)', () => {
  let api: TestApi;
  const post = (url: string, body: unknown, token?: string) => api.request({ method: 'POST', url, body, token, from: aClientAddress() });
  const me = (token: string) => api.request({ method: 'GET', url: '/api/auth/me', token });

  async function signedIn(account: CreatedAccount): Promise<AuthTokens> {
    const res = await post('/api/auth/login', { phone: account.user.phone, password: account.password });
    expect(res.status).toBe(200);
    return res.body as AuthTokens;
  }

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('ends the access token of the session that logs out, not those of other sessions', async () => {
    const account = await anAccount().create(api);
    const phone = await signedIn(account);
    const laptop = await signedIn(account);
    expect((await me(phone.accessToken)).status).toBe(200);
    expect((await post('/api/auth/logout', { refreshToken: phone.refreshToken }, phone.accessToken)).status).toBe(204);
    const after = await me(phone.accessToken);
    expect(after.status).toBe(401);
    expect((after.body as ApiError).code).toBe('UNAUTHORIZED');
    expect((await me(laptop.accessToken)).status).toBe(200);
  });

  it('ends every access token at "sign out everywhere"', async () => {
    const account = await anAccount().create(api);
    const a = await signedIn(account);
    const b = await signedIn(account);
    expect((await post('/api/auth/logout-all', {}, a.accessToken)).status).toBe(204);
    expect((await me(a.accessToken)).status).toBe(401);
    expect((await me(b.accessToken)).status).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
    // Signing in again works.
    expect((await me((await signedIn(account)).accessToken)).status).toBe(200);
  });

  it('ends every access token at a password reset', async () => {
    const account = await anAccount().create(api);
    const before = await signedIn(account);
    expect((await post('/api/auth/password-reset/request', { phone: account.user.phone })).status).toBe(202);
    const code = await awaitOutboxCode(api, account.user.phone, 'password_reset');
    const reset = await post('/api/auth/password-reset/confirm', { phone: account.user.phone, code, newPassword: 'mat-khau-moi-2026' });
    expect(reset.status).toBe(204);
    expect((await me(before.accessToken)).status).toBe(401);
  });

  it('ends the access tokens of a household account at its handover', async () => {
    const agent = await anAccount().withRole('agent').inProvince('19').create(api);
    const { seller, phone } = await aSeller().byAgent(agent).create(api);
    const user = await api.app.get(UsersService).findByPhone(phone);
    if (!user) throw new Error('the household has no account');
    const earlier = api.app.get(AccessTokenService).sign({ userId: user.id, role: 'seller', provinceCode: '19', sellerId: seller.id }).token;
    expect((await me(earlier)).status).toBe(200);
    expect((await api.request({ method: 'POST', url: `/api/sellers/${seller.id}/handover`, token: agent.accessToken })).status).toBe(202);
    const code = await latestOutboxCode(api, phone, 'handover');
    const claim = await post('/api/sellers/handover/claim', { phone, code, newPassword: 'mat-khau-moi-123' });
    expect(claim.status).toBe(200);
    expect((await me(earlier)).status).toBe(401);
    expect((await me((claim.body as AuthTokens).accessToken)).status).toBe(200);
  });

  it('refuses a token signed with the right secret but without our issuer and audience', async () => {
    const account = await anAccount().create(api);
    const jwt = api.app.get(JwtService);
    const claims = { sub: account.user.id, role: 'buyer', ver: 0 };
    const bare = jwt.sign(claims, { secret: api.config.JWT_ACCESS_SECRET, expiresIn: 300, algorithm: 'HS256' });
    const otherAudience = jwt.sign(claims, {
      secret: api.config.JWT_ACCESS_SECRET,
      expiresIn: 300,
      algorithm: 'HS256',
      issuer: api.config.JWT_ISSUER,
      audience: 'another-app',
    });
    expect((await me(bare)).status).toBe(401);
    expect((await me(otherAudience)).status).toBe(401);
    const own = (await signedIn(account)).accessToken;
    const payload = JSON.parse(Buffer.from(own.split('.')[1] ?? '', 'base64url').toString()) as { iss?: string; aud?: string };
    expect(payload).toMatchObject({ iss: api.config.JWT_ISSUER, aud: api.config.JWT_AUDIENCE });
    expect(((await me(own)).body as Me).id).toBe(account.user.id);
  });

  it('never lets a refresh racing "sign out everywhere" outlive it', async () => {
    for (let round = 0; round < 6; round++) {
      const account = await anAccount().create(api);
      const session = await signedIn(account);
      // What /auth/logout-all, a password reset and a handover call.
      const [refreshed] = await Promise.all([
        post('/api/auth/refresh', { refreshToken: session.refreshToken }),
        api.app.get(UsersService).revokeAllSessions(account.user.id),
      ]);
      if (refreshed.status === 200) {
        const tokens = refreshed.body as AuthTokens;
        expect((await me(tokens.accessToken)).status).toBe(401);
        expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
      } else {
        expect(refreshed.status).toBe(401);
      }
      expect((await me(session.accessToken)).status).toBe(401);
    }
  });
});

describe('A sign-in has an absolute lifetime (REFRESH_FAMILY_MAX_AGE_SECONDS)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ REFRESH_FAMILY_MAX_AGE_SECONDS: '3' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('stops refreshing once the sign-in is older than the limit, however often it was refreshed', async () => {
    const account = await anAccount().create(api);
    const post = (url: string, body: unknown) => api.request({ method: 'POST', url, body, from: aClientAddress() });
    const login = await post('/api/auth/login', { phone: account.user.phone, password: account.password });
    let refreshToken = (login.body as AuthTokens).refreshToken;
    const refreshed = await post('/api/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    refreshToken = (refreshed.body as AuthTokens).refreshToken;
    await sleep(3200);
    const tooOld = await post('/api/auth/refresh', { refreshToken });
    expect(tooOld.status).toBe(401);
    expect((tooOld.body as ApiError).code).toBe('SESSION_TOO_OLD');
  });
});
