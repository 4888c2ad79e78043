import type { Me } from '@nss/contracts';
import type { AppConfig } from '@nss/server-core';
import { runSeed } from '../../src/seed/run-seed';
import { anAccount, type CreatedAccount, DEFAULT_TEST_PASSWORD } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { PRODUCTION_DEFAULTS } from '../support/production-env';
import { startTestApi, TestApi } from '../support/test-api';


interface HealthBody {
  status: string;
  info?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

describe('production is safe by default (real database and Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', ...PRODUCTION_DEFAULTS });
  });
  afterAll(async () => {
    await api.close();
  });

  it('does not publish the OpenAPI UI or document', async () => {
    for (const url of ['/api/docs', '/api/docs-json', '/api/docs/swagger-ui-init.js']) {
      expect((await api.request({ method: 'GET', url })).status).toBe(404);
    }
  });

  it('tells anonymous callers only whether the API is up; an admin gets the details', async () => {
    const anonymous = await api.request({ method: 'GET', url: '/api/health' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body as HealthBody).toEqual({ status: 'ok' });

    const buyer = await anAccount().create(api);
    expect((await api.request({ method: 'GET', url: '/api/health', token: buyer.accessToken })).body as HealthBody).toEqual({ status: 'ok' });

    const admin = await anAccount().withRole('admin').create(api);
    const detailed = (await api.request({ method: 'GET', url: '/api/health', token: admin.accessToken })).body as HealthBody;
    expect(detailed.info?.['database']).toMatchObject({ status: 'up' });
  });

  it('sends security headers on every answer', async () => {
    for (const url of ['/api/health', '/api/categories', '/api/does-not-exist']) {
      const res = await api.request({ method: 'GET', url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      // Served over plain HTTP here: HSTS only when HSTS_ENABLED says the API is reached over HTTPS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('marks answers with personal data no-store, and leaves public pages and immutable media cacheable', async () => {
    const buyer = await anAccount().create(api);
    const me = await api.request({ method: 'GET', url: '/api/auth/me', token: buyer.accessToken });
    expect((me.body as Me).id).toBe(String(buyer.user.id));
    expect(me.headers['cache-control']).toBe('no-store');

    const login = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: buyer.user.phone, password: DEFAULT_TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const failed = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: buyer.user.phone, password: 'sai-mat-khau-roi' } });
    expect(failed.headers['cache-control']).toBe('no-store');

    // A listed product with an approved photo: its public page and media stay cacheable.
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    // Registered by an agent: a self-registration needs a code through the providers, which are real ones here.
    const { seller, agent } = await aSeller().byAgent().verified().create(api);
    const agentToken = (agent as CreatedAccount).accessToken;
    const product = await aProduct().with({ sellerId: seller.id }).approved(staff).create(api, agentToken);
    const uploaded = await api.request({ method: 'POST', url: `/api/products/${product.id}/photos`, token: agentToken, ...multipartFile(await aPng(64, 48)) });
    expect(uploaded.status).toBe(201);
    expect(uploaded.headers['cache-control']).toBe('no-store');
    await api.request({ method: 'POST', url: `/api/moderation/products/${product.id}`, token: staff.accessToken, body: { decision: 'approve' } });
    const page = await api.request({ method: 'GET', url: `/api/products/${product.id}` });
    expect(page.status).toBe(200);
    // Public, revalidated with its ETag (issue 9): never no-store, never private.
    expect(page.headers['cache-control']).toBe('public, no-cache');
    const photoUrl = (page.body as { photos: Array<{ url: string }> }).photos[0]?.url as string;
    const media = await api.app.inject({ method: 'GET', url: photoUrl });
    expect(media.statusCode).toBe(200);
    expect(media.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('refuses the demo seed outside development unless ALLOW_DEMO_SEED=true', async () => {
    for (const NODE_ENV of ['production', 'test', 'staging']) {
      const config = { ...api.config, NODE_ENV, isDevelopment: false, ALLOW_DEMO_SEED: false } as AppConfig;
      await expect(runSeed(config)).rejects.toThrow(/refusing to create demo accounts/);
    }
  });
});

describe('HSTS when the API is served over HTTPS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', ...PRODUCTION_DEFAULTS, HSTS_ENABLED: 'true' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('sends Strict-Transport-Security', async () => {
    const res = await api.request({ method: 'GET', url: '/api/health' });
    expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
  });
});
