import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { ApiError, AuthTokens, TotpChallenge, TotpEnrolment, TotpStatus } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';
import { startTestApi, TestApi } from '../support/test-api';

/** A code of the current 30-second step, or of a later one (`stepsAhead`), as the authenticator app would show. */
const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

function requests(api: () => TestApi) {
  const post = (url: string, body: unknown, token?: string) => api().request({ method: 'POST', url, body, token, from: aClientAddress() });
  const login = (account: CreatedAccount) => post('/api/auth/login', { phone: account.user.phone, password: account.password });
  return { post, login };
}

/** Enrols TOTP for an account through the API; returns the secret and the tokens of the new session. */
async function enrolled(api: TestApi, account: CreatedAccount): Promise<{ secret: string; tokens: AuthTokens; usedCode: string }> {
  const { post } = requests(() => api);
  const enrol = await post('/api/auth/totp/enrol', {}, account.accessToken);
  expect(enrol.status).toBe(201);
  const { secret, otpauthUrl } = enrol.body as TotpEnrolment;
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  expect(otpauthUrl).toContain(`secret=${secret}`);
  const usedCode = await codeOf(secret);
  const confirm = await post('/api/auth/totp/confirm', { code: usedCode }, account.accessToken);
  expect(confirm.status).toBe(200);
  return { secret, tokens: confirm.body as AuthTokens, usedCode };
}

describe('TOTP for staff and admins (real database and Redis)', () => {
  let api: TestApi;
  const { post, login } = requests(() => api);

  beforeAll(async () => {
    api = await startTestApi({ TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  });
  afterAll(async () => {
    await api.close();
  });

  it('enrols with a confirmed code, keeps the secret encrypted, then asks for a code at sign-in', async () => {
    const staff = await anAccount().withRole('province_staff').create(api);
    const { secret, tokens, usedCode } = await enrolled(api, staff);
    const stored = await api.connection.collection('users').findOne({ phone: staff.user.phone });
    expect(stored?.['totpSecret']).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain(secret);
    // Enrolling ended the password-only sessions; the new one works.
    expect((await api.request({ method: 'GET', url: '/api/auth/me', token: staff.accessToken })).status).toBe(401);
    expect((await api.request({ method: 'GET', url: '/api/auth/totp', token: tokens.accessToken })).body).toEqual({
      enabled: true,
      required: false,
    } satisfies TotpStatus);

    const first = await login(staff);
    expect(first.status).toBe(200);
    const challenge = first.body as TotpChallenge;
    expect(challenge).toMatchObject({ totpRequired: true, expiresIn: 300 });
    expect(first.body).not.toHaveProperty('accessToken');

    const wrongCode = usedCode === '000000' ? '111111' : '000000';
    const wrong = await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: wrongCode });
    expect(wrong.status).toBe(400);
    expect((wrong.body as ApiError).code).toBe('INVALID_TOTP_CODE');
    // The code used to confirm the enrolment cannot be replayed.
    const replay = await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: usedCode });
    expect(replay.status).toBe(400);
    const ok = await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: await codeOf(secret, 1) });
    expect(ok.status).toBe(200);
    const signedIn = ok.body as AuthTokens;
    expect((await api.request({ method: 'GET', url: '/api/auth/me', token: signedIn.accessToken })).status).toBe(200);
    // A challenge is used once.
    const again = await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: await codeOf(secret, -1) });
    expect(again.status).toBe(401);
  });

  it('lets a challenge take 5 codes at most, then the password must be typed again', async () => {
    const admin = await anAccount().withRole('admin').create(api);
    const { secret } = await enrolled(api, admin);
    const challenge = (await login(admin)).body as TotpChallenge;
    const right = await codeOf(secret, 1);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: wrong })).status).toBe(400);
    }
    const late = await post('/api/auth/login/totp', { challengeToken: challenge.challengeToken, code: right });
    expect(late.status).toBe(401);
    expect((late.body as ApiError).code).toBe('TOTP_CHALLENGE_EXPIRED');
  });

  it('keeps enrolment to staff and admins', async () => {
    const buyer = await anAccount().create(api);
    expect((await post('/api/auth/totp/enrol', {}, buyer.accessToken)).status).toBe(403);
    const seller = await anAccount().withRole('seller').inProvince('19').create(api);
    expect((await post('/api/auth/totp/enrol', {}, seller.accessToken)).status).toBe(403);
  });

  it('disables TOTP only with a current code, and signs out everywhere', async () => {
    const staff = await anAccount().withRole('province_staff').create(api);
    const { secret, tokens } = await enrolled(api, staff);
    expect((await post('/api/auth/totp/disable', { code: '12345' }, tokens.accessToken)).status).toBe(400);
    expect((await post('/api/auth/totp/disable', { code: await codeOf(secret, 1) }, tokens.accessToken)).status).toBe(204);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', token: tokens.accessToken })).status).toBe(401);
    expect(((await login(staff)).body as AuthTokens).accessToken).toEqual(expect.any(String));
  });
});

describe('TOTP required for staff (TOTP_REQUIRED_FOR_STAFF=true)', () => {
  let api: TestApi;
  const { post } = requests(() => api);

  beforeAll(async () => {
    api = await startTestApi({ TOTP_ENCRYPTION_KEY: randomBytes(32).toString('hex'), TOTP_REQUIRED_FOR_STAFF: 'true' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets staff without TOTP reach only the enrolment, then everything once enrolled', async () => {
    const staff = await anAccount().withRole('province_staff').create(api);
    const sellers = (token: string) => api.request({ method: 'GET', url: '/api/sellers', token });
    const blocked = await sellers(staff.accessToken);
    expect(blocked.status).toBe(403);
    expect((blocked.body as ApiError).code).toBe('TOTP_ENROLMENT_REQUIRED');
    expect((await api.request({ method: 'GET', url: '/api/auth/totp', token: staff.accessToken })).body).toMatchObject({
      enabled: false,
      required: true,
    });
    const { secret, tokens } = await enrolled(api, staff);
    expect((await sellers(tokens.accessToken)).status).toBe(200);
    // Required: it cannot be switched off.
    expect((await post('/api/auth/totp/disable', { code: await codeOf(secret, 1) }, tokens.accessToken)).status).toBe(409);
  });

  it('leaves other roles alone', async () => {
    const agent = await anAccount().withRole('agent').create(api);
    expect((await api.request({ method: 'GET', url: '/api/sellers', token: agent.accessToken })).status).toBe(200);
  });
});
