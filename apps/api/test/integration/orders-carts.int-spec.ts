import { Types } from 'mongoose';
import { CatalogVersion } from '@nss/catalog-api';
import type { Address, AddressList, ApiError, CartView, GuestCartCreated } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, aShop, checkout, HANOI_ADDRESS, stockOf, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/** Carts (guest and buyer), their flags and merge, and buyer addresses, on the real database and Redis. */
describe('carts and addresses (real database and Redis)', () => {
  let api: TestApi;
  let shop: SellerWithAgent;
  let buyer: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await aShop(api);
    buyer = await anAccount().create(api);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  async function guestCart(): Promise<string> {
    const res = await api.request<GuestCartCreated>({ method: 'POST', url: '/api/carts' });
    expect(res.status).toBe(201);
    return res.body.cartToken;
  }
  function cart(opts: { token?: string; cartToken?: string; method?: 'GET' | 'PUT' | 'DELETE' | 'POST'; url?: string; body?: unknown }) {
    return api.request<CartView>({
      method: opts.method ?? 'GET',
      url: opts.url ?? '/api/cart',
      ...(opts.token ? { token: opts.token } : {}),
      ...(opts.cartToken ? { headers: { 'x-cart-token': opts.cartToken } } : {}),
      ...(opts.body !== undefined ? { body: opts.body } : {}),
    });
  }

  it('keeps a guest cart by its token only (its hash is stored, not the token)', async () => {
    const token = await guestCart();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const tea = await aListing(api, shop, { priceVnd: 150_000 });
    const put = await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/${tea.id}`, body: { quantity: 3 } });
    expect(put.status).toBe(200);
    expect(put.body.groups).toEqual([
      expect.objectContaining({ sellerId: shop.seller.seller.id, subtotalVnd: 450_000, lines: [expect.objectContaining({ productId: tea.id, quantity: 3, unitPriceVnd: 150_000, addedPriceVnd: 150_000, lineTotalVnd: 450_000, flags: [] })] }),
    ]);
    expect(put.body).toMatchObject({ itemsTotalVnd: 450_000, hasIssues: false });
    expect((await api.connection.collection('carts').findOne({ key: { $regex: '^guest:' }, 'lines.productId': tea.id }))?.['key']).not.toContain(token);
    expect((await cart({})).status).toBe(400);
    expect((await cart({ cartToken: 'A'.repeat(22) })).status).toBe(404);
    expect((await cart({ cartToken: 'not a token' })).status).toBe(400);
    expect((await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/${tea.id}`, body: { quantity: -1 } })).status).toBe(400);
    expect((await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/0123456789abcdef01234567`, body: { quantity: 1 } })).status).toBe(404);
    const removed = await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/${tea.id}`, body: { quantity: 0 } });
    expect(removed.body.groups).toEqual([]);
  });

  it('flags price changes, unavailable products and short stock; accepting the changes clears the flags', async () => {
    const token = await guestCart();
    const cheap = await aListing(api, shop, { priceVnd: 100_000, stock: 10 });
    const scarce = await aListing(api, shop, { priceVnd: 50_000, stock: 5 });
    const gone = await aListing(api, shop, { priceVnd: 70_000, stock: 5 });
    for (const [p, q] of [[cheap, 1], [scarce, 4], [gone, 1]] as const) {
      await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/${p.id}`, body: { quantity: q } });
    }
    const price = await api.request({ method: 'PATCH', url: `/api/products/${cheap.id}`, token: shop.agent.accessToken, body: { priceVnd: 120_000 } });
    expect(price.status).toBe(200);
    await api.request({ method: 'PATCH', url: `/api/products/${scarce.id}`, token: shop.agent.accessToken, body: { stock: 2 } });
    await api.connection.collection('products').updateOne({ _id: new Types.ObjectId(gone.id) }, { $set: { status: 'rejected' } });
    await api.app.get(CatalogVersion).bump();
    const view = (await cart({ cartToken: token })).body;
    const flags = Object.fromEntries(view.groups.flatMap((g) => g.lines).map((l) => [l.productId, l.flags]));
    expect(flags).toEqual({ [cheap.id]: ['price_changed'], [scarce.id]: ['insufficient_stock'], [gone.id]: ['unavailable'] });
    expect(view.hasIssues).toBe(true);
    const accepted = await cart({ cartToken: token, method: 'POST', url: '/api/cart/accept-changes' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.hasIssues).toBe(false);
    const lines = accepted.body.groups.flatMap((g) => g.lines);
    expect(lines.map((l) => [l.productId, l.quantity, l.addedPriceVnd])).toEqual([[cheap.id, 1, 120_000], [scarce.id, 2, 50_000]]);
  });

  it('merges a guest cart into the buyer cart once; checkout from the cart refuses flagged lines (409 CART_CHANGED)', async () => {
    const token = await guestCart();
    const tea = await aListing(api, shop, { priceVnd: 90_000, stock: 20 });
    await cart({ token: buyer.accessToken, method: 'PUT', url: `/api/cart/items/${tea.id}`, body: { quantity: 1 } });
    await cart({ cartToken: token, method: 'PUT', url: `/api/cart/items/${tea.id}`, body: { quantity: 2 } });
    const merged = await cart({ token: buyer.accessToken, cartToken: token, method: 'POST', url: '/api/cart/merge' });
    expect(merged.status).toBe(200);
    expect(merged.body.groups.flatMap((g) => g.lines).find((l) => l.productId === tea.id)?.quantity).toBe(3);
    expect((await cart({ token: buyer.accessToken, cartToken: token, method: 'POST', url: '/api/cart/merge' })).status).toBe(404);
    expect((await cart({ cartToken: token })).status).toBe(404);
    // A guest may not merge into anyone's cart.
    expect((await cart({ cartToken: await guestCart(), method: 'POST', url: '/api/cart/merge' })).status).toBe(401);

    await api.request({ method: 'PATCH', url: `/api/products/${tea.id}`, token: shop.agent.accessToken, body: { priceVnd: 95_000 } });
    const refused = await checkout(api, buyer, { paymentMethod: 'cod' });
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as ApiError).code).toBe('CART_CHANGED');
    expect((refused.body as unknown as ApiError).issues?.[0]?.path).toBe(`items.${tea.id}`);
    expect(await stockOf(api, tea.id)).toBe(20);
    await cart({ token: buyer.accessToken, method: 'POST', url: '/api/cart/accept-changes' });
    const ok = await checkout(api, buyer, { paymentMethod: 'cod' });
    expect(ok.status).toBe(201);
    expect(ok.body.orders[0]).toMatchObject({ itemsTotalVnd: 3 * 95_000, itemCount: 3 });
    expect(await stockOf(api, tea.id)).toBe(17);
    // The bought lines left the cart.
    expect((await cart({ token: buyer.accessToken })).body.groups.flatMap((g) => g.lines).some((l) => l.productId === tea.id)).toBe(false);
    const empty = await checkout(api, buyer, { paymentMethod: 'cod' });
    expect(empty.status).toBe(400);
    expect((empty.body as unknown as ApiError).code).toBe('CART_EMPTY');
  });

  it('keeps a buyer’s addresses on the 2025 units (commune in province), at most 10, own only', async () => {
    const me = await anAccount().create(api);
    const created = await api.request<Address>({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: { ...HANOI_ADDRESS, phone: '+84 912 345 678' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: '0912345678', provinceName: 'Thành phố Hà Nội', communeName: 'Phường Ba Đình', adminEra: '2025' });
    const outside = await api.request<ApiError>({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: { ...HANOI_ADDRESS, communeCode: '05503' } });
    expect(outside.status).toBe(400);
    expect(outside.body.issues?.[0]?.path).toBe('communeCode');
    expect((await api.request<ApiError>({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: { ...HANOI_ADDRESS, provinceCode: '99' } })).body.issues?.[0]?.path).toBe('provinceCode');
    expect((await api.request({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: { ...HANOI_ADDRESS, phone: '12345' } })).status).toBe(400);
    const patched = await api.request<Address>({ method: 'PATCH', url: `/api/me/addresses/${created.body.id}`, token: me.accessToken, body: { provinceCode: '19', communeCode: '05503' } });
    expect(patched.body).toMatchObject({ provinceCode: '19', communeCode: '05503' });
    expect((await api.request({ method: 'PATCH', url: `/api/me/addresses/${created.body.id}`, token: me.accessToken, body: { communeCode: '00004' } })).status).toBe(400);
    // Someone else's address looks missing.
    const stranger = await anAccount().create(api);
    expect((await api.request({ method: 'PATCH', url: `/api/me/addresses/${created.body.id}`, token: stranger.accessToken, body: { street: 'x y z' } })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', url: `/api/me/addresses/${created.body.id}`, token: stranger.accessToken })).status).toBe(404);
    const strangerCheckout = await checkout(api, stranger, { addressId: created.body.id, address: undefined, items: [{ productId: (await aListing(api, shop)).id, quantity: 1 }] });
    expect(strangerCheckout.status).toBe(400);
    for (let i = 1; i < 10; i++) expect((await api.request({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: HANOI_ADDRESS })).status).toBe(201);
    const eleventh = await api.request<ApiError>({ method: 'POST', url: '/api/me/addresses', token: me.accessToken, body: HANOI_ADDRESS });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.code).toBe('ADDRESS_LIMIT');
    const list = await api.request<AddressList>({ method: 'GET', url: '/api/me/addresses', token: me.accessToken });
    expect(list.body.items).toHaveLength(10);
    expect((await api.request({ method: 'DELETE', url: `/api/me/addresses/${created.body.id}`, token: me.accessToken })).status).toBe(204);
    // Checkout to a saved address.
    const saved = list.body.items[1]!;
    const tea = await aListing(api, shop);
    const res = await checkout(api, me, { addressId: saved.id, address: undefined, items: [{ productId: tea.id, quantity: 1 }] });
    expect(res.status).toBe(201);
  });
});
