import type { ApiError, AuthTokens, Category, Page, Product, ProductCard, ProductDetail, StorefrontHome } from '@nss/contracts';
import { anAccount, type CreatedAccount, latestOutboxCode } from '../support/accounts.factory';
import { aProduct, productBody } from '../support/catalog.factory';
import { aSeller, COMMUNES, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

describe('Catalogue: products, moderation, search (real database and Redis)', () => {
  let api: TestApi;
  let seller: CreatedSeller;
  let sellerToken: string;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    seller = await aSeller().named('HTX Chè Tân Cương').verified().create(api);
    sellerToken = seller.sellerToken as string;
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const search = (q: string, extra = '') => api.request<Page<ProductCard>>({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${extra}` });
  const decide = <T = Product>(id: string, token: string, body: unknown) =>
    api.request<T>({ method: 'POST', url: `/api/moderation/products/${id}`, token, body });

  it('lists the categories publicly', async () => {
    const res = await api.request<Category[]>({ method: 'GET', url: '/api/categories' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([{ id: 'che', slug: 'che', name: 'Chè', nameEn: 'Tea' }]));
  });

  it('creates a pending listing, hidden until staff of its province approve it, then found without diacritics', async () => {
    const name = 'Chè Thái Nguyên Tân Cương hảo hạng';
    const created = await api.request<Product>({ method: 'POST', url: '/api/products', token: sellerToken, body: productBody({ name }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, sellerId: seller.seller.id, provinceCode: '19', communeCode: COMMUNES.tanCuong.communeCode, moderation: { status: 'pending' } });
    const id = created.body.id;

    expect((await search('che thai nguyen hao hang')).body.total).toBe(0);
    expect((await api.request({ method: 'GET', url: `/api/products/${id}` })).status).toBe(404);

    const queue = await api.request<Page<Product>>({ method: 'GET', url: '/api/moderation/products?status=pending', token: staff19.accessToken });
    expect(queue.body.items.map((p) => p.id)).toContain(id);
    expect((await api.request<Page<Product>>({ method: 'GET', url: '/api/moderation/products', token: staff04.accessToken })).body.items).toEqual([]);

    expect((await decide(id, staff04.accessToken, { decision: 'approve' })).status).toBe(404);
    expect((await decide(id, sellerToken, { decision: 'approve' })).status).toBe(403);
    const approved = await decide(id, staff19.accessToken, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.moderation.status).toBe('approved');

    for (const q of ['che thai nguyen', 'CHE THAI NGUYEN', 'chè thái nguyên', 'che thai nguyen hao h']) {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c) => c.id)).toContain(id);
    }
    const card = (await search('tan cuong hao hang')).body.items[0];
    expect(card).toMatchObject({ id, name, priceVnd: 180_000, sellerName: 'HTX Chè Tân Cương', provinceName: 'Thái Nguyên' });

    const detail = await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${id}` });
    expect(detail.status).toBe(200);
    expect(detail.body.seller).toMatchObject({ id: seller.seller.id, displayName: 'HTX Chè Tân Cương', provinceName: 'Thái Nguyên' });
    expect((detail.body as Partial<Product>).moderation).toBeUndefined();
  });

  it('applies price and stock at once but keeps a new name pending; the public name changes only on approval', async () => {
    const product = await aProduct().named('Gạo nếp cái hoa vàng').with({ categoryId: 'gao' }).approved(staff19).create(api, sellerToken);
    const patched = await api.request<Product>({
      method: 'PATCH', url: `/api/products/${product.id}`, token: sellerToken, body: { priceVnd: 55_000, stock: 12, name: 'Gạo nếp cái hoa vàng Đông Hỷ' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ priceVnd: 55_000, stock: 12, name: 'Gạo nếp cái hoa vàng', moderation: { status: 'approved', pendingChanges: { name: 'Gạo nếp cái hoa vàng Đông Hỷ' } } });

    const publicPage = await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${product.id}` });
    expect(publicPage.body).toMatchObject({ name: 'Gạo nếp cái hoa vàng', priceVnd: 55_000 });
    expect((await search('gao nep')).body.items[0]).toMatchObject({ id: product.id, priceVnd: 55_000, name: 'Gạo nếp cái hoa vàng' });
    expect((await search('dong hy')).body.total).toBe(0);

    const rejected = await decide<ApiError>(product.id, staff19.accessToken, { decision: 'reject' });
    expect(rejected.status).toBe(400);
    expect(rejected.body.issues).toEqual([expect.objectContaining({ path: 'reason' })]);

    expect((await decide(product.id, staff19.accessToken, { decision: 'approve' })).status).toBe(200);
    expect((await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${product.id}` })).body.name).toBe('Gạo nếp cái hoa vàng Đông Hỷ');
    expect((await search('dong hy')).body.items[0]?.id).toBe(product.id);
  });

  it('drops rejected changes and keeps the approved content', async () => {
    const product = await aProduct().named('Mật ong bạc hà').with({ categoryId: 'mat-ong' }).approved(staff19).create(api, sellerToken);
    await api.request({ method: 'PATCH', url: `/api/products/${product.id}`, token: sellerToken, body: { description: 'Quảng cáo sai sự thật' } });
    const res = await decide(product.id, staff19.accessToken, { decision: 'reject', reason: 'Mô tả không đúng' });
    expect(res.status).toBe(200);
    expect(res.body.moderation).toMatchObject({ status: 'approved', reason: 'Mô tả không đúng' });
    expect(res.body.moderation?.pendingChanges).toBeUndefined();
    expect((await api.request({ method: 'GET', url: `/api/products/${product.id}` })).status).toBe(200);
    expect((await decide(product.id, staff19.accessToken, { decision: 'approve' })).status).toBe(409);
  });

  it('refuses to approve the products of an unverified seller', async () => {
    const pendingSeller = await aSeller().create(api);
    const product = await aProduct().create(api, pendingSeller.sellerToken as string);
    const res = await decide<ApiError>(product.id, staff19.accessToken, { decision: 'approve' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SELLER_NOT_VERIFIED');
  });

  it('lets a seller edit only its own products', async () => {
    const other = await aSeller().verified().create(api);
    const product = await aProduct().create(api, sellerToken);
    const res = await api.request({ method: 'PATCH', url: `/api/products/${product.id}`, token: other.sellerToken, body: { priceVnd: 1000 } });
    expect(res.status).toBe(404);
    const mine = await api.request<Page<Product>>({ method: 'GET', url: '/api/seller/products', token: other.sellerToken });
    expect(mine.body.items).toEqual([]);
    const buyer = await anAccount().create(api);
    expect((await api.request({ method: 'POST', url: '/api/products', token: buyer.accessToken, body: productBody() })).status).toBe(403);
  });

  it('lets the managing agent list for a seller until the account is handed over', async () => {
    const agent = await anAccount().withRole('agent').inProvince('19').create(api);
    const { seller: managed, phone } = await aSeller().byAgent(agent).verified().create(api);
    const created = await api.request<Product>({ method: 'POST', url: '/api/products', token: agent.accessToken, body: productBody({ sellerId: managed.id }) });
    expect(created.status).toBe(201);
    expect(created.body.sellerId).toBe(managed.id);
    const otherAgent = await anAccount().withRole('agent').inProvince('19').create(api);
    expect((await api.request({ method: 'POST', url: '/api/products', token: otherAgent.accessToken, body: productBody({ sellerId: managed.id }) })).status).toBe(403);
    expect((await api.request<Page<Product>>({ method: 'GET', url: '/api/seller/products', token: agent.accessToken })).body.items).toHaveLength(1);

    await api.request({ method: 'POST', url: `/api/sellers/${managed.id}/handover`, token: agent.accessToken });
    const code = await latestOutboxCode(api, phone, 'handover');
    const claim = await api.request<AuthTokens>({ method: 'POST', url: '/api/sellers/handover/claim', body: { phone, code, newPassword: 'mat-khau-moi-123' } });
    expect(claim.status).toBe(200);

    const after = await api.request({ method: 'PATCH', url: `/api/products/${created.body.id}`, token: agent.accessToken, body: { stock: 1 } });
    expect(after.status).toBe(404);
    expect((await api.request<Page<Product>>({ method: 'GET', url: '/api/seller/products', token: agent.accessToken })).body.items).toHaveLength(0);
    const own = await api.request({ method: 'PATCH', url: `/api/products/${created.body.id}`, token: claim.body.accessToken, body: { stock: 1 } });
    expect(own.status).toBe(200);
  });

  it('validates bodies: unknown fields, fractional or negative prices, OCOP issuer', async () => {
    const unknown = await api.request<ApiError>({ method: 'POST', url: '/api/products', token: sellerToken, body: { ...productBody(), colour: 'xanh' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([expect.objectContaining({ path: 'colour' })]);
    for (const priceVnd of [-5, 1000.5]) {
      const res = await api.request<ApiError>({ method: 'POST', url: '/api/products', token: sellerToken, body: productBody({ priceVnd }) });
      expect(res.status).toBe(400);
      expect(res.body.issues?.map((i) => i.path)).toContain('priceVnd');
    }
    const ocop = { productGroup: 'beverages', stars: 5, decisionNumber: '1048/QĐ-UBND', decisionDate: '2024-06-01', issuer: 'province' };
    const wrongIssuer = await api.request<ApiError>({ method: 'POST', url: '/api/products', token: sellerToken, body: productBody({ ocop } as never) });
    expect(wrongIssuer.status).toBe(400);
    expect(wrongIssuer.body.issues?.map((i) => i.path)).toContain('ocop.issuer');
    const unknownCategory = await api.request<ApiError>({ method: 'POST', url: '/api/products', token: sellerToken, body: productBody({ categoryId: 'xe-may' }) });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.issues?.[0]?.path).toBe('categoryId');
    expect((await api.request({ method: 'GET', url: '/api/products/not-an-id' })).status).toBe(400);
    expect((await api.request({ method: 'PATCH', url: '/api/products/zzz', token: sellerToken, body: { stock: 1 } })).status).toBe(400);
    expect((await api.request({ method: 'GET', url: '/api/search?sort=cheap' })).status).toBe(400);
  });

  it('shows the OCOP certificate with its expiry and state, and filters and sorts search', async () => {
    const ocop = { productGroup: 'food', stars: 4, decisionNumber: '2210/QĐ-UBND', decisionDate: '2024-03-15', issuer: 'province' } as const;
    const product = await aProduct().named('Miến dong Bình Liêu').with({ categoryId: 'mien-bun', priceVnd: 90_000, ocop }).approved(staff19).create(api, sellerToken);
    expect(product.ocop).toMatchObject({ stars: 4, expiresAt: '2027-03-15' });
    expect(['valid', 'expiring', 'expired']).toContain(product.ocop?.state);
    const detail = (await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${product.id}` })).body;
    expect(detail.certifications.map((c) => c.kind)).toEqual(['vietgap', 'ocop']);

    const filtered = await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?ocopStars=4&categoryId=mien-bun&provinceCode=19&minPrice=50000&maxPrice=100000' });
    expect(filtered.body.items.map((c) => c.id)).toEqual([product.id]);
    expect(filtered.body.items[0]?.ocopStars).toBe(4);
    expect(String(filtered.headers['content-type'])).toMatch(/^application\/json/);
    // A repeated request is answered from the serialised cache, identically.
    const again = await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?ocopStars=4&categoryId=mien-bun&provinceCode=19&minPrice=50000&maxPrice=100000' });
    expect(again.body).toEqual(filtered.body);
    // A price change shows in the very next search (the cached page is dropped with the catalogue version).
    await api.request({ method: 'PATCH', url: `/api/products/${product.id}`, token: sellerToken, body: { priceVnd: 95_000 } });
    const repriced = await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?ocopStars=4&categoryId=mien-bun&provinceCode=19&minPrice=50000&maxPrice=100000' });
    expect(repriced.body.items[0]?.priceVnd).toBe(95_000);
    expect((await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?provinceCode=04' })).body.total).toBe(0);
    const byPrice = (await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?sort=price_asc&pageSize=50' })).body.items.map((c) => c.priceVnd);
    expect(byPrice).toEqual([...byPrice].sort((a, b) => a - b));

    const home = await api.request<StorefrontHome>({ method: 'GET', url: '/api/storefront/home' });
    expect(home.status).toBe(200);
    expect(home.body.featured[0]?.id).toBe(product.id);
    expect(home.body.provinces).toEqual([expect.objectContaining({ code: '19', name: 'Thái Nguyên' })]);
  });
});
