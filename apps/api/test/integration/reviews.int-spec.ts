import type { ApiError, Page, Product, ProductReviews, Review } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aDeliveredOrder, collectCash } from '../support/ledger.factory';
import { aListing, anOrder, aShop, type SellerWithAgent } from '../support/orders.factory';
import { COMMUNES } from '../support/onboarding.factory';
import { startTestApi, type TestApi } from '../support/test-api';

describe('Reviews: buyers of delivered orders, moderation, the product page (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let tea: Product;
  let rice: Product;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;
  let admin: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    tea = await aListing(api, shop, { name: 'Chè móc câu Tân Cương', stock: 100 });
    rice = await aListing(api, shop, { name: 'Gạo Bao Thai', stock: 100 });
    staff19 = await anAccount().withRole('province_staff').inProvince(COMMUNES.tanCuong.provinceCode).create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince(COMMUNES.thucPhan.provinceCode).create(api);
    admin = await anAccount().withRole('admin').create(api);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const post = (token: string, orderId: string, body: Record<string, unknown>) =>
    api.request<Review>({ method: 'POST', url: `/api/orders/${orderId}/reviews`, token, body });
  const approve = (token: string, id: string) => api.request<Review>({ method: 'POST', url: `/api/moderation/reviews/${id}/approve`, token });
  const reject = (token: string, id: string, body: unknown) => api.request<Review>({ method: 'POST', url: `/api/moderation/reviews/${id}/reject`, token, body });
  const productPage = (productId: string) => api.request<ProductReviews>({ method: 'GET', url: `/api/products/${productId}/reviews` });
  const good = { stars: 5, text: 'Chè thơm, nước xanh, giao nhanh. Sẽ mua lại!' };

  it('lets the buyer of a delivered order rate each product on it once, moderated before the product page shows it', async () => {
    const buyer = await anAccount().withName('Nguyễn Văn An').create(api);
    const placed = await anOrder(api, buyer, tea, 'cod');
    expect((await post(buyer.accessToken, placed.orderId, { productId: tea.id, ...good })).body).toMatchObject({ code: 'ORDER_NOT_DELIVERED' });

    const orderId = await aDeliveredOrder(api, shop, buyer, tea);
    const created = await post(buyer.accessToken, orderId, { productId: tea.id, ...good });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ orderId, productId: tea.id, productName: tea.name, stars: 5, reviewerName: 'An N.', status: 'pending', provinceCode: '19' });

    // Once per buyer and product, also from another order.
    const again = await post(buyer.accessToken, orderId, { productId: tea.id, stars: 1, text: 'Đổi ý, viết lại đánh giá' });
    expect(again.status).toBe(409);
    expect((again.body as unknown as ApiError).code).toBe('REVIEW_EXISTS');
    const secondOrder = await aDeliveredOrder(api, shop, buyer, tea);
    expect((await post(buyer.accessToken, secondOrder, { productId: tea.id, ...good })).status).toBe(409);

    // Not shown until approved.
    expect((await productPage(tea.id)).body).toMatchObject({ count: 0, averageStars: null, items: [] });
    const queue = await api.request<Page<Review>>({ method: 'GET', url: '/api/moderation/reviews', token: staff19.accessToken });
    expect(queue.body.items.map((r) => r.id)).toContain(created.body.id);
    expect((await api.request<Page<Review>>({ method: 'GET', url: '/api/moderation/reviews', token: staff04.accessToken })).body.total).toBe(0);
    expect((await approve(staff04.accessToken, created.body.id)).status).toBe(404);
    expect((await approve(shop.agent.accessToken, created.body.id)).status).toBe(403);

    const approved = await approve(staff19.accessToken, created.body.id);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await approve(staff19.accessToken, created.body.id)).status).toBe(409);

    const page = await productPage(tea.id);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ productId: tea.id, count: 1, averageStars: 5 });
    // The public sees the stars, the text, a first name and an initial: no buyer or order id, no phone.
    expect(page.body.items).toEqual([{ id: created.body.id, stars: 5, text: good.text, reviewerName: 'An N.', createdAt: created.body.createdAt }]);
    expect(JSON.stringify(page.body)).not.toContain(buyer.user.id);
    expect(JSON.stringify(page.body)).not.toContain(buyer.user.phone);
    expect(JSON.stringify(page.body)).not.toContain(orderId);
  });

  it('accepts completed orders, and refuses products not on the order, other people\u2019s orders and bad input with 4xx naming the field', async () => {
    const buyer = await anAccount().withName('Trần Thị Bình').create(api);
    const orderId = await aDeliveredOrder(api, shop, buyer, rice);
    await collectCash(api, shop, orderId);

    const stranger = await anAccount().create(api);
    expect((await post(stranger.accessToken, orderId, { productId: rice.id, ...good })).status).toBe(404);
    expect((await post(shop.sellerUser.accessToken, orderId, { productId: rice.id, ...good })).status).toBe(403);
    expect((await post(buyer.accessToken, '0123456789abcdef01234567', { productId: rice.id, ...good })).status).toBe(404);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ productId: tea.id, ...good }, 'productId'],
      [{ productId: rice.id, stars: 6, text: good.text }, 'stars'],
      [{ productId: rice.id, stars: 4.5, text: good.text }, 'stars'],
      [{ productId: rice.id, stars: 4, text: '  ngon  ' }, 'text'],
      [{ productId: rice.id, stars: 4, text: 'x'.repeat(2001) }, 'text'],
      [{ productId: rice.id, stars: 4, text: 'Gạo dẻo\u0000thơm lắm' }, 'text'],
      [{ productId: 'ABC', ...good }, 'productId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(buyer.accessToken, orderId, body);
      expect([res.status, (res.body as unknown as ApiError).issues?.map((i) => i.path)]).toEqual([400, [field]]);
    }
    expect((await post(buyer.accessToken, orderId, { productId: rice.id, ...good, status: 'approved' })).status).toBe(400);

    // Two submissions at once: one review.
    const twice = await Promise.all([
      post(buyer.accessToken, orderId, { productId: rice.id, stars: 4, text: 'Gạo dẻo, thơm, đóng gói cẩn thận' }),
      post(buyer.accessToken, orderId, { productId: rice.id, stars: 4, text: 'Gạo dẻo, thơm, đóng gói cẩn thận' }),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('keeps the rating equal to the approved reviews under concurrent decisions, take-downs and a lost recomputation', async () => {
    const product = await aListing(api, shop, { name: 'Miến dong Bắc Kạn', stock: 100 });
    const stars = [5, 4, 4, 3, 5, 2];
    const reviewIds: string[] = [];
    for (const [i, s] of stars.entries()) {
      const buyer = await anAccount().withName(`Lê Văn Khách${i}`).create(api);
      const orderId = await aDeliveredOrder(api, shop, buyer, product);
      const res = await post(buyer.accessToken, orderId, { productId: product.id, stars: s, text: `Đánh giá số ${i}: miến dai, ngon` });
      expect(res.status).toBe(201);
      reviewIds.push(res.body.id);
    }
    // Every review approved at once, by two moderators racing each other for each.
    const results = await Promise.all(reviewIds.flatMap((id) => [approve(staff19.accessToken, id), approve(admin.accessToken, id)]));
    expect(results.filter((r) => r.status === 200)).toHaveLength(stars.length);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);

    const expected = (list: number[]) => ({ count: list.length, averageStars: Math.round((list.reduce((a, b) => a + b, 0) * 10) / list.length) / 10 });
    expect((await productPage(product.id)).body).toMatchObject(expected(stars)); // 23 / 6 = 3.83 → 3.8
    const stored = await api.connection.collection('product_ratings').findOne({ productId: product.id });
    expect(stored).toMatchObject({ count: 6, starsTotal: 23 });

    // A take-down of an approved review (reported as abusive) needs a reason and leaves the rating.
    expect((await reject(staff19.accessToken, reviewIds[5] as string, {})).status).toBe(400);
    const takenDown = await reject(staff19.accessToken, reviewIds[5] as string, { reason: 'Nội dung không phù hợp' });
    expect(takenDown.body).toMatchObject({ status: 'rejected', rejectionReason: 'Nội dung không phù hợp' });
    const page = await productPage(product.id);
    expect(page.body).toMatchObject(expected(stars.slice(0, 5)));
    expect(page.body.items.map((r) => r.id)).not.toContain(reviewIds[5]);

    // A decision whose recomputation never ran (a crash between the two writes) is caught up by the next read.
    await api.connection.collection('reviews').updateOne({ productId: product.id, stars: 3 }, { $set: { status: 'rejected', decidedAt: new Date() } });
    expect((await productPage(product.id)).body).toMatchObject(expected([5, 4, 4, 5]));
    expect(await api.connection.collection('product_ratings').findOne({ productId: product.id })).toMatchObject({ count: 4, starsTotal: 18 });
  });

  it('answers 404 for the reviews of a product that is not listed', async () => {
    expect((await productPage('0123456789abcdef01234567')).status).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/products/0123456789ABCDEF01234567/reviews' })).status).toBe(400);
  });
});
