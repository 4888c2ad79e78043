import { OneTimeCodeService, OTP_SENDER, type OtpMessage, type OtpSender } from '@nss/accounts-api';
import type { ApiError } from '@nss/contracts';
import { aPhone, anAccount, awaitOutboxCode, latestOutboxCode } from '../support/accounts.factory';
import { aClientAddress } from '../support/client-address';
import { startTestApi, TestApi } from '../support/test-api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wrongFor = (code: string) => (code === '999999' ? '000000' : String(Number(code) + 1).padStart(6, '0'));

/** Issue 5, part 4: one-time codes that strangers cannot use to guess, to spend our SMS budget or to find accounts. */
describe('One-time code limits (real database and Redis)', () => {
  let api: TestApi;
  let codes: OneTimeCodeService;
  const resetRequest = (phone: string, from = aClientAddress()) =>
    api.request({ method: 'POST', url: '/api/auth/password-reset/request', body: { phone }, from });

  beforeAll(async () => {
    api = await startTestApi({ OTP_SENDS_PER_CLIENT_PER_HOUR: '3' });
    codes = api.app.get(OneTimeCodeService);
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps one failure budget per phone across codes: a new code brings no new guesses', async () => {
    const phone = aPhone();
    for (let round = 0; round < 2; round++) {
      await codes.issue({ phone, purpose: 'handover', subjectId: 'seller-1' });
      const code = (await latestOutboxCode(api, phone, 'handover')) ?? '';
      for (let i = 0; i < 5; i++) {
        await expect(codes.consume({ phone, purpose: 'handover', code: wrongFor(code) })).rejects.toMatchObject({ status: 400 });
      }
    }
    // Ten wrong codes today: even the right code of a brand-new code is refused.
    await codes.issue({ phone, purpose: 'handover', subjectId: 'seller-1' });
    const fresh = (await latestOutboxCode(api, phone, 'handover')) ?? '';
    await expect(codes.consume({ phone, purpose: 'handover', code: fresh })).rejects.toMatchObject({
      status: 429,
      response: { code: 'TOO_MANY_ATTEMPTS' },
    });
  });

  it('spends the budget of unknown phones alike', async () => {
    const phone = aPhone();
    const answers = [];
    for (let i = 0; i < 11; i++) {
      const res = await api.request({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        body: { phone, code: '123456', newPassword: 'mat-khau-moi-1' },
        from: aClientAddress(),
      });
      answers.push(res.status);
    }
    expect(answers).toEqual([...Array(10).fill(400), 429]);
  });

  it('caps the codes one client may have sent, across phones (429 with Retry-After)', async () => {
    const from = aClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await resetRequest(aPhone(), from)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const limited = await resetRequest(aPhone(), from);
    expect((limited.body as ApiError).code).toBe('TOO_MANY_CODES');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a reset request for a known and an unknown phone alike, in the same time, and still sends the code', async () => {
    // A slow SMS provider: before the fix the answer waited for it only when the phone had an account.
    const sender = api.app.get<OtpSender>(OTP_SENDER);
    const send = sender.send.bind(sender);
    sender.send = async (message: OtpMessage) => {
      await sleep(600);
      return send(message);
    };
    try {
      const account = await anAccount().create(api);
      const timed = async (phone: string) => {
        const started = process.hrtime.bigint();
        const res = await resetRequest(phone);
        return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      };
      const known = await timed(account.user.phone);
      const unknown = await timed(aPhone());
      expect(known.res.status).toBe(202);
      expect(unknown.res.status).toBe(202);
      expect(known.res.body).toEqual(unknown.res.body);
      expect(known.ms).toBeLessThan(400);
      expect(await awaitOutboxCode(api, account.user.phone, 'password_reset')).toMatch(/^\d{6}$/);
    } finally {
      sender.send = send;
    }
  });
});

describe('Global cap on codes sent (OTP_SENDS_GLOBAL_PER_HOUR)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ OTP_SENDS_GLOBAL_PER_HOUR: '3' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('stops sending for everyone once the platform cap is reached, whatever the phone or client', async () => {
    // The counter is shared by every API replica (and by test files running alongside): it may be spent already.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.request({ method: 'POST', url: '/api/auth/password-reset/request', body: { phone: aPhone() }, from: aClientAddress() });
      statuses.push(res.status);
    }
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(0);
    expect(firstRefusal).toBeLessThanOrEqual(3);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
  });
});
