import type { Address, AddressList, ApiError } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, aShop, checkout, HANOI_ADDRESS } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/** A Thái Nguyên address for the second entry of a book (Xã Tân Cương). */
const THAI_NGUYEN_ADDRESS = { recipientName: 'Lê Văn Nhận', phone: '0987654321', street: 'Tổ 5, đường Hoàng Văn Thụ', provinceCode: '19', communeCode: '05503' } as const;

/** The buyer's address book on the real database and Redis: own addresses only, validation, the cap, the default. */
describe('buyer address book (real database and Redis)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  const add = (who: CreatedAccount, body: Record<string, unknown>) => api.request<Address>({ method: 'POST', url: '/api/me/addresses', token: who.accessToken, body });
  const book = async (who: CreatedAccount) => (await api.request<AddressList>({ method: 'GET', url: '/api/me/addresses', token: who.accessToken })).body.items;
  const makeDefault = (who: CreatedAccount, id: string) => api.request<Address>({ method: 'POST', url: `/api/me/addresses/${id}/default`, token: who.accessToken });
  const patch = (who: CreatedAccount, id: string, body: Record<string, unknown>) =>
    api.request<Address>({ method: 'PATCH', url: `/api/me/addresses/${id}`, token: who.accessToken, body });
  const remove = (who: CreatedAccount, id: string) => api.request({ method: 'DELETE', url: `/api/me/addresses/${id}`, token: who.accessToken });

  it('keeps exactly one default: the first address, then the one chosen last; deleting it falls back', async () => {
    const me = await anAccount().create(api);
    const home = await add(me, HANOI_ADDRESS);
    expect(home.status).toBe(201);
    expect(home.body.isDefault).toBe(true);
    const work = await add(me, THAI_NGUYEN_ADDRESS);
    expect(work.body).toMatchObject({ isDefault: false, provinceName: 'Thái Nguyên', communeName: 'Xã Tân Cương' });

    const chosen = await makeDefault(me, work.body.id);
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ id: work.body.id, isDefault: true });
    // The default comes first; no other address is the default.
    expect((await book(me)).map((a) => [a.id, a.isDefault])).toEqual([
      [work.body.id, true],
      [home.body.id, false],
    ]);

    // A new address can be made the default at once; editing another leaves the default where it is.
    const parents = await add(me, { ...HANOI_ADDRESS, recipientName: 'Trần Văn Bố', isDefault: true });
    expect(parents.body.isDefault).toBe(true);
    expect((await patch(me, home.body.id, { street: '14 Phố Huế' })).body).toMatchObject({ street: '14 Phố Huế', isDefault: false });
    expect((await book(me)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([parents.body.id]);

    // Deleting the default: the one chosen before it becomes the default again.
    expect((await remove(me, parents.body.id)).status).toBe(204);
    expect((await book(me)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([work.body.id]);
    // Making the default the default again changes nothing visible.
    expect((await makeDefault(me, work.body.id)).body.isDefault).toBe(true);

    // Checkout to the default address delivers there.
    const shop = await aShop(api);
    const tea = await aListing(api, shop);
    const res = await checkout(api, me, { addressId: work.body.id, address: undefined, items: [{ productId: tea.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    const order = await api.connection.collection('orders').findOne({ code: res.body.orders[0]!.code });
    expect(order?.['shippingAddress']).toMatchObject({ recipientName: 'Lê Văn Nhận', provinceCode: '19', communeCode: '05503' });
  });

  it('shows and changes a buyer’s own addresses only: anyone else’s looks missing (404), and their book is theirs', async () => {
    const me = await anAccount().create(api);
    const stranger = await anAccount().create(api);
    const mine = await add(me, HANOI_ADDRESS);
    await add(stranger, THAI_NGUYEN_ADDRESS);

    expect((await patch(stranger, mine.body.id, { street: '99 Phố Lạ' })).status).toBe(404);
    expect((await makeDefault(stranger, mine.body.id)).status).toBe(404);
    expect((await remove(stranger, mine.body.id)).status).toBe(404);
    expect((await book(stranger)).map((a) => a.id)).not.toContain(mine.body.id);
    // Nothing changed on the owner's side.
    expect(await book(me)).toEqual([expect.objectContaining({ id: mine.body.id, street: HANOI_ADDRESS.street, isDefault: true })]);
    // An address that does not exist is missing too; other roles have no address book.
    expect((await patch(me, '0123456789abcdef01234567', { street: '1 Phố Mới' })).status).toBe(404);
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    expect((await api.request({ method: 'GET', url: '/api/me/addresses', token: staff.accessToken })).status).toBe(403);
    expect((await api.request({ method: 'GET', url: '/api/me/addresses' })).status).toBe(401);
  });

  it('validates every field (400 naming it) and saves nothing half-way', async () => {
    const me = await anAccount().create(api);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...HANOI_ADDRESS, communeCode: '05503' }, 'communeCode'],
      [{ ...HANOI_ADDRESS, provinceCode: '99' }, 'provinceCode'],
      [{ ...HANOI_ADDRESS, phone: '0212345' }, 'phone'],
      [{ ...HANOI_ADDRESS, recipientName: ' A ' }, 'recipientName'],
      [{ ...HANOI_ADDRESS, street: 'x'.repeat(201) }, 'street'],
      [{ ...HANOI_ADDRESS, isDefault: 'yes' }, 'isDefault'],
      [{ ...HANOI_ADDRESS, ownerUserId: 'someone' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await add(me, body);
      expect(res.status).toBe(400);
      const error = res.body as unknown as ApiError;
      expect(error.message).toBeTruthy();
      expect(error.messageEn).toBeTruthy();
      if (path) expect(error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(await book(me)).toEqual([]);

    const saved = await add(me, HANOI_ADDRESS);
    // A patch that moves the province without the commune leaves the commune outside it: refused, nothing saved.
    const moved = await patch(me, saved.body.id, { provinceCode: '19', street: '1 Đường Mới' });
    expect(moved.status).toBe(400);
    expect((moved.body as unknown as ApiError).issues?.[0]?.path).toBe('communeCode');
    expect((await patch(me, saved.body.id, {})).status).toBe(400);
    expect((await patch(me, saved.body.id, { isDefault: true })).status).toBe(400);
    expect((await patch(me, saved.body.id, { phone: '+84 98 765 43 21' })).body.phone).toBe('0987654321');
    expect((await api.request({ method: 'PATCH', url: '/api/me/addresses/not-an-id', token: me.accessToken, body: { street: '1 Phố' } })).status).toBe(400);
    expect(await book(me)).toEqual([expect.objectContaining({ street: HANOI_ADDRESS.street, provinceCode: '01', communeCode: '00004', phone: '0987654321' })]);
  });

  it('holds the cap of 10 addresses against concurrent additions (409 ADDRESS_LIMIT), and frees a place on delete', async () => {
    const me = await anAccount().create(api);
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => add(me, { ...HANOI_ADDRESS, street: `${i + 1} Phố Huế` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect((r.body as unknown as ApiError).code).toBe('ADDRESS_LIMIT');
    }
    const items = await book(me);
    expect(items).toHaveLength(10);
    expect(await api.connection.collection('buyer_addresses').countDocuments({ ownerUserId: me.user.id })).toBe(10);
    expect(items.filter((a) => a.isDefault)).toHaveLength(1);

    expect((await remove(me, items[3]!.id)).status).toBe(204);
    expect((await add(me, THAI_NGUYEN_ADDRESS)).status).toBe(201);
    expect((await add(me, THAI_NGUYEN_ADDRESS)).status).toBe(409);
  });
});
