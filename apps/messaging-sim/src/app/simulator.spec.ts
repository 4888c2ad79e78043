import { buildSimulator } from './simulator';
import { simOptionsFromEnv } from './sim-options';

describe('messaging simulator (protocol over HTTP, in memory)', () => {
  const options = simOptionsFromEnv({});
  let sim: ReturnType<typeof buildSimulator>;
  beforeEach(() => {
    sim = buildSimulator({ ...options, znsWebhookUrl: null });
  });
  afterEach(() => sim.app.close());

  const token = async (refreshToken = options.zaloRefreshToken) => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/v4/oa/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.zaloAppSecret },
      payload: new URLSearchParams({ refresh_token: refreshToken, app_id: options.zaloAppId, grant_type: 'refresh_token' }).toString(),
    });
    return res.json() as { access_token?: string; refresh_token?: string; error?: number };
  };
  const zns = (accessToken: string | undefined, phone = '84912345678') =>
    sim.app.inject({
      method: 'POST',
      url: '/message/template',
      headers: { 'content-type': 'application/json', ...(accessToken ? { access_token: accessToken } : {}) },
      payload: { phone, template_id: '100001', template_data: { otp: '123456' }, tracking_id: 'abc' },
    });

  it('rotates the refresh token: each one works once', async () => {
    const first = await token();
    expect(first.access_token).toBeTruthy();
    expect((await token()).error).toBe(-14014);
    expect((await token(first.refresh_token)).access_token).toBeTruthy();
  });

  it('answers ZNS with HTTP 200 and error -124 without a valid token, 0 and a msg_id with one', async () => {
    const refused = await zns('nope');
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ error: -124 });
    const ok = (await zns((await token()).access_token)).json() as { error: number; data: { msg_id: string } };
    expect(ok.error).toBe(0);
    expect(ok.data.msg_id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('obeys a per-phone "not on Zalo" control and leaves other phones alone', async () => {
    await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { phone: '0912345678', channel: 'zns', action: 'not_on_zalo' } });
    const access = (await token()).access_token;
    expect((await zns(access)).json()).toMatchObject({ error: -118 });
    expect((await zns(access, '84987654321')).json()).toMatchObject({ error: 0 });
  });

  it('eSMS: refuses wrong keys (101), accepts (100), refuses a repeated RequestId (124), lists what it got', async () => {
    const send = (over: Record<string, string> = {}) =>
      sim.app.inject({
        method: 'POST',
        url: '/MainService.svc/json/SendMultipleMessage_V4_post_json/',
        payload: { ApiKey: options.esmsApiKey, SecretKey: options.esmsSecretKey, Phone: '0912345678', Content: 'Ma 654321', Brandname: 'X', SmsType: '2', RequestId: 'r1', ...over },
      });
    expect((await send({ SecretKey: 'bad' })).json()).toMatchObject({ CodeResult: '101' });
    expect((await send()).json()).toMatchObject({ CodeResult: '100' });
    expect((await send()).json()).toMatchObject({ CodeResult: '124' });
    const list = (await sim.app.inject({ method: 'GET', url: '/sim/messages?phone=0912345678' })).json() as Array<{ text: string; result: string }>;
    expect(list.map((m) => m.result)).toEqual(['124', 'accepted', '101']);
    const page = await sim.app.inject({ method: 'GET', url: '/?phone=0912345678' });
    expect(page.body).toContain('data-testid="sim-message-code">654321<');
  });
});
