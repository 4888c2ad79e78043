import type { ApiError, Shop } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aSeller, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * A seller's public shop (`GET /api/shops/:id`, the web's `/cua-hang/:id`, issue 9 § 1): anyone sees the seller's
 * public identity and approved products only, never its personal data; moderation shows at once.
 */
describe('public shop page API (real database and Redis)', () => {
  let api: TestApi;
  let seller: CreatedSeller;
  let staff: CreatedAccount;
  let approved: { id: string }[];
  let pending: { id: string };
  let otherSellersProduct: { id: string };

  beforeAll(async () => {
    api = await startTestApi();
    seller = await aSeller().verified().create(api);
    const other = await aSeller().verified().create(api);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    const token = seller.sellerToken as string;
    approved = [
      await aProduct().named('Chè búp cửa hàng thứ nhất').approved(staff).create(api, token),
      await aProduct().named('Chè búp cửa hàng thứ hai').approved(staff).create(api, token),
    ];
    pending = await aProduct().named('Chè chưa duyệt của cửa hàng').create(api, token);
    otherSellersProduct = await aProduct().named('Chè của người khác').approved(staff).create(api, other.sellerToken as string);
  });
  afterAll(async () => {
    await api.close();
  });

  const shop = (id: string, query = '', headers: Record<string, string> = {}) =>
    api.request<Shop>({ method: 'GET', url: `/api/shops/${id}${query}`, headers });

  it("lists the seller's approved products with its public name and place, and no personal data", async () => {
    const res = await shop(seller.seller.id);
    expect(res.status).toBe(200);
    expect(res.body.seller).toEqual({
      id: seller.seller.id,
      displayName: expect.any(String),
      type: seller.seller.type,
      communeName: expect.any(String),
      provinceName: expect.any(String),
    });
    const ids = res.body.products.items.map((p) => p.id);
    expect(ids.sort()).toEqual(approved.map((p) => p.id).sort());
    expect(ids).not.toContain(pending.id);
    expect(ids).not.toContain(otherSellersProduct.id);
    expect(res.body.products.total).toBe(2);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(seller.phone);
    expect(text).not.toContain(seller.citizenId);
  });

  it('pages the products (newest first) and revalidates with the catalogue ETag', async () => {
    const second = await shop(seller.seller.id, '?page=2&pageSize=1');
    expect(second.status).toBe(200);
    expect(second.body.products).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(second.body.products.items).toHaveLength(1);
    expect(second.body.products.items[0].id).toBe(approved[0].id); // the first listed is the older one

    const first = await shop(seller.seller.id);
    const etag = String(first.headers['etag']);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect((await shop(seller.seller.id, '', { 'if-none-match': etag })).status).toBe(304);
  });

  it('shows a product approved since at once, even to a client holding the old tag', async () => {
    const before = await shop(seller.seller.id);
    const etag = String(before.headers['etag']);
    const fresh = await aProduct().named('Chè búp cửa hàng mới duyệt').approved(staff).create(api, seller.sellerToken as string);
    const after = await shop(seller.seller.id, '', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body.products.items.map((p) => p.id)).toContain(fresh.id);
    expect(after.body.products.total).toBe(3);
  });

  it('is 404 for a seller without approved products and 400 naming id for a malformed one', async () => {
    const unknown = await api.request<ApiError>({ method: 'GET', url: '/api/shops/0123456789abcdef01234567' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('cửa hàng');
    expect(unknown.body.messageEn).toContain('Shop');

    const malformed = await api.request<ApiError>({ method: 'GET', url: '/api/shops/not-an-id' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('id');
    const badPage = await api.request<ApiError>({ method: 'GET', url: `/api/shops/${seller.seller.id}?pageSize=1000` });
    expect(badPage.status).toBe(400);
    expect(JSON.stringify(badPage.body)).toContain('pageSize');
  });
});
