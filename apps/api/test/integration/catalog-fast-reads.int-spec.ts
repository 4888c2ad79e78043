import type { ApiError, Page, ProductCard, ProductDetail } from '@nss/contracts';
import { CatalogSearchIndex } from '@nss/catalog-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * The fast read path of `GET /api/search` and `GET /api/products/:id` (issue 9 § 4, CatalogReadRoutes) against Nest's
 * own pipeline: two APIs on the same database and Redis, one with the fast path (as in production) and one without
 * (as before it), must give the same status, body and headers for valid and invalid requests, with and without a
 * token or a validator; and a moderation or price change must be visible on the fast path's next read.
 */
describe('Catalogue fast read path = Nest pipeline (real database and Redis)', () => {
  let fast: TestApi;
  let nest: TestApi;
  let sellerToken: string;
  let staff: CreatedAccount;
  let product: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    fast = await startTestApi();
    nest = await startTestApi({ MONGODB_URI: fast.env['MONGODB_URI'], MEDIA_DIR: fast.env['MEDIA_DIR'], JWT_ACCESS_SECRET: fast.env['JWT_ACCESS_SECRET'] }, { catalogFastPath: false });
    const seller = await aSeller().verified().create(fast);
    sellerToken = seller.sellerToken as string;
    staff = await anAccount().withRole('province_staff').inProvince('19').create(fast);
    product = await aProduct().named('Chè đinh Tân Cương đường nhanh').with({ priceVnd: 250_000 }).approved(staff).create(fast, sellerToken);
    other = await aProduct().named('Mật ong bạc hà đường nhanh').with({ categoryId: 'mat-ong', priceVnd: 120_000 }).approved(staff).create(fast, sellerToken);
  });
  afterAll(async () => {
    await nest?.app.close();
    await fast?.close();
  });

  /** The same request to both APIs: status, body and every header but the date must be equal. */
  async function both(url: string, headers: Record<string, string> = {}) {
    const [a, b] = await Promise.all([fast.app.inject({ method: 'GET', url, headers }), nest.app.inject({ method: 'GET', url, headers })]);
    const strip = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'date'));
    return { fast: { status: a.statusCode, body: a.body, headers: strip(a.headers) }, nest: { status: b.statusCode, body: b.body, headers: strip(b.headers) } };
  }

  const cases = () => [
    // Valid searches: words, prefixes, filters, sorts, pages, an empty query, diacritics.
    '/api/search?q=duong%20nhanh',
    `/api/search?q=${encodeURIComponent('chè đinh')}`,
    '/api/search?q=CHE%20DINH%20TAN%20CU',
    '/api/search?q=duong%20nhanh&sort=price_asc&pageSize=1&page=2',
    '/api/search?q=duong%20nhanh&minPrice=100000&maxPrice=200000',
    '/api/search?provinceCode=19&categoryId=che',
    '/api/search',
    '/api/search?q=khong%20co%20gi%20nhu%20vay',
    // Invalid searches: unknown field, out-of-range number, a bad sort, minPrice > maxPrice, a repeated parameter.
    '/api/search?q=che&foo=1',
    '/api/search?ocopStars=9',
    '/api/search?sort=cheapest',
    '/api/search?minPrice=5000&maxPrice=1000',
    '/api/search?page=0',
    '/api/search?q=a&q=b',
    // Product pages: found, unknown, malformed (not hex, upper case, too long).
    `/api/products/${product.id}`,
    `/api/products/${other.id}`,
    '/api/products/0123456789abcdef01234567',
    '/api/products/not-an-id',
    `/api/products/${product.id.toUpperCase()}`,
    `/api/products/${product.id}?lang=en`,
  ];

  it('gives the same status, body and headers as Nest for valid and invalid requests', async () => {
    for (const url of cases()) {
      const { fast: a, nest: b } = await both(url);
      expect({ url, ...a }).toEqual({ url, ...b });
    }
  });

  it('answers its requests itself, and leaves errors to Nest', async () => {
    const index = fast.app.get(CatalogSearchIndex);
    const nestSearch = jest.spyOn(index, 'search');
    const nestDetail = jest.spyOn(index, 'detail');
    try {
      expect((await fast.request({ method: 'GET', url: '/api/search?q=duong%20nhanh' })).status).toBe(200);
      expect((await fast.request({ method: 'GET', url: `/api/products/${product.id}` })).status).toBe(200);
      expect(nestSearch).not.toHaveBeenCalled();
      expect(nestDetail).not.toHaveBeenCalled();
      const invalid = await fast.request<ApiError>({ method: 'GET', url: '/api/search?ocopStars=9' });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input', issues: [expect.objectContaining({ path: 'ocopStars' })] });
      expect((await fast.request({ method: 'GET', url: '/api/products/0123456789abcdef01234567' })).status).toBe(404);
      expect(nestDetail).toHaveBeenCalledTimes(1);
    } finally {
      nestSearch.mockRestore();
      nestDetail.mockRestore();
    }
  });

  it('gives the same answers with a token, a broken token and validators', async () => {
    const { etag } = (await both(`/api/products/${product.id}`)).fast.headers as { etag: string };
    const variants: Array<Record<string, string>> = [
      { authorization: `Bearer ${sellerToken}` },
      { authorization: 'Bearer not.a.token' },
      { cookie: 'session=1' },
      { 'if-none-match': etag },
      { 'if-none-match': `"other", ${etag}` },
      { 'if-none-match': etag, 'cache-control': 'no-cache' },
      { 'if-none-match': 'W/"cat-stale-0"' },
    ];
    for (const headers of variants) {
      for (const url of [`/api/products/${product.id}`, '/api/search?q=duong%20nhanh', '/api/products/not-an-id']) {
        const { fast: a, nest: b } = await both(url, headers);
        expect({ url, sent: headers, ...a }).toEqual({ url, sent: headers, ...b });
      }
    }
    expect((await fast.app.inject({ method: 'GET', url: `/api/products/${product.id}`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });

  it('shows a price change and an approved name change on the next read, under a new ETag', async () => {
    const url = `/api/products/${product.id}`;
    const before = await fast.request<ProductDetail>({ method: 'GET', url });
    const searchBefore = await fast.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=dinh%20tan%20cuong' });
    expect(searchBefore.body.items.map((p) => p.id)).toEqual([product.id]);
    const etag = String(before.headers['etag']);

    expect((await fast.request({ method: 'PATCH', url, token: sellerToken, body: { priceVnd: 260_000 } })).status).toBe(200);
    const priced = await fast.request<ProductDetail>({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(priced.status).toBe(200);
    expect(priced.body.priceVnd).toBe(260_000);
    expect(priced.headers['etag']).not.toBe(etag);
    expect((await fast.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=dinh%20tan%20cuong' })).body.items[0]?.priceVnd).toBe(260_000);

    // A new name waits for review; the public still sees the approved one until staff approve it.
    expect((await fast.request({ method: 'PATCH', url, token: sellerToken, body: { name: 'Chè đinh Tân Cương thượng hạng' } })).status).toBe(200);
    expect((await fast.request<ProductDetail>({ method: 'GET', url })).body.name).toBe('Chè đinh Tân Cương đường nhanh');
    const decided = await fast.request({ method: 'POST', url: `/api/moderation/products/${product.id}`, token: staff.accessToken, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    expect((await fast.request<ProductDetail>({ method: 'GET', url })).body.name).toBe('Chè đinh Tân Cương thượng hạng');
    expect((await fast.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=thuong%20hang' })).body.items.map((p) => p.id)).toEqual([product.id]);
    expect((await fast.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=duong%20nhanh' })).body.items.map((p) => p.id)).toEqual([other.id]);

    // And the two paths still agree afterwards (the other API syncs from the same version counter).
    for (const path of [url, '/api/search?q=thuong%20hang', '/api/search?q=duong%20nhanh']) {
      const { fast: a, nest: b } = await both(path);
      expect({ path, ...a }).toEqual({ path, ...b });
    }
  });
});
