import { Types } from 'mongoose';
import { isDuplicateKeyError } from '@nss/server-core';
import type { ApiError, DiaryEntry, Lot, LotDetail, LotDiary, LotPage, Product } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aDiaryEntry, aLot, aLotCode, diaryBody, lotBody } from '../support/lots.factory';
import { aSeller, COMMUNES, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, type TestApi } from '../support/test-api';
import { issuePaths } from '../support/test-helpers';

/** The field paths a 400 names. */

describe('Lots and the production diary (real database and Redis)', () => {
  let api: TestApi;
  /** Self-registered sellers of Thái Nguyên (19), each with a product. */
  let s1: CreatedSeller;
  let s2: CreatedSeller;
  let token1: string;
  let token2: string;
  let p1: Product;
  let p2: Product;
  /** A photo of p1. */
  let photo1: string;
  let agent: CreatedAccount;
  let otherAgent19: CreatedAccount;
  let agent04: CreatedAccount;
  /** A household managed by `agent`, and its product. */
  let managed: CreatedSeller;
  let pm: Product;
  let seller04: CreatedSeller;
  let p4: Product;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;
  let admin: CreatedAccount;
  let buyer: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    s1 = await aSeller().verified().create(api);
    s2 = await aSeller().named('Hộ bà Hoa').create(api);
    token1 = s1.sellerToken as string;
    token2 = s2.sellerToken as string;
    p1 = await aProduct().create(api, token1);
    p2 = await aProduct().named('Gạo nếp cái hoa vàng').create(api, token2);
    const upload = multipartFile(await aPng(64, 48));
    const withPhoto = await api.request<Product>({ method: 'POST', url: `/api/products/${p1.id}/photos`, token: token1, ...upload });
    photo1 = withPhoto.body.photos[0]?.id as string;
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
    otherAgent19 = await anAccount().withRole('agent').inProvince('19').create(api);
    agent04 = await anAccount().withRole('agent').inProvince('04').create(api);
    managed = await aSeller().byAgent(agent).create(api);
    pm = await aProduct().with({ sellerId: managed.seller.id }).create(api, agent.accessToken);
    seller04 = await aSeller().inCommune(COMMUNES.thucPhan.provinceCode, COMMUNES.thucPhan.communeCode).byAgent(agent04).create(api);
    p4 = await aProduct().with({ sellerId: seller04.seller.id }).create(api, agent04.accessToken);
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
    admin = await anAccount().withRole('admin').create(api);
    buyer = await anAccount().create(api);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const lotsInDb = (filter: Record<string, unknown>) => api.connection.collection('lots').countDocuments(filter);
  const entriesInDb = (lotId: string) => api.connection.collection('lot_diary').find({ lotId }).toArray();
  const getLot = (token: string | undefined, id: string) => api.request<LotDetail>({ method: 'GET', url: `/api/lots/${id}`, token });
  const postLot = (token: string, body: unknown) => api.request<Lot>({ method: 'POST', url: '/api/lots', token, body });
  const patchLot = (token: string, id: string, body: unknown) => api.request<Lot>({ method: 'PATCH', url: `/api/lots/${id}`, token, body });
  const postEntry = (token: string, lotId: string, body: unknown) => api.request<DiaryEntry>({ method: 'POST', url: `/api/lots/${lotId}/diary`, token, body });
  const readDiary = (token: string, lotId: string) => api.request<LotDiary>({ method: 'GET', url: `/api/lots/${lotId}/diary`, token });

  describe('recording a lot', () => {
    it('records a seller’s lot of its own product with the Circular 02 facts, and reads it back', async () => {
      const body = lotBody(p1.id, { standards: ['VietGAP', 'OCOP'], photoIds: [photo1], shelfLifeDays: 365 });
      const res = await postLot(token1, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code: body.code,
        productId: p1.id,
        productName: p1.name,
        sellerId: s1.seller.id,
        sellerName: s1.seller.displayName,
        provinceCode: '19',
        communeCode: '05503',
        adminEra: '2025',
        producedOn: '2026-03-15',
        expiresOn: '2027-03-15',
        shelfLifeDays: 365,
        quantity: 120.5,
        unit: 'kg',
        standards: ['VietGAP', 'OCOP'],
        photoIds: [photo1],
        note: 'Chè búp vụ xuân, hái tay',
        status: 'open',
      });
      expect(res.body.communeName).toMatch(/Tân Cương/);
      const read = await getLot(token1, res.body.id);
      expect(read.status).toBe(200);
      // The lot as created, and its sales (none yet: see traceability-sales.int-spec.ts).
      expect(read.body).toEqual({ ...res.body, sales: [] });
    });

    it('lets an agent record a lot for a household it manages, and only with the household named', async () => {
      const body = lotBody(pm.id);
      const without = await postLot(agent.accessToken, body);
      expect(without.status).toBe(400);
      expect(issuePaths(without.body)).toEqual(['sellerId']);
      expect((await postLot(otherAgent19.accessToken, { ...body, sellerId: managed.seller.id })).status).toBe(403);
      expect((await postLot(agent04.accessToken, { ...body, sellerId: managed.seller.id })).status).toBe(403);
      expect((await postLot(token1, { ...body, sellerId: managed.seller.id })).status).toBe(403);
      const made = await postLot(agent.accessToken, { ...body, sellerId: managed.seller.id });
      expect(made.status).toBe(201);
      expect(made.body.sellerId).toBe(managed.seller.id);
      expect(await lotsInDb({ code: body.code })).toBe(1);
    });

    it('refuses staff, admins and buyers as writers (403) and anonymous callers (401)', async () => {
      for (const who of [staff19, admin, buyer]) expect((await postLot(who.accessToken, lotBody(p1.id))).status).toBe(403);
      expect((await api.request({ method: 'POST', url: '/api/lots', body: lotBody(p1.id) })).status).toBe(401);
    });

    it('answers malformed bodies with 400 naming every field at fault, and stores nothing', async () => {
      const code = aLotCode();
      const res = await postLot(token1, {
        ...lotBody(p1.id, { code }),
        producedOn: '2999-01-01',
        expiresOn: '15/03/2027',
        quantity: -1,
        unit: 'tấn',
        communeCode: '123',
        standards: [''],
        price: 5,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', messageEn: expect.any(String) });
      expect(issuePaths(res.body)).toEqual(['communeCode', 'expiresOn', 'price', 'producedOn', 'quantity', 'standards.0', 'unit']);
      const expiry = await postLot(token1, lotBody(p1.id, { code, producedOn: '2026-03-15', expiresOn: '2026-03-01' }));
      expect(issuePaths(expiry.body)).toEqual(['expiresOn']);
      const badCode = await postLot(token1, lotBody(p1.id, { code: 'LÔ/01' }));
      expect(issuePaths(badCode.body)).toEqual(['code']);
      expect(await lotsInDb({ code })).toBe(0);
    });

    it('takes only the seller’s own products, a commune of its province and photos of that product (400 naming them)', async () => {
      const code = aLotCode();
      const other = await postLot(token1, lotBody(p2.id, { code }));
      expect(other.status).toBe(400);
      expect(issuePaths(other.body)).toEqual(['productId']);
      const unknown = await postLot(token1, lotBody(new Types.ObjectId().toHexString(), { code }));
      expect(issuePaths(unknown.body)).toEqual(['productId']);
      const place = await postLot(token1, lotBody(p1.id, { code, communeCode: COMMUNES.thucPhan.communeCode }));
      expect(issuePaths(place.body)).toEqual(['communeCode']);
      const photo = await postLot(token1, lotBody(p1.id, { code, photoIds: [photo1, new Types.ObjectId().toHexString()] }));
      expect(issuePaths(photo.body)).toEqual(['photoIds.1']);
      const agentOther = await postLot(agent.accessToken, lotBody(p1.id, { code, sellerId: managed.seller.id }));
      expect(issuePaths(agentOther.body)).toEqual(['productId']);
      expect(await lotsInDb({ code })).toBe(0);
    });

    it('keeps lot codes unique per seller (409 LOT_CODE_TAKEN), also under concurrent requests', async () => {
      const code = aLotCode();
      expect((await postLot(token1, lotBody(p1.id, { code }))).status).toBe(201);
      const again = await postLot(token1, lotBody(p1.id, { code }));
      expect(again.status).toBe(409);
      expect((again.body as unknown as ApiError).code).toBe('LOT_CODE_TAKEN');
      // Another seller may use the same code.
      expect((await postLot(token2, lotBody(p2.id, { code }))).status).toBe(201);

      const raced = aLotCode();
      const answers = await Promise.all(Array.from({ length: 8 }, () => postLot(token1, lotBody(p1.id, { code: raced }))));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => (a.body as unknown as ApiError).code === 'LOT_CODE_TAKEN')).toBe(true);
      expect(await lotsInDb({ sellerId: s1.seller.id, code: raced })).toBe(1);
    });
  });

  describe('who sees which lot', () => {
    let lot1: Lot;
    let lotM: Lot;
    let lot4: Lot;

    beforeAll(async () => {
      lot1 = await aLot(api, token1, p1.id);
      lotM = await aLot(api, agent.accessToken, pm.id, { sellerId: managed.seller.id });
      lot4 = await aLot(api, agent04.accessToken, p4.id, { sellerId: seller04.seller.id, communeCode: COMMUNES.thucPhan.communeCode });
    });

    it('shows a lot to its seller, its managing agent, staff of its province and admins; to everyone else it is missing', async () => {
      expect((await getLot(token1, lot1.id)).status).toBe(200);
      expect((await getLot(staff19.accessToken, lot1.id)).status).toBe(200);
      expect((await getLot(admin.accessToken, lot1.id)).status).toBe(200);
      expect((await getLot(token2, lot1.id)).status).toBe(404);
      expect((await getLot(staff04.accessToken, lot1.id)).status).toBe(404);
      expect((await getLot(agent.accessToken, lot1.id)).status).toBe(404);

      expect((await getLot(agent.accessToken, lotM.id)).status).toBe(200);
      expect((await getLot(otherAgent19.accessToken, lotM.id)).status).toBe(404);
      expect((await getLot(agent04.accessToken, lotM.id)).status).toBe(404);

      expect((await getLot(staff04.accessToken, lot4.id)).status).toBe(200);
      expect((await getLot(staff19.accessToken, lot4.id)).status).toBe(404);
      expect((await getLot(agent.accessToken, lot4.id)).status).toBe(404);

      expect((await getLot(buyer.accessToken, lot1.id)).status).toBe(403);
      expect((await getLot(undefined, lot1.id)).status).toBe(401);
      expect((await getLot(token1, new Types.ObjectId().toHexString())).status).toBe(404);
      const upper = await getLot(token1, lot1.id.toUpperCase());
      expect(upper.status).toBe(400);
      expect(issuePaths(upper.body)).toEqual(['id']);
    });

    it('hides another seller’s or province’s lot from writers too (404), diary included', async () => {
      expect((await patchLot(token2, lot1.id, { quantity: 1 })).status).toBe(404);
      expect((await patchLot(otherAgent19.accessToken, lotM.id, { quantity: 1 })).status).toBe(404);
      expect((await patchLot(agent04.accessToken, lotM.id, { quantity: 1 })).status).toBe(404);
      expect((await postEntry(token2, lot1.id, diaryBody())).status).toBe(404);
      expect((await postEntry(agent04.accessToken, lotM.id, diaryBody())).status).toBe(404);
      expect((await readDiary(token2, lot1.id)).status).toBe(404);
      expect((await readDiary(staff04.accessToken, lot1.id)).status).toBe(404);
      expect((await patchLot(staff19.accessToken, lot1.id, { quantity: 1 })).status).toBe(403);
      expect((await postEntry(admin.accessToken, lot1.id, diaryBody())).status).toBe(403);
      expect(await entriesInDb(lot1.id)).toEqual([]);
    });

    it('ends an agent’s access once the household is handed over', async () => {
      const household = await aSeller().byAgent(agent).create(api);
      const product = await aProduct().with({ sellerId: household.seller.id }).create(api, agent.accessToken);
      const lot = await aLot(api, agent.accessToken, product.id, { sellerId: household.seller.id });
      await api.connection.collection('sellers').updateOne({ _id: new Types.ObjectId(household.seller.id) }, { $set: { handedOverAt: new Date() } });
      expect((await getLot(agent.accessToken, lot.id)).status).toBe(404);
      expect((await postEntry(agent.accessToken, lot.id, diaryBody())).status).toBe(404);
      expect((await postLot(agent.accessToken, lotBody(product.id, { sellerId: household.seller.id }))).status).toBe(403);
    });

    it('lists a seller’s own lots, an agent’s household’s, staff their province’s and admins all, with filters', async () => {
      const mine = await api.request<LotPage>({ method: 'GET', url: '/api/lots?pageSize=100', token: token1 });
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((l) => l.sellerId === s1.seller.id)).toBe(true);
      expect(mine.body.total).toBe(await lotsInDb({ sellerId: s1.seller.id }));

      const naming = await api.request({ method: 'GET', url: `/api/lots?sellerId=${s2.seller.id}`, token: token1 });
      expect(naming.status).toBe(403);
      const agentWithout = await api.request({ method: 'GET', url: '/api/lots', token: agent.accessToken });
      expect(agentWithout.status).toBe(400);
      expect(issuePaths(agentWithout.body)).toEqual(['sellerId']);
      const household = await api.request<LotPage>({ method: 'GET', url: `/api/lots?sellerId=${managed.seller.id}`, token: agent.accessToken });
      expect(household.body.items.map((l) => l.id)).toContain(lotM.id);
      expect(household.body.items.every((l) => l.sellerId === managed.seller.id)).toBe(true);
      expect((await api.request({ method: 'GET', url: `/api/lots?sellerId=${s1.seller.id}`, token: agent.accessToken })).status).toBe(403);

      const province = await api.request<LotPage>({ method: 'GET', url: '/api/lots?pageSize=100', token: staff19.accessToken });
      expect(province.body.items.every((l) => l.provinceCode === '19')).toBe(true);
      expect(province.body.items.map((l) => l.id)).toEqual(expect.arrayContaining([lot1.id, lotM.id]));
      const elsewhere = await api.request<LotPage>({ method: 'GET', url: `/api/lots?sellerId=${seller04.seller.id}`, token: staff19.accessToken });
      expect(elsewhere.body.total).toBe(0);
      const everything = await api.request<LotPage>({ method: 'GET', url: '/api/lots?pageSize=100', token: admin.accessToken });
      expect(everything.body.items.map((l) => l.id)).toEqual(expect.arrayContaining([lot1.id, lotM.id, lot4.id]));

      const byProduct = await api.request<LotPage>({ method: 'GET', url: `/api/lots?productId=${pm.id}`, token: staff19.accessToken });
      expect(byProduct.body.items.map((l) => l.id)).toContain(lotM.id);
      expect(byProduct.body.items.every((l) => l.productId === pm.id)).toBe(true);
      const page = await api.request<LotPage>({ method: 'GET', url: '/api/lots?pageSize=1&page=2', token: token1 });
      expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      const bad = await api.request({ method: 'GET', url: '/api/lots?status=sold&pageSize=0', token: token1 });
      expect(bad.status).toBe(400);
      expect(issuePaths(bad.body)).toEqual(['pageSize', 'status']);
    });
  });

  describe('changing a lot', () => {
    it('changes the facts, clears optional ones and closes the lot', async () => {
      const lot = await aLot(api, token1, p1.id);
      const res = await patchLot(token1, lot.id, { quantity: 80, expiresOn: null, note: null, standards: ['VietGAP', 'HACCP'], status: 'closed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ quantity: 80, expiresOn: null, note: null, standards: ['VietGAP', 'HACCP'], status: 'closed', code: lot.code });
      const closed = await api.request<LotPage>({ method: 'GET', url: '/api/lots?status=closed&pageSize=100', token: token1 });
      expect(closed.body.items.map((l) => l.id)).toContain(lot.id);
      expect((await patchLot(agent.accessToken, (await aLot(api, agent.accessToken, pm.id, { sellerId: managed.seller.id })).id, { unit: 'box' })).body.unit).toBe('box');
    });

    it('answers bad changes with 400 naming the field and changes nothing', async () => {
      const lot = await aLot(api, token1, p1.id, { producedOn: '2026-03-15', expiresOn: '2027-03-15' });
      expect(issuePaths((await patchLot(token1, lot.id, {})).body)).toEqual(['']);
      expect(issuePaths((await patchLot(token1, lot.id, { productId: p2.id })).body)).toEqual(['productId']);
      expect(issuePaths((await patchLot(token1, lot.id, { expiresOn: '2026-01-01' })).body)).toEqual(['expiresOn']);
      expect(issuePaths((await patchLot(token1, lot.id, { communeCode: COMMUNES.thucPhan.communeCode })).body)).toEqual(['communeCode']);
      expect(issuePaths((await patchLot(token1, lot.id, { photoIds: [new Types.ObjectId().toHexString()] })).body)).toEqual(['photoIds.0']);
      expect(issuePaths((await patchLot(token1, lot.id, { quantity: 'nhiều' })).body)).toEqual(['quantity']);
      expect((await getLot(token1, lot.id)).body).toEqual({ ...lot, sales: [] });
    });

    it('renames a lot until stamps are requested for it (then 409 LOT_CODE_LOCKED), and never onto a taken code', async () => {
      const lot = await aLot(api, token1, p1.id);
      const taken = await aLot(api, token1, p1.id);
      const clash = await patchLot(token1, lot.id, { code: taken.code });
      expect(clash.status).toBe(409);
      expect((clash.body as unknown as ApiError).code).toBe('LOT_CODE_TAKEN');
      const renamed = aLotCode();
      expect((await patchLot(token1, lot.id, { code: renamed })).body.code).toBe(renamed);

      const batches = api.connection.collection('stamp_batches');
      const batch = { lotId: lot.id, sellerId: s1.seller.id, provinceCode: '19', code: `LT${aLotCode().slice(2)}`, quantity: 10 };
      await batches.insertOne({ ...batch, status: 'rejected' });
      expect((await patchLot(token1, lot.id, { code: aLotCode() })).status).toBe(200);
      await batches.insertOne({ ...batch, code: `LT${aLotCode().slice(2)}`, status: 'ready' });
      const locked = await patchLot(token1, lot.id, { code: aLotCode() });
      expect(locked.status).toBe(409);
      expect((locked.body as unknown as ApiError).code).toBe('LOT_CODE_LOCKED');
      // Everything else may still change.
      expect((await patchLot(token1, lot.id, { quantity: 3 })).status).toBe(200);
    });
  });

  describe('the production diary', () => {
    let lot: Lot;
    beforeAll(async () => {
      lot = await aLot(api, token1, p1.id);
    });

    it('records entries and reads them back in the order they happened', async () => {
      const harvest = await aDiaryEntry(api, token1, lot.id, { type: 'harvest', at: '2026-03-15T01:30:00.000Z' });
      const planting = await aDiaryEntry(api, token1, lot.id, { type: 'planting', at: '2025-11-02T03:00:00.000Z', place: { text: 'Đồi chè số 3' }, photoId: photo1 });
      expect(harvest).toMatchObject({
        lotId: lot.id,
        type: 'harvest',
        at: '2026-03-15T01:30:00.000Z',
        place: { text: 'Đồi chè xóm Hồng Thái 2', communeCode: '05503', communeName: expect.stringMatching(/Tân Cương/) },
        note: 'Hái một tôm hai lá',
        inputs: [],
        photoId: null,
      });
      expect(planting).toMatchObject({ place: { text: 'Đồi chè số 3', communeCode: null, communeName: null }, photoId: photo1, note: 'Hái một tôm hai lá' });
      for (const who of [token1, staff19.accessToken, admin.accessToken]) {
        const res = await readDiary(who, lot.id);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ lotId: lot.id, items: [planting, harvest] });
      }
    });

    it('stores an entry sent again with the same clientId once, answering 200 with the stored entry', async () => {
      const body = diaryBody({ type: 'drying' });
      const first = await postEntry(token1, lot.id, body);
      expect(first.status).toBe(201);
      const again = await postEntry(token1, lot.id, body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      // The replay is answered with what was stored, whatever its body says now.
      const changed = await postEntry(token1, lot.id, { ...body, note: 'sửa lại' });
      expect(changed.status).toBe(200);
      expect(changed.body.note).toBe(first.body.note);
      expect((await entriesInDb(lot.id)).filter((e) => e['clientId'] === body.clientId)).toHaveLength(1);
      // The same device id on another lot is another entry.
      const otherLot = await aLot(api, token1, p1.id);
      expect((await postEntry(token1, otherLot.id, body)).status).toBe(201);
    });

    it('stores concurrent duplicates once: one 201, the rest 200 with the same entry', async () => {
      const body = diaryBody({ type: 'packing' });
      const answers = await Promise.all(Array.from({ length: 12 }, () => postEntry(token1, lot.id, body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect((await entriesInDb(lot.id)).filter((e) => e['clientId'] === body.clientId)).toHaveLength(1);

      // Two entries replayed three times each, interleaved.
      const a = diaryBody({ type: 'irrigation' });
      const b = diaryBody({ type: 'spraying', note: 'Phun chế phẩm sinh học' });
      const mixed = await Promise.all([a, b, a, b, a, b].map((e) => postEntry(token1, lot.id, e)));
      expect(mixed.filter((m) => m.status === 201)).toHaveLength(2);
      const stored = await entriesInDb(lot.id);
      expect(stored.filter((e) => e['clientId'] === a.clientId)).toHaveLength(1);
      expect(stored.filter((e) => e['clientId'] === b.clientId)).toHaveLength(1);
    });

    it('keeps the last guard: concurrent inserts of one (lot, clientId) behind the lock’s back store one, the rest fail as duplicates', async () => {
      // What the service falls back on when the lock is not enough (Redis lost it): the unique index, whose refusals
      // come as 11000 or, on FerretDB, as code 1 "UNIQUE constraint failed" — both read as "stored already".
      const clientId = diaryBody().clientId;
      const row = {
        lotId: lot.id, sellerId: s1.seller.id, provinceCode: '19', clientId, type: 'other', at: new Date('2026-03-01T00:00:00Z'),
        place: { text: 'Đồi chè', communeCode: null }, note: null, photoId: null, inputs: [], recordedByUserId: 'u1', recordedAt: new Date(),
      };
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => api.connection.collection('lot_diary').insertOne({ ...row })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(refusals.every((e) => isDuplicateKeyError(e))).toBe(true);
      const replay = await postEntry(token1, lot.id, diaryBody({ clientId }));
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ clientId, type: 'other', place: { text: 'Đồi chè' } });
      expect((await entriesInDb(lot.id)).filter((e) => e['clientId'] === clientId)).toHaveLength(1);
    });

    it('records processing with the seller’s own lots as inputs, and refuses anyone else’s', async () => {
      const leaves = await aLot(api, token1, p1.id);
      const stems = await aLot(api, token1, p1.id);
      const processing = await postEntry(token1, lot.id, diaryBody({ type: 'processing', inputs: [{ lotId: leaves.id, quantity: 40 }, { lotId: stems.id }] }));
      expect(processing.status).toBe(201);
      expect(processing.body.inputs).toEqual([
        { lotId: leaves.id, lotCode: leaves.code, quantity: 40 },
        { lotId: stems.id, lotCode: stems.code, quantity: null },
      ]);

      const foreign = await aLot(api, token2, p2.id);
      const before = (await entriesInDb(lot.id)).length;
      const refused = await postEntry(token1, lot.id, diaryBody({ type: 'processing', inputs: [{ lotId: leaves.id }, { lotId: foreign.id }, { lotId: new Types.ObjectId().toHexString() }] }));
      expect(refused.status).toBe(400);
      expect(issuePaths(refused.body)).toEqual(['inputs.1.lotId', 'inputs.2.lotId']);
      expect(issuePaths((await postEntry(token1, lot.id, diaryBody({ type: 'processing', inputs: [{ lotId: lot.id }] }))).body)).toEqual(['inputs.0.lotId']);
      expect(issuePaths((await postEntry(token1, lot.id, diaryBody({ type: 'harvest', inputs: [{ lotId: leaves.id }] }))).body)).toEqual(['inputs']);
      expect((await entriesInDb(lot.id)).length).toBe(before);
    });

    it('answers malformed entries with 400 naming the field, and stores nothing', async () => {
      const before = (await entriesInDb(lot.id)).length;
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ clientId: diaryBody().clientId.toUpperCase() }, ['clientId']],
        [{ clientId: 'offline-1' }, ['clientId']],
        [{ type: 'selling' }, ['type']],
        [{ at: '2026-03-15 08:30' }, ['at']],
        [{ at: new Date(Date.now() + 3 * 86_400_000).toISOString() }, ['at']],
        [{ place: { text: '' } }, ['place.text']],
        [{ place: { text: 'Đồi chè', communeCode: '99999' } }, ['place.communeCode']],
        [{ photoId: new Types.ObjectId().toHexString() }, ['photoId']],
        [{ recordedByUserId: 'me' }, ['recordedByUserId']],
      ];
      for (const [overrides, paths] of cases) {
        const res = await postEntry(token1, lot.id, { ...diaryBody(), ...overrides });
        expect([res.status, issuePaths(res.body)]).toEqual([400, paths]);
      }
      expect((await entriesInDb(lot.id)).length).toBe(before);
    });

    it('lets the managing agent keep a household’s diary', async () => {
      const lotM = await aLot(api, agent.accessToken, pm.id, { sellerId: managed.seller.id });
      const entry = await aDiaryEntry(api, agent.accessToken, lotM.id, { type: 'fertilising' });
      expect(entry.recordedByUserId).toBe(agent.user.id);
      expect((await readDiary(agent.accessToken, lotM.id)).body.items.map((e) => e.id)).toEqual([entry.id]);
      expect((await readDiary(otherAgent19.accessToken, lotM.id)).status).toBe(404);
    });
  });
});
