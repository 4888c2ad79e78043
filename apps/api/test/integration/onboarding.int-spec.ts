import type { ApiError, AuthTokens, Page, SellerDetail, SellerSummary } from '@nss/contracts';
import { CitizenIdHasher, SellerDirectory } from '@nss/onboarding-api';
import { AccessTokenService } from '@nss/server-core';
import { aPhone, anAccount, type CreatedAccount, DEFAULT_TEST_PASSWORD, latestOutboxCode } from '../support/accounts.factory';
import { aSeller, COMMUNES, consent, selfRegister, sellerBody } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';
import { aClientAddress } from '../support/client-address';

const paths = (body: unknown) => ((body as ApiError).issues ?? []).map((i) => i.path);

describe('Onboarding: sellers (real database and Redis)', () => {
  let api: TestApi;
  let agent19: CreatedAccount;
  let agent04: CreatedAccount;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    agent19 = await anAccount().withRole('agent').inProvince('19').create(api);
    agent04 = await anAccount().withRole('agent').inProvince('04').create(api);
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('self-registration', () => {
    it('creates a pending seller and a seller user whose token carries province and seller', async () => {
      const body = { ...sellerBody(), password: DEFAULT_TEST_PASSWORD };
      const res = await selfRegister(api, body);
      expect(res.status).toBe(201);
      const { seller, tokens } = res.body;
      if (!seller) throw new Error('self-registration created no seller');
      expect(seller).toMatchObject({
        status: 'pending_verification',
        onboardingSource: 'self',
        citizenId: body.citizenId,
        address: { provinceCode: '19', communeCode: '05503', communeName: 'Xã Tân Cương', provinceName: 'Thái Nguyên', era: '2025' },
      });
      expect(seller.managedByAgentId).toBeUndefined();
      expect(seller.funnel.accountAt).toBeTruthy();
      expect(seller.statusHistory).toHaveLength(1);
      expect(tokens.user).toMatchObject({ role: 'seller', provinceCode: '19', sellerId: seller.id });
      const actor = api.app.get(AccessTokenService).verify(tokens.accessToken);
      expect(actor).toMatchObject({ role: 'seller', provinceCode: '19', sellerId: seller.id });

      const me = await api.request<SellerDetail>({ method: 'GET', url: '/api/sellers/me', token: tokens.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.citizenId).toBe(body.citizenId);

      const login = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: body.phone, password: DEFAULT_TEST_PASSWORD } });
      expect(login.status).toBe(200);
    });

    it('rejects a commune outside the province with 400 on address.communeCode', async () => {
      const body = { ...sellerBody({}, { provinceCode: '19', communeCode: COMMUNES.thucPhan.communeCode }), code: '123456', password: DEFAULT_TEST_PASSWORD };
      const res = await api.request({ method: 'POST', url: '/api/sellers/self-register', from: aClientAddress(), body });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['address.communeCode']);
    });

    it('rejects unknown fields with 400 naming the field', async () => {
      const body = { ...sellerBody(), code: '123456', password: DEFAULT_TEST_PASSWORD, isAdmin: true, address: { ...sellerBody().address, zip: '1' } };
      const res = await api.request({ method: 'POST', url: '/api/sellers/self-register', from: aClientAddress(), body });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(expect.arrayContaining(['isAdmin', 'address.zip']));
    });

    it('rejects malformed citizen IDs', async () => {
      const bad = await api.request({ method: 'POST', url: '/api/sellers/self-register', from: aClientAddress(), body: { ...sellerBody({ citizenId: '12345' }), code: '123456', password: DEFAULT_TEST_PASSWORD } });
      expect(bad.status).toBe(400);
      expect(paths(bad.body)).toEqual(['citizenId']);
    });
  });

  describe('agent registration', () => {
    it('requires consent (400 on consent.given)', async () => {
      const missing = await api.request({ method: 'POST', url: '/api/sellers', token: agent19.accessToken, body: sellerBody() });
      expect(missing.status).toBe(400);
      expect(paths(missing.body)).toContain('consent.given');
      const refused = await api.request({
        method: 'POST', url: '/api/sellers', token: agent19.accessToken, body: { ...sellerBody(), consent: { ...consent(), given: false } },
      });
      expect(refused.status).toBe(400);
      expect(paths(refused.body)).toContain('consent.given');
    });

    it('creates a managed seller whose account cannot sign in yet', async () => {
      const body = { ...sellerBody(), consent: consent() };
      const { seller } = await aSeller().withPhone(body.phone).withCitizenId(body.citizenId).byAgent(agent19).create(api);
      expect(seller).toMatchObject({ onboardingSource: 'agent', managedByAgentId: agent19.user.id, consent: { given: true, method: 'verbal' } });
      expect(seller.citizenId).toBeUndefined();
      expect(seller.citizenIdMasked).toBe(`********${body.citizenId.slice(-4)}`);
      const login = await api.request({ method: 'POST', url: '/api/auth/login', body: { phone: body.phone, password: 'anything-at-all' } });
      expect(login.status).toBeGreaterThanOrEqual(400);
      expect(login.status).toBeLessThan(500);
    });

    it('keeps an agent to its province: 403 registering into 04, 404 reading a seller of 04', async () => {
      const into04 = await api.request({
        method: 'POST', url: '/api/sellers', token: agent19.accessToken, body: { ...sellerBody({}, COMMUNES.thucPhan), consent: consent() },
      });
      expect(into04.status).toBe(403);
      const of04 = await aSeller().inCommune('04', COMMUNES.thucPhan.communeCode).byAgent(agent04).create(api);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${of04.seller.id}`, token: agent19.accessToken })).status).toBe(404);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${of04.seller.id}`, token: agent04.accessToken })).status).toBe(200);
    });

    it('lets an agent see only the sellers it manages', async () => {
      const other = await aSeller().byAgent().create(api);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${other.seller.id}`, token: agent19.accessToken })).status).toBe(404);
      const mine = await aSeller().byAgent(agent19).create(api);
      const list = await api.request<Page<SellerSummary>>({ method: 'GET', url: '/api/sellers?pageSize=100', token: agent19.accessToken });
      expect(list.status).toBe(200);
      const ids = list.body.items.map((s) => s.id);
      expect(ids).toContain(mine.seller.id);
      expect(ids).not.toContain(other.seller.id);
    });
  });

  describe('reading and privacy', () => {
    it('never puts citizen IDs in lists; staff of the province see it in the detail, agents masked', async () => {
      const created = await aSeller().byAgent(agent19).named('Mật ong Bắc Kạn').create(api);
      const list = await api.request<Page<SellerSummary>>({ method: 'GET', url: '/api/sellers?q=mat%20ong%20bac%20kan', token: staff19.accessToken });
      expect(list.status).toBe(200);
      expect(list.body.items.map((s) => s.id)).toContain(created.seller.id);
      expect(JSON.stringify(list.body)).not.toContain(created.citizenId);
      expect(JSON.stringify(list.body)).not.toContain(created.phone);

      const staffView = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${created.seller.id}`, token: staff19.accessToken });
      expect(staffView.body.citizenId).toBe(created.citizenId);
      const agentView = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${created.seller.id}`, token: agent19.accessToken });
      expect(agentView.body.citizenId).toBeUndefined();
      expect(JSON.stringify(agentView.body)).not.toContain(created.citizenId);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${created.seller.id}`, token: staff04.accessToken })).status).toBe(404);
    });

    it('answers malformed ids with 400, buyers with 403, and anonymous callers with 401', async () => {
      expect((await api.request({ method: 'GET', url: '/api/sellers/not-an-id', token: staff19.accessToken })).status).toBe(400);
      const buyer = await anAccount().create(api);
      expect((await api.request({ method: 'GET', url: '/api/sellers', token: buyer.accessToken })).status).toBe(403);
      expect((await api.request({ method: 'GET', url: '/api/sellers' })).status).toBe(401);
    });

    it('lets a seller read itself but not another seller', async () => {
      const a = await aSeller().create(api);
      const b = await aSeller().create(api);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${a.seller.id}`, token: a.sellerToken })).status).toBe(200);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${b.seller.id}`, token: a.sellerToken })).status).toBe(404);
    });
  });

  describe('verification', () => {
    it('is for staff of the seller’s province only (404 elsewhere, 403 for agents)', async () => {
      const { seller } = await aSeller().create(api);
      const url = `/api/sellers/${seller.id}/verify`;
      expect((await api.request({ method: 'POST', url, token: staff04.accessToken, body: { decision: 'approve' } })).status).toBe(404);
      expect((await api.request({ method: 'POST', url, token: agent19.accessToken, body: { decision: 'approve' } })).status).toBe(403);
    });

    it('approves, and rejects only with a reason, recording who and when', async () => {
      const { seller } = await aSeller().create(api);
      const url = `/api/sellers/${seller.id}/verify`;
      const noReason = await api.request({ method: 'POST', url, token: staff19.accessToken, body: { decision: 'reject' } });
      expect(noReason.status).toBe(400);
      expect(paths(noReason.body)).toEqual(['reason']);

      const rejected = await api.request<SellerDetail>({ method: 'POST', url, token: staff19.accessToken, body: { decision: 'reject', reason: 'Ảnh CCCD mờ' } });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Ảnh CCCD mờ' });
      expect(rejected.body.funnel.verifiedAt).toBeUndefined();

      const approved = await api.request<SellerDetail>({ method: 'POST', url, token: staff19.accessToken, body: { decision: 'approve' } });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('verified');
      expect(approved.body.statusReason).toBeUndefined();
      expect(approved.body.funnel.verifiedAt).toBeTruthy();
      expect(approved.body.statusHistory.map((h) => h.status)).toEqual(['pending_verification', 'rejected', 'verified']);
      expect(approved.body.statusHistory[2]).toMatchObject({ actorUserId: staff19.user.id, actorRole: 'province_staff' });

      const again = await api.request({ method: 'POST', url, token: staff19.accessToken, body: { decision: 'approve' } });
      expect(again.status).toBe(409);
    });
  });

  describe('handover', () => {
    it('sends a code to the household, which claims the account; the agent loses access', async () => {
      const agent = await anAccount().withRole('agent').inProvince('19').create(api);
      const { seller, phone } = await aSeller().byAgent(agent).create(api);
      const start = await api.request({ method: 'POST', url: `/api/sellers/${seller.id}/handover`, token: agent.accessToken });
      expect(start.status).toBe(202);
      const code = await latestOutboxCode(api, phone, 'handover');
      expect(code).toMatch(/^\d{6}$/);
      const message = { code: code as string };

      const wrong = await api.request({
        method: 'POST', url: '/api/sellers/handover/claim', from: aClientAddress(), body: { phone, code: message.code === '000000' ? '111111' : '000000', newPassword: 'mat-khau-moi-123' },
      });
      expect(wrong.status).toBe(400);

      const claim = await api.request<AuthTokens>({ method: 'POST', url: '/api/sellers/handover/claim', from: aClientAddress(), body: { phone, code: message.code, newPassword: 'mat-khau-moi-123' } });
      expect(claim.status).toBe(200);
      expect(claim.body.user).toMatchObject({ role: 'seller', sellerId: seller.id, provinceCode: '19' });

      const login = await api.request<AuthTokens>({ method: 'POST', url: '/api/auth/login', body: { phone, password: 'mat-khau-moi-123' } });
      expect(login.status).toBe(200);
      const me = await api.request<SellerDetail>({ method: 'GET', url: '/api/sellers/me', token: login.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.managedByAgentId).toBeUndefined();
      expect(me.body.handedOverAt).toBeTruthy();

      expect((await api.request({ method: 'GET', url: `/api/sellers/${seller.id}`, token: agent.accessToken })).status).toBe(404);
      expect((await api.request({ method: 'POST', url: `/api/sellers/${seller.id}/handover`, token: agent.accessToken })).status).toBe(404);
      const reuse = await api.request({ method: 'POST', url: '/api/sellers/handover/claim', from: aClientAddress(), body: { phone, code: message.code, newPassword: 'mat-khau-khac-456' } });
      expect(reuse.status).toBe(400);
    });

    it('is only for the managing agent', async () => {
      const { seller } = await aSeller().byAgent().create(api);
      expect((await api.request({ method: 'POST', url: `/api/sellers/${seller.id}/handover`, token: agent19.accessToken })).status).toBe(404);
      const self = await aSeller().create(api);
      expect((await api.request({ method: 'POST', url: `/api/sellers/${self.seller.id}/handover`, token: self.sellerToken })).status).toBe(403);
    });
  });

  describe('SellerDirectory (for the catalogue)', () => {
    it('describes a seller without personal data and sets first listing/sale once', async () => {
      const { seller, citizenId, phone } = await aSeller().byAgent(agent19).verified().create(api);
      const directory = api.app.get(SellerDirectory);
      const info = await directory.getForCatalog(seller.id);
      expect(info).toMatchObject({
        id: seller.id, status: 'verified', provinceCode: '19', provinceName: 'Thái Nguyên', communeName: 'Xã Tân Cương', managedByAgentId: agent19.user.id,
      });
      expect(JSON.stringify(info)).not.toContain(citizenId);
      expect(JSON.stringify(info)).not.toContain(phone);
      const first = new Date('2026-11-01T03:00:00Z');
      expect(await directory.markFirstListing(seller.id, first)).toBe(true);
      expect(await directory.markFirstListing(seller.id, new Date())).toBe(false);
      expect(await directory.markFirstSale(seller.id, first)).toBe(true);
      const detail = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${seller.id}`, token: staff19.accessToken });
      expect(detail.body.funnel.firstListingAt).toBe(first.toISOString());
      expect(await directory.getForCatalog('nope')).toBeNull();
      expect(await directory.getForCatalog('0123456789abcdef01234567')).toBeNull();
    });
  });

  it('limits public onboarding POSTs per IP (429 with retry-after), counting malformed ones too', async () => {
    const from = aClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) {
      statuses.push((await api.request({ method: 'POST', url: '/api/sellers/handover/claim', body: {}, from })).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    const limited = await api.request({ method: 'POST', url: '/api/sellers/self-register', body: {}, from });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeTruthy();
    expect((await api.request({ method: 'POST', url: '/api/sellers/self-register', body: {}, from: aClientAddress() })).status).toBe(400);
  });

  describe('concurrency (single-document guards, no transactions)', () => {
    it('lets only one of two simultaneous approvals through', async () => {
      const { seller } = await aSeller().create(api);
      const url = `/api/sellers/${seller.id}/verify`;
      const results = await Promise.all(
        [1, 2].map(() => api.request({ method: 'POST', url, token: staff19.accessToken, body: { decision: 'approve' } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const detail = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${seller.id}`, token: staff19.accessToken });
      expect(detail.body.statusHistory.map((h) => h.status)).toEqual(['pending_verification', 'verified']);
    });

    it('records a first listing once when the catalogue reports it twice at the same time', async () => {
      const { seller } = await aSeller().create(api);
      const directory = api.app.get(SellerDirectory);
      const results = await Promise.all([1, 2, 3].map(() => directory.markFirstListing(seller.id, new Date())));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('loses no write when a decision and milestones land on one seller at once', async () => {
      const { seller } = await aSeller().create(api);
      const directory = api.app.get(SellerDirectory);
      const at = new Date();
      const [decision] = await Promise.all([
        api.request({ method: 'POST', url: `/api/sellers/${seller.id}/verify`, token: staff19.accessToken, body: { decision: 'approve' } }),
        directory.markFirstListing(seller.id, at),
        directory.markFirstSale(seller.id, at),
      ]);
      expect(decision.status).toBe(200);
      const detail = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${seller.id}`, token: staff19.accessToken });
      expect(detail.body.status).toBe('verified');
      expect(detail.body.funnel).toMatchObject({ firstListingAt: at.toISOString(), firstSaleAt: at.toISOString() });
      expect(detail.body.funnel.verifiedAt).toBeTruthy();
    });

    it('hands an account over once when two claims race', async () => {
      const agent = await anAccount().withRole('agent').inProvince('19').create(api);
      const { seller, phone } = await aSeller().byAgent(agent).create(api);
      await api.request({ method: 'POST', url: `/api/sellers/${seller.id}/handover`, token: agent.accessToken });
      const code = await latestOutboxCode(api, phone, 'handover');
      const results = await Promise.all(
        ['mat-khau-mot-111', 'mat-khau-hai-222'].map((newPassword) =>
          api.request({ method: 'POST', url: '/api/sellers/handover/claim', from: aClientAddress(), body: { phone, code, newPassword } }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.every((r) => r.status < 500)).toBe(true);
    });

    it('registers one citizen ID once even when two registrations race, leaving no stray account', async () => {
      const citizenId = '079099000123';
      const bodies = [1, 2].map(() => ({ ...sellerBody({ citizenId }), password: DEFAULT_TEST_PASSWORD }));
      const results = await Promise.all(bodies.map((body) => selfRegister(api, body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = bodies[results.findIndex((r) => r.status === 409)];
      expect(await api.connection.collection('users').countDocuments({ phone: loser?.phone })).toBe(0);
      expect(await api.connection.collection('sellers').countDocuments({ citizenIdHash: api.app.get(CitizenIdHasher).hash(citizenId) })).toBe(1);
    });
  });

  it('phones in test data are unique', () => {
    expect(aPhone()).not.toBe(aPhone());
  });
});
