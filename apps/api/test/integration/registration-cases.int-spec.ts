import { createHmac } from 'node:crypto';
import { Types } from 'mongoose';
import { CitizenIdHashBackfill } from '@nss/onboarding-api';
import type { ApiError, Page, RegistrationCaseDetail, RegistrationCaseSummary, SellerDetail } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aSeller, aCitizenId, COMMUNES, consent, sellerBody } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

const HASH_SECRET = 'k'.repeat(48);
const AGENT_LIMIT = 6;
const hashOf = (citizenId: string) => createHmac('sha256', HASH_SECRET).update(citizenId).digest('hex');

/**
 * An agent registering a household gets the same answer whether the citizen ID (or phone) is new or registered; a
 * duplicate becomes a case for the staff of the province. Agents' registrations are limited per agent; one
 * registration per citizen ID and seller type is enforced on a keyed hash (issue 5, part 4).
 */
describe('Agent registration is no oracle; duplicates go to staff (real database and Redis)', () => {
  let api: TestApi;
  let staff19: CreatedAccount;
  let staff04: CreatedAccount;

  /** Status and body bytes of an agent's registration. */
  async function register(agent: CreatedAccount, body: Record<string, unknown>) {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/sellers',
      headers: { authorization: `Bearer ${agent.accessToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...body, consent: consent() }),
    });
    return { status: res.statusCode, payload: res.payload, retryAfter: res.headers['retry-after'] };
  }

  async function casesOf(staff: CreatedAccount) {
    const res = await api.request({ method: 'GET', url: '/api/registration-cases?pageSize=100', token: staff.accessToken });
    expect(res.status).toBe(200);
    return (res.body as Page<RegistrationCaseSummary>).items;
  }

  beforeAll(async () => {
    api = await startTestApi({ CITIZEN_ID_HASH_SECRET: HASH_SECRET, AGENT_REGISTRATION_LIMIT: String(AGENT_LIMIT) });
    staff19 = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staff04 = await anAccount().withRole('province_staff').inProvince('04').create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers a registered citizen ID or phone exactly as a new household, and files cases only staff of the province see', async () => {
    const agent = await anAccount().withRole('agent').inProvince('19').create(api);
    const existing = await aSeller().byAgent().create(api);
    const fresh = await register(agent, sellerBody());
    const sameCitizenId = await register(agent, sellerBody({ citizenId: existing.citizenId, displayName: 'Hộ trùng CCCD' }));
    const samePhone = await register(agent, sellerBody({ phone: existing.phone, displayName: 'Hộ trùng số điện thoại' }));
    expect(fresh.status).toBe(202);
    expect(sameCitizenId).toEqual(fresh);
    expect(samePhone).toEqual(fresh);
    expect(await api.connection.collection('sellers').countDocuments({ citizenIdHash: hashOf(existing.citizenId) })).toBe(1);
    // Stored sealed: neither the seller nor the case holds the citizen ID in the clear.
    const stored = [
      await api.connection.collection('sellers').findOne({ citizenIdHash: hashOf(existing.citizenId) }),
      await api.connection.collection('registration_cases').findOne({ citizenIdHash: hashOf(existing.citizenId) }),
    ];
    expect(stored.every((doc) => typeof doc?.['citizenIdSealed'] === 'string')).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(existing.citizenId);

    const mine = (await casesOf(staff19)).filter((c) => c.displayName.startsWith('Hộ trùng'));
    expect(mine.map((c) => c.reason).sort()).toEqual(['citizen_id_registered', 'phone_registered']);
    expect(mine.every((c) => c.status === 'open' && c.source === 'agent' && c.provinceCode === '19')).toBe(true);
    // Lists carry neither the citizen ID nor the phone whole.
    expect(JSON.stringify(mine)).not.toContain(existing.citizenId);
    expect(JSON.stringify(mine)).not.toContain(existing.phone);

    const byCitizenId = mine.find((c) => c.reason === 'citizen_id_registered') as RegistrationCaseSummary;
    const detail = await api.request({ method: 'GET', url: `/api/registration-cases/${byCitizenId.id}`, token: staff19.accessToken });
    expect(detail.status).toBe(200);
    expect(detail.body as RegistrationCaseDetail).toMatchObject({
      citizenId: existing.citizenId, existingSellerId: existing.seller.id, submittedByUserId: agent.user.id,
    });

    // Another province's staff, and agents, see nothing of it.
    expect((await casesOf(staff04)).map((c) => c.id)).not.toContain(byCitizenId.id);
    expect((await api.request({ method: 'GET', url: `/api/registration-cases/${byCitizenId.id}`, token: staff04.accessToken })).status).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/registration-cases', token: agent.accessToken })).status).toBe(403);
    const foreignResolve = await api.request({
      method: 'POST', url: `/api/registration-cases/${byCitizenId.id}/resolve`, token: staff04.accessToken, body: { reason: 'Không phải của tôi' },
    });
    expect(foreignResolve.status).toBe(404);

    // Staff of the province resolve it once, with a reason.
    const noReason = await api.request({ method: 'POST', url: `/api/registration-cases/${byCitizenId.id}/resolve`, token: staff19.accessToken, body: {} });
    expect(noReason.status).toBe(400);
    expect((noReason.body as ApiError).issues?.map((i) => i.path)).toEqual(['reason']);
    // Ids are lower-case hex only: an upper-cased id is a 400 naming the parameter, never a second lock or record.
    const upper = await api.request({ method: 'POST', url: `/api/registration-cases/${byCitizenId.id.toUpperCase()}/resolve`, token: staff19.accessToken, body: { reason: 'x' } });
    expect(upper.status).toBe(400);
    const url = `/api/registration-cases/${byCitizenId.id}/resolve`;
    const resolved = await api.request({ method: 'POST', url, token: staff19.accessToken, body: { reason: 'Đã gọi cho hộ: đăng ký trùng' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body as RegistrationCaseDetail).toMatchObject({ status: 'resolved', resolution: { reason: 'Đã gọi cho hộ: đăng ký trùng', byUserId: staff19.user.id } });
    expect((await api.request({ method: 'POST', url, token: staff19.accessToken, body: { reason: 'lần hai' } })).status).toBe(409);
    const open = await api.request({ method: 'GET', url: '/api/registration-cases?status=open&pageSize=100', token: staff19.accessToken });
    expect((open.body as Page<RegistrationCaseSummary>).items.map((c) => c.id)).not.toContain(byCitizenId.id);
  });

  it('limits each agent’s registrations (429 with Retry-After) without touching another agent', async () => {
    const busy = await anAccount().withRole('agent').inProvince('19').create(api);
    const other = await anAccount().withRole('agent').inProvince('19').create(api);
    for (let i = 0; i < AGENT_LIMIT; i += 1) expect((await register(busy, sellerBody())).status).toBe(202);
    const limited = await register(busy, sellerBody());
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect((JSON.parse(limited.payload) as ApiError).code).toBe('RATE_LIMITED');
    expect((await register(other, sellerBody())).status).toBe(202);
  });

  it('keeps one seller per citizen ID when registrations race, each answered alike', async () => {
    const citizenId = aCitizenId();
    const agents = await Promise.all([1, 2, 3, 4].map(() => anAccount().withRole('agent').inProvince('19').create(api)));
    const results = await Promise.all(agents.map((agent) => register(agent, sellerBody({ citizenId, displayName: `Hộ đua ${citizenId}` }))));
    expect(results.every((r) => r.status === 202 && r.payload === results[0]?.payload)).toBe(true);
    expect(await api.connection.collection('sellers').countDocuments({ citizenIdHash: hashOf(citizenId), type: 'household' })).toBe(1);
    expect(await api.connection.collection('registration_cases').countDocuments({ citizenIdHash: hashOf(citizenId) })).toBe(3);
    // The losers left no account behind: one seller user among the four phones.
    const phones = (await api.connection.collection('registration_cases').find({ citizenIdHash: hashOf(citizenId) }).toArray()).map((c) => c['phone'] as string);
    expect(await api.connection.collection('users').countDocuments({ phone: { $in: phones } })).toBe(0);
  });

  it('hashes and seals sellers registered before the change at start-up, so their citizen ID stays taken', async () => {
    const citizenId = aCitizenId();
    const legacy = await aSeller().inCommune('04', COMMUNES.thucPhan.communeCode).byAgent().create(api);
    // As a document from before the change: the citizen ID in the clear, no hash.
    await api.connection
      .collection('sellers')
      .updateOne({ _id: new Types.ObjectId(legacy.seller.id) }, { $unset: { citizenIdHash: '', citizenIdSealed: '' }, $set: { citizenId } });
    await api.app.get(CitizenIdHashBackfill).onApplicationBootstrap();
    const doc = await api.connection.collection('sellers').findOne({ _id: new Types.ObjectId(legacy.seller.id) });
    expect(doc?.['citizenIdHash']).toBe(hashOf(citizenId));
    expect(doc?.['citizenId']).toBeUndefined();
    // Its staff still read it (opened from the sealed value).
    const staffView = await api.request({ method: 'GET', url: `/api/sellers/${legacy.seller.id}`, token: staff04.accessToken });
    expect((staffView.body as SellerDetail).citizenId).toBe(citizenId);

    const agent = await anAccount().withRole('agent').inProvince('04').create(api);
    expect((await register(agent, sellerBody({ citizenId }, COMMUNES.thucPhan))).status).toBe(202);
    expect(await api.connection.collection('sellers').countDocuments({ citizenIdHash: hashOf(citizenId) })).toBe(1);
    const filed = await casesOf(staff04);
    expect(filed.some((c) => c.reason === 'citizen_id_registered' && c.citizenIdMasked.endsWith(citizenId.slice(-4)))).toBe(true);
  });
});
