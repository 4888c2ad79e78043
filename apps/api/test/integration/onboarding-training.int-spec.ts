import { SellerDirectory } from '@nss/onboarding-api';
import { aPhone, anAccount, type CreatedAccount, DEFAULT_TEST_PASSWORD } from '../support/accounts.factory';
import { aSeller, COMMUNES, sellerBody } from '../support/onboarding.factory';
import { aClientAddress } from '../support/client-address';
import { startTestApi, TestApi } from '../support/test-api';
import { vnDayKey, vnDayStart } from '@nss/util-vn';

/** Two days ago in Vietnam: a session day that is never in the future. */
const DAY = vnDayKey(new Date(Date.now() - 2 * 86_400_000));

const paths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

describe('Onboarding: training sessions and the funnel (real database and Redis)', () => {
  let api: TestApi;
  let agent: CreatedAccount;
  let staff: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('records attendance, marks matching sellers trained, and counts the funnel per commune', async () => {
    const bySellerId = await aSeller().byAgent(agent).verified().create(api);
    const byPhone = await aSeller().byAgent(agent).create(api);
    const elsewhere = await aSeller().inCommune('19', COMMUNES.phanDinhPhung.communeCode).create(api);
    const laterPhone = aPhone();

    const res = await api.request({
      method: 'POST',
      url: '/api/training-sessions',
      token: agent.accessToken,
      body: {
        date: DAY,
        communeCode: COMMUNES.tanCuong.communeCode,
        topics: ['Chụp ảnh sản phẩm', 'Đăng bán trên sàn'],
        attendees: [
          { name: 'Hoàng Thị Chè', sellerId: bySellerId.seller.id },
          { name: 'Lý Văn Mật', phone: byPhone.phone },
          { name: 'Bà Tư', phone: laterPhone },
          { name: 'Ông Năm' },
          { name: 'Lý Văn Mật (lần 2)', phone: byPhone.phone },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ communeName: 'Xã Tân Cương', attendeeCount: 4, matchedSellerCount: 2 });
    expect(JSON.stringify(res.body)).not.toContain(laterPhone);

    // A Vietnam day starts at 17:00 UTC the day before.
    const trainedAt = vnDayStart(DAY).toISOString();
    expect(trainedAt.slice(11)).toBe('17:00:00.000Z');
    for (const id of [bySellerId.seller.id, byPhone.seller.id]) {
      const detail = await api.request({ method: 'GET', url: `/api/sellers/${id}`, token: staff.accessToken });
      expect(detail.body.funnel.trainedAt).toBe(trainedAt);
    }

    // A trained household that registers later is trained from that session, and is counted once.
    const later = await api.request({
      method: 'POST',
      url: '/api/sellers/self-register', from: aClientAddress(),
      body: { ...sellerBody({ phone: laterPhone }), password: DEFAULT_TEST_PASSWORD },
    });
    expect(later.status).toBe(201);
    expect(later.body.seller.funnel.trainedAt).toBe(trainedAt);

    await api.app.get(SellerDirectory).markFirstListing(bySellerId.seller.id, new Date());

    const funnel = await api.request({ method: 'GET', url: '/api/onboarding/funnel', token: staff.accessToken });
    expect(funnel.status).toBe(200);
    expect(funnel.body.provinceCode).toBe('19');
    const tanCuong = funnel.body.communes.find((c: { communeCode: string }) => c.communeCode === '05503');
    // Trained: seller by id, seller by phone, the later registrant, the attendee with neither = 4 (the repeated phone counts once).
    expect(tanCuong).toMatchObject({ communeName: 'Xã Tân Cương', trained: 4, account: 3, verified: 1, firstListing: 1, firstSale: 0 });
    const pdp = funnel.body.communes.find((c: { communeCode: string }) => c.communeCode === COMMUNES.phanDinhPhung.communeCode);
    expect(pdp).toMatchObject({ trained: 0, account: 1 });
    expect(funnel.body.counts).toEqual({ trained: 4, account: 4, verified: 1, firstListing: 1, firstSale: 0 });
    expect(elsewhere.seller.id).toBeTruthy();

    const oneCommune = await api.request({ method: 'GET', url: '/api/onboarding/funnel?communeCode=05503', token: agent.accessToken });
    expect(oneCommune.status).toBe(200);
    expect(oneCommune.body.communes).toHaveLength(1);
    expect(oneCommune.body.counts.account).toBe(3);

    const sessions = await api.request({ method: 'GET', url: '/api/training-sessions?communeCode=05503', token: staff.accessToken });
    expect(sessions.status).toBe(200);
    expect(sessions.body.total).toBe(1);
  });

  it('keeps the earliest training day when a household attends again', async () => {
    const { seller } = await aSeller().byAgent(agent).create(api);
    const record = (date: string) =>
      api.request({
        method: 'POST',
        url: '/api/training-sessions',
        token: agent.accessToken,
        body: { date, communeCode: '05503', topics: ['Bảo quản chè'], attendees: [{ name: 'A', sellerId: seller.id }] },
      });
    const earlier = vnDayKey(new Date(Date.now() - 5 * 86_400_000));
    expect((await record(earlier)).status).toBe(201);
    expect((await record(DAY)).status).toBe(201);
    const detail = await api.request({ method: 'GET', url: `/api/sellers/${seller.id}`, token: staff.accessToken });
    expect(detail.body.funnel.trainedAt).toBe(vnDayStart(earlier).toISOString());
  });

  it('keeps training and the funnel to the caller’s province', async () => {
    const wrongCommune = await api.request({
      method: 'POST',
      url: '/api/training-sessions',
      token: agent.accessToken,
      body: { date: DAY, communeCode: COMMUNES.thucPhan.communeCode, topics: ['x'], attendees: [] },
    });
    expect(wrongCommune.status).toBe(400);
    expect(paths(wrongCommune.body)).toEqual(['communeCode']);

    const seller04 = await aSeller().inCommune('04', COMMUNES.thucPhan.communeCode).create(api);
    const foreignSeller = await api.request({
      method: 'POST',
      url: '/api/training-sessions',
      token: agent.accessToken,
      body: { date: DAY, communeCode: '05503', topics: ['x'], attendees: [{ name: 'A', sellerId: seller04.seller.id }] },
    });
    expect(foreignSeller.status).toBe(400);
    expect(paths(foreignSeller.body)).toEqual(['attendees.0.sellerId']);

    const staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
    const list04 = await api.request({ method: 'GET', url: '/api/training-sessions', token: staff04.accessToken });
    expect(list04.body.total).toBe(0);
    const funnel04 = await api.request({ method: 'GET', url: '/api/onboarding/funnel', token: staff04.accessToken });
    expect(funnel04.body.counts).toMatchObject({ trained: 0, account: 1 });
    expect((await api.request({ method: 'GET', url: '/api/onboarding/funnel?provinceCode=19', token: staff04.accessToken })).status).toBe(403);

    const admin = await anAccount().withRole('admin').create(api);
    const national = await api.request({ method: 'GET', url: '/api/onboarding/funnel', token: admin.accessToken });
    expect(national.status).toBe(200);
    expect(national.body.counts.account).toBeGreaterThanOrEqual(5);
  });

  it('validates sessions: future dates, unknown fields, bad attendees; staff cannot record them', async () => {
    const base = { date: DAY, communeCode: '05503', topics: ['Đăng bán'], attendees: [] };
    const future = await api.request({ method: 'POST', url: '/api/training-sessions', token: agent.accessToken, body: { ...base, date: '2999-01-01' } });
    expect(future.status).toBe(400);
    expect(paths(future.body)).toEqual(['date']);
    const extra = await api.request({
      method: 'POST', url: '/api/training-sessions', token: agent.accessToken, body: { ...base, attendees: [{ name: 'A', cccd: '1' }] },
    });
    expect(extra.status).toBe(400);
    expect(paths(extra.body)).toEqual(['attendees.0.cccd']);
    const badDate = await api.request({ method: 'POST', url: '/api/training-sessions', token: agent.accessToken, body: { ...base, date: '20/11/2026' } });
    expect(badDate.status).toBe(400);
    expect((await api.request({ method: 'POST', url: '/api/training-sessions', token: staff.accessToken, body: base })).status).toBe(403);
  });
});
