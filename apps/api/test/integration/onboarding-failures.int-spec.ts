import { Types } from 'mongoose';
import type { ApiError, AuthTokens, SellerDetail } from '@nss/contracts';
import { UsersService } from '@nss/accounts-api';
import { SellerDirectory } from '@nss/onboarding-api';
import { DocumentLocks, lockUnavailable } from '@nss/server-core';
import { anAccount, type CreatedAccount, latestOutboxCode } from '../support/accounts.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';
import { aClientAddress } from '../support/client-address';

/**
 * State changes of sellers that fail half-way (a write that throws, a process that dies after claiming the change)
 * must not wedge the seller; a handover that fails must leave an account somebody can recover.
 */
describe('Onboarding: failed and crashed state changes (real database and Redis)', () => {
  let api: TestApi;
  let staff: CreatedAccount;
  let locks: DocumentLocks;

  beforeAll(async () => {
    api = await startTestApi();
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    locks = api.app.get(DocumentLocks);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await api.close();
  });

  const verify = (sellerId: string) =>
    api.request<SellerDetail | ApiError>({ method: 'POST', url: `/api/sellers/${sellerId}/verify`, token: staff.accessToken, body: { decision: 'approve' } });

  it('a verification whose seller write fails (Redis down: 503) can be made again', async () => {
    const { seller } = await aSeller().create(api);
    jest.spyOn(locks, 'run').mockRejectedValueOnce(lockUnavailable());
    const failed = await verify(seller.id);
    expect(failed.status).toBe(503);
    expect((failed.body as ApiError).messageEn).toBeTruthy();
    const again = await verify(seller.id);
    expect(again.status).toBe(200);
    expect((again.body as SellerDetail).status).toBe('verified');
  });

  it('a change claimed by a process that died before writing is taken over once the claim is old', async () => {
    const { seller } = await aSeller().create(api);
    const events = api.connection.collection('seller_events');
    const claim = (createdAt: Date) => ({
      _id: new Types.ObjectId(),
      key: `state:${seller.id}:1`,
      sellerId: seller.id,
      provinceCode: '19',
      kind: 'status:verified',
      actorUserId: null,
      at: createdAt,
      createdAt,
    });
    // A live claimant (claimed a moment ago) is not overtaken…
    const fresh = claim(new Date());
    await events.insertOne(fresh);
    expect((await verify(seller.id)).status).toBe(409);
    // …but one that claimed ten minutes ago and never wrote is.
    await events.deleteOne({ _id: fresh._id });
    await events.insertOne(claim(new Date(Date.now() - 10 * 60_000)));
    const res = await verify(seller.id);
    expect(res.status).toBe(200);
    expect((res.body as SellerDetail).statusHistory.map((h) => h.status)).toEqual(['pending_verification', 'verified']);
  });

  it('a milestone whose write fails is set by the next attempt', async () => {
    const { seller } = await aSeller().create(api);
    const directory = api.app.get(SellerDirectory);
    jest.spyOn(locks, 'run').mockRejectedValueOnce(lockUnavailable());
    const at = new Date('2026-11-20T03:00:00Z');
    await expect(directory.markFirstListing(seller.id, at)).rejects.toMatchObject({ status: 503 });
    expect(await directory.markFirstListing(seller.id, at)).toBe(true);
    const detail = await api.request<SellerDetail>({ method: 'GET', url: `/api/sellers/${seller.id}`, token: staff.accessToken });
    expect(detail.body.funnel.firstListingAt).toBe(at.toISOString());
    expect(await directory.markFirstListing(seller.id, at)).toBe(false);
  });

  describe('handover', () => {
    async function handoverCode(agent: CreatedAccount, sellerId: string, phone: string): Promise<string> {
      expect((await api.request({ method: 'POST', url: `/api/sellers/${sellerId}/handover`, token: agent.accessToken })).status).toBe(202);
      return (await latestOutboxCode(api, phone, 'handover')) as string;
    }
    const claim = (phone: string, code: string, newPassword: string) =>
      api.request<AuthTokens | ApiError>({ method: 'POST', url: '/api/sellers/handover/claim', from: aClientAddress(), body: { phone, code, newPassword } });

    it('when setting the password fails, the agent still manages the account and a new handover succeeds', async () => {
      const { seller, phone, agent } = await aSeller().byAgent().create(api);
      const owner = agent as CreatedAccount;
      const users = api.app.get(UsersService);
      jest.spyOn(users, 'setPassword').mockRejectedValueOnce(lockUnavailable());
      expect((await claim(phone, await handoverCode(owner, seller.id, phone), 'mat-khau-moi-123')).status).toBe(503);

      expect((await api.request({ method: 'GET', url: `/api/sellers/${seller.id}`, token: owner.accessToken })).status).toBe(200);
      const retried = await claim(phone, await handoverCode(owner, seller.id, phone), 'mat-khau-moi-456');
      expect(retried.status).toBe(200);
      const login = await api.request({ method: 'POST', url: '/api/auth/login', from: aClientAddress(), body: { phone, password: 'mat-khau-moi-456' } });
      expect(login.status).toBe(200);
    });

    it('when moving the account fails, the household can claim it again and the agent keeps access until then', async () => {
      const { seller, phone, agent } = await aSeller().byAgent().create(api);
      const owner = agent as CreatedAccount;
      // The code first (its delivery takes the message's lock too), then the lock of the account move fails once.
      const code = await handoverCode(owner, seller.id, phone);
      jest.spyOn(locks, 'run').mockRejectedValueOnce(lockUnavailable());
      expect((await claim(phone, code, 'mat-khau-moi-123')).status).toBe(503);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${seller.id}`, token: owner.accessToken })).status).toBe(200);
      expect((await claim(phone, await handoverCode(owner, seller.id, phone), 'mat-khau-moi-789')).status).toBe(200);
      expect((await api.request({ method: 'GET', url: `/api/sellers/${seller.id}`, token: owner.accessToken })).status).toBe(404);
    });
  });
});
