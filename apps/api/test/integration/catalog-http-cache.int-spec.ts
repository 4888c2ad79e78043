import type { ProductDetail } from '@nss/contracts';
import { anAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * Public catalogue reads carry validators (issue 9 § 3): a buyer's browser or a CDN revalidates with the ETag and gets a
 * body-less 304 while nothing changed, and a price or moderation change is visible on the very next request.
 */
describe('HTTP validators on public catalogue reads (real database and Redis)', () => {
  let api: TestApi;
  let product: { id: string };
  let sellerToken: string;
  beforeAll(async () => {
    api = await startTestApi();
    const seller = await aSeller().verified().create(api);
    sellerToken = seller.sellerToken as string;
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    product = await aProduct().named('Chè móc câu Tân Cương kiểm tra bộ đệm').approved(staff).create(api, sellerToken);
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (url: string, etag?: string) => api.request<ProductDetail>({ method: 'GET', url, headers: etag ? { 'if-none-match': etag } : {} });

  it.each(['/api/products/:id', '/api/search?q=che%20moc%20cau', '/api/storefront/home'])(
    '%s: 200 with an ETag a CDN must revalidate, then 304 with no body for the same tag',
    async (pattern) => {
      const url = pattern.replace(':id', product.id);
      const first = await get(url);
      expect(first.status).toBe(200);
      const etag = String(first.headers['etag']);
      expect(etag).toMatch(/^W\/"cat-[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('public, no-cache');

      const again = await api.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers['etag']).toBe(etag);
      // A tag from a list, or the request asking for a fresh copy itself.
      expect((await api.app.inject({ method: 'GET', url, headers: { 'if-none-match': `"other", ${etag}` } })).statusCode).toBe(304);
      expect((await api.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag, 'cache-control': 'no-cache' } })).statusCode).toBe(200);
    },
  );

  it('a price change answers the old tag with the new body at once', async () => {
    const url = `/api/products/${product.id}`;
    const before = await get(url);
    const etag = String(before.headers['etag']);
    const patched = await api.request({ method: 'PATCH', url, token: sellerToken, body: { priceVnd: before.body.priceVnd + 5_000 } });
    expect(patched.status).toBe(200);

    const after = await get(url, etag);
    expect(after.status).toBe(200);
    expect(after.body.priceVnd).toBe(before.body.priceVnd + 5_000);
    expect(after.headers['etag']).not.toBe(etag);
    expect((await get('/api/search?q=che%20moc%20cau', etag)).status).toBe(200);
  });

  it('errors carry no validators and are never turned into 304', async () => {
    const { body: home, headers } = await get('/api/storefront/home');
    expect(home).toBeDefined();
    const etag = String(headers['etag']);
    const missing = await get('/api/products/0123456789abcdef01234567', etag);
    expect(missing.status).toBe(404);
    expect(missing.headers['etag']).toBeUndefined();
    const malformed = await get('/api/products/not-an-id', etag);
    expect(malformed.status).toBe(400);
    expect(malformed.headers['etag']).toBeUndefined();
  });
});
