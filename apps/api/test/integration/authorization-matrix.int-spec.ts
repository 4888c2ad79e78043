import type { Product } from '@nss/contracts';
import { AccessTokenService } from '@nss/server-core';
import { SessionService, UsersService } from '@nss/accounts-api';
import { aPhone, anAccount, aVerificationCode, type CreatedAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile, productBody } from '../support/catalog.factory';
import { aSeller, COMMUNES, consent, sellerBody, type CreatedSeller } from '../support/onboarding.factory';
import { registeredRoutes, type RouteKey } from '../support/registered-routes';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Who may call what, for every registered route: each route × each kind of caller × a resource of province A
 * ("own": seller A, managed by agent A, watched by staff A) and one of province B ("other"), with the expected
 * status in a table. A route registered without a row, or a row for a route that no longer exists, fails the test,
 * so the table grows with the API. Requests go over real sockets, one client address per caller, so per-client
 * limits of one caller never decide another's answer.
 */

const CALLERS = ['anonymous', 'buyer', 'seller', 'otherSeller', 'agent', 'otherAgent', 'staff', 'otherStaff', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Whose = 'own' | 'other';
/** One status for both resources, or [own, other]. */
type Expected = number | readonly [number, number];

interface Probe {
  method: RouteKey extends `${infer M} ${string}` ? M : never;
  path: string;
  body?: unknown;
  multipart?: Buffer;
  /** Sent with this token instead of the caller's usual one (a route that ends the caller's sessions). */
  token?: string | undefined;
}

interface World {
  api: TestApi;
  token: Record<Caller, string | undefined>;
  account: Record<Exclude<Caller, 'anonymous' | 'seller' | 'otherSeller'>, CreatedAccount>;
  sellerA: CreatedSeller;
  sellerB: CreatedSeller;
  /** Approved listings of seller A and seller B. */
  productA: Product;
  productB: Product;
  png: Buffer;
}

interface Row {
  /** True when the route acts on a resource of a province (probed once with "own", once with "other"). */
  scoped: boolean;
  probe: (world: World, whose: Whose, caller: Caller) => Promise<Probe>;
  expect: Record<Caller, Expected>;
}

/** Everyone gets `status`. */
function all(status: number): Record<Caller, Expected> {
  return Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, Expected>;
}

/** 401 for anonymous, 403 for every signed-in caller not named, and the given answers for the named ones. */
function only(allowed: Partial<Record<Caller, Expected>>): Record<Caller, Expected> {
  return { ...all(403), anonymous: 401, ...allowed };
}

const A = COMMUNES.tanCuong;
const B = COMMUNES.thucPhan;
const commune = (whose: Whose) => (whose === 'own' ? A : B);
const seller = (w: World, whose: Whose) => (whose === 'own' ? w.sellerA : w.sellerB);
const product = (w: World, whose: Whose) => (whose === 'own' ? w.productA : w.productB);
const agentOf = (w: World, whose: Whose) => (whose === 'own' ? w.account.agent : w.account.otherAgent);

/** A fresh seller awaiting verification in the resource's province, registered by that province's agent. */
async function pendingSeller(w: World, whose: Whose): Promise<CreatedSeller> {
  const place = commune(whose);
  return aSeller().inCommune(place.provinceCode, place.communeCode).byAgent(agentOf(w, whose)).create(w.api);
}

/** A fresh listing (pending review) of the resource's seller, made by its agent. */
async function pendingProduct(w: World, whose: Whose): Promise<Product> {
  const body = productBody({ sellerId: seller(w, whose).seller.id });
  return aProduct().with(body).create(w.api, agentOf(w, whose).accessToken);
}

/** A photo uploaded by the resource's agent to a fresh listing: [productId, photoId]. */
async function freshPhoto(w: World, whose: Whose): Promise<[string, string]> {
  const listing = await pendingProduct(w, whose);
  const upload = multipartFile(w.png);
  const res = await w.api.request({
    method: 'POST',
    url: `/api/products/${listing.id}/photos`,
    token: agentOf(w, whose).accessToken,
    payload: upload.payload,
    headers: upload.headers,
  });
  const uploaded = res.body as Product;
  const photo = uploaded.photos?.[0];
  if (res.status !== 201 || !photo) throw new Error(`photo upload failed: ${res.status}`);
  return [listing.id, photo.id];
}

/** A case for staff: the resource's agent registers a household with the resource seller's citizen ID again. */
async function duplicateCase(w: World, whose: Whose): Promise<string> {
  const existing = seller(w, whose);
  const body = { ...sellerBody({ citizenId: existing.citizenId }, commune(whose)), consent: consent() };
  const res = await w.api.request({ method: 'POST', url: '/api/sellers', token: agentOf(w, whose).accessToken, body });
  if (res.status !== 202) throw new Error(`agent registration failed: ${res.status}`);
  const filed = await w.api.connection.collection('registration_cases').findOne({ phone: body.phone });
  if (!filed) throw new Error('no case was filed for the duplicate');
  return String(filed._id);
}

/** A token of a new user of the caller's kind (for routes that end the caller's own sessions). */
async function freshTokenLike(w: World, caller: Caller): Promise<string | undefined> {
  const place = caller.startsWith('other') ? B : A;
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'seller':
    case 'otherSeller': {
      const sellerId = (caller === 'seller' ? w.sellerA : w.sellerB).seller.id;
      return (await anAccount().forSeller(sellerId).inProvince(place.provinceCode).create(w.api)).accessToken;
    }
    case 'buyer':
    case 'admin':
      return (await anAccount().withRole(caller).create(w.api)).accessToken;
    default: {
      const role = caller === 'agent' || caller === 'otherAgent' ? 'agent' : 'province_staff';
      return (await anAccount().withRole(role).inProvince(place.provinceCode).create(w.api)).accessToken;
    }
  }
}

const ROWS: Partial<Record<RouteKey, Row>> = {
  // ── Accounts ──
  'POST /api/auth/register': {
    scoped: false,
    probe: async (w) => {
      const phone = aPhone();
      return { method: 'POST', path: '/api/auth/register', body: { phone, code: await aVerificationCode(w.api, phone), password: 'mat-khau-dai-hon', fullName: 'Người Mua Mới' } };
    },
    expect: all(201),
  },
  'POST /api/auth/phone-verification': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/phone-verification', body: { phone: aPhone() } }),
    expect: all(202),
  },
  'POST /api/auth/login/totp': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/login/totp', body: { challengeToken: 'x'.repeat(43), code: '000000' } }),
    expect: all(401),
  },
  'POST /api/auth/logout-all': {
    scoped: false,
    // Ends every session of the caller: sent as a fresh user of the caller's kind, so the table's tokens live on.
    probe: async (w, _whose, caller) => ({ method: 'POST', path: '/api/auth/logout-all', token: await freshTokenLike(w, caller) }),
    expect: { ...all(204), anonymous: 401 },
  },
  'GET /api/auth/totp': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/auth/totp' }), expect: only({ staff: 200, otherStaff: 200, admin: 200 }) },
  'POST /api/auth/totp/enrol': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/enrol' }),
    expect: only({ staff: 201, otherStaff: 201, admin: 201 }),
  },
  'POST /api/auth/totp/confirm': {
    scoped: false,
    // A wrong code: a right one would start a new session and end the table's token.
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/confirm', body: { code: '000000' } }),
    expect: only({ staff: 400, otherStaff: 400, admin: 400 }),
  },
  'POST /api/auth/totp/disable': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/disable', body: { code: '000000' } }),
    expect: only({ staff: 409, otherStaff: 409, admin: 409 }),
  },
  'POST /api/auth/login': {
    scoped: false,
    probe: async (w) => {
      const user = await anAccount().create(w.api);
      return { method: 'POST', path: '/api/auth/login', body: { phone: user.user.phone, password: user.password } };
    },
    expect: all(200),
  },
  'POST /api/auth/refresh': {
    scoped: false,
    probe: async (w) => {
      const user = await anAccount().create(w.api);
      const tokens = await w.api.app.get(SessionService).startForUser(user.user.id);
      return { method: 'POST', path: '/api/auth/refresh', body: { refreshToken: tokens.refreshToken } };
    },
    expect: all(200),
  },
  'POST /api/auth/logout': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/logout', body: { refreshToken: 'x'.repeat(43) } }),
    expect: { ...all(204), anonymous: 401 },
  },
  'GET /api/auth/me': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/auth/me' }), expect: { ...all(200), anonymous: 401 } },
  'POST /api/auth/password-reset/request': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/password-reset/request', body: { phone: aPhone() } }),
    expect: all(202),
  },
  'POST /api/auth/password-reset/confirm': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/password-reset/confirm', body: { phone: aPhone(), code: '000000', newPassword: 'mat-khau-moi-dai' } }),
    expect: all(400),
  },

  // ── Notifications ──
  'GET /api/admin/notifications/dead-letters': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin/notifications/dead-letters' }),
    expect: only({ admin: 200 }),
  },
  'POST /api/admin/notifications/messages/{id}/replay': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/admin/notifications/messages/0123456789abcdef01234567/replay' }),
    expect: only({ admin: 404 }),
  },
  // Providers' delivery reports: public routes, but only a genuine signature (ZNS) or the secret token (eSMS) passes.
  'POST /api/notifications/webhooks/zns': {
    scoped: false,
    probe: async () => ({
      method: 'POST',
      path: '/api/notifications/webhooks/zns',
      body: { app_id: 'x', event_name: 'user_received_message', timestamp: String(Date.now()), message: { msg_id: 'a', tracking_id: 'b' } },
    }),
    expect: all(401),
  },
  'GET /api/notifications/webhooks/esms/{token}': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: `/api/notifications/webhooks/esms/${'x'.repeat(40)}?SMSID=1&RequestId=2&SendStatus=5` }),
    expect: all(401),
  },

  // ── Administrative units, health: public ──
  'GET /api/admin-units/provinces': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/admin-units/provinces' }), expect: all(200) },
  'GET /api/admin-units/provinces/{code}/communes': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin-units/provinces/19/communes' }),
    expect: all(200),
  },
  'GET /api/admin-units/convert': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin-units/convert?era=pre2025&code=00004' }),
    expect: all(200),
  },
  'GET /api/health': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/health' }), expect: all(200) },

  // ── Onboarding ──
  'POST /api/sellers/self-register': {
    scoped: false,
    probe: async (w) => {
      const body = sellerBody();
      return { method: 'POST', path: '/api/sellers/self-register', body: { ...body, code: await aVerificationCode(w.api, body.phone), password: 'mat-khau-dai-hon' } };
    },
    expect: all(201),
  },
  'POST /api/sellers': {
    scoped: true,
    probe: async (_w, whose) => ({ method: 'POST', path: '/api/sellers', body: { ...sellerBody({}, commune(whose)), consent: consent() } }),
    // A receipt that says nothing of what became of the registration (a duplicate goes to staff as a case).
    expect: only({ agent: [202, 403], otherAgent: [403, 202] }),
  },
  'GET /api/registration-cases': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/registration-cases' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/registration-cases/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/registration-cases/${await duplicateCase(w, whose)}` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/registration-cases/{id}/resolve': {
    scoped: true,
    probe: async (w, whose) => ({
      method: 'POST',
      path: `/api/registration-cases/${await duplicateCase(w, whose)}/resolve`,
      body: { reason: 'Đã gọi điện cho hộ: hồ sơ trùng' },
    }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/sellers': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/sellers' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/sellers/me': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/sellers/me' }), expect: only({ seller: 200, otherSeller: 200 }) },
  'POST /api/sellers/handover/claim': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/sellers/handover/claim', body: { phone: aPhone(), code: '000000', newPassword: 'mat-khau-moi-dai' } }),
    expect: all(400),
  },
  'GET /api/sellers/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/sellers/${seller(w, whose).seller.id}` }),
    expect: only({
      seller: [200, 404],
      otherSeller: 404,
      agent: [200, 404],
      otherAgent: [404, 200],
      staff: [200, 404],
      otherStaff: [404, 200],
      admin: 200,
    }),
  },
  'POST /api/sellers/{id}/verify': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/sellers/${(await pendingSeller(w, whose)).seller.id}/verify`, body: { decision: 'approve' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/sellers/{id}/handover': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/sellers/${(await pendingSeller(w, whose)).seller.id}/handover` }),
    expect: only({ agent: [202, 404], otherAgent: [404, 202] }),
  },
  'POST /api/training-sessions': {
    scoped: true,
    probe: async (_w, whose) => ({
      method: 'POST',
      path: '/api/training-sessions',
      body: { date: '2026-11-20', communeCode: commune(whose).communeCode, topics: ['Bán hàng trực tuyến'], attendees: [{ name: 'Lò Văn Học' }] },
    }),
    // Another province's commune is a field error: the agent may only record sessions of its own province.
    expect: only({ agent: [201, 400], otherAgent: [400, 201] }),
  },
  'GET /api/training-sessions': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/training-sessions' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/onboarding/funnel': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/onboarding/funnel' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },

  // ── Catalogue ──
  'GET /api/categories': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/categories' }), expect: all(200) },
  'POST /api/products': {
    scoped: true,
    probe: async (w, whose, caller) => ({
      method: 'POST',
      path: '/api/products',
      // Sellers act for themselves (a seller naming another seller is refused); agents name the seller they help.
      body: productBody(caller === 'seller' || caller === 'otherSeller' ? (whose === 'own' ? {} : { sellerId: w.sellerB.seller.id }) : { sellerId: seller(w, whose).seller.id }),
    }),
    expect: only({ seller: [201, 403], otherSeller: [201, 403], agent: [201, 403], otherAgent: [403, 201] }),
  },
  'PATCH /api/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'PATCH', path: `/api/products/${product(w, whose).id}`, body: { priceVnd: 175_000 } }),
    expect: only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200] }),
  },
  'GET /api/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/products/${product(w, whose).id}` }),
    expect: all(200),
  },
  'GET /api/seller/products': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/seller/products' }),
    expect: only({ seller: 200, otherSeller: 200, agent: 200, otherAgent: 200 }),
  },
  'GET /api/seller/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/seller/products/${product(w, whose).id}` }),
    expect: only({
      seller: [200, 404],
      otherSeller: 404,
      agent: [200, 404],
      otherAgent: [404, 200],
      staff: [200, 404],
      otherStaff: [404, 200],
      admin: 200,
    }),
  },
  'POST /api/products/{id}/photos': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/products/${(await pendingProduct(w, whose)).id}/photos`, multipart: w.png }),
    expect: only({ seller: [201, 404], otherSeller: 404, agent: [201, 404], otherAgent: [404, 201] }),
  },
  'DELETE /api/products/{id}/photos/{photoId}': {
    scoped: true,
    probe: async (w, whose) => {
      const [productId, photoId] = await freshPhoto(w, whose);
      return { method: 'DELETE', path: `/api/products/${productId}/photos/${photoId}` };
    },
    expect: only({ seller: [204, 404], otherSeller: 404, agent: [204, 404], otherAgent: [404, 204] }),
  },
  'GET /api/moderation/products': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/moderation/products' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'POST /api/moderation/products/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/moderation/products/${(await pendingProduct(w, whose)).id}`, body: { decision: 'approve' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/search': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/search?q=che' }), expect: all(200) },
  'GET /api/storefront/home': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/storefront/home' }), expect: all(200) },
  'GET /api/media/*': {
    scoped: true,
    probe: async (w, whose) => {
      const url = product(w, whose).photos[0]?.url;
      if (!url) throw new Error('the approved listing has no photo');
      return { method: 'GET', path: new URL(url, 'http://x').pathname };
    },
    expect: all(200),
  },
};

describe('authorization matrix: every route × every caller × own/other resource', () => {
  let world: World;

  beforeAll(async () => {
    // TOTP enrolment needs its key; the agents here register far more households than the per-agent limit (tested
    // on its own) allows in an hour.
    const api = await startTestApi({ TOTP_ENCRYPTION_KEY: 'ab'.repeat(32), AGENT_REGISTRATION_LIMIT: '10000' });
    const account = {
      buyer: await anAccount().create(api),
      agent: await anAccount().withRole('agent').inProvince(A.provinceCode).create(api),
      otherAgent: await anAccount().withRole('agent').inProvince(B.provinceCode).create(api),
      staff: await anAccount().withRole('province_staff').inProvince(A.provinceCode).create(api),
      otherStaff: await anAccount().withRole('province_staff').inProvince(B.provinceCode).create(api),
      admin: await anAccount().withRole('admin').create(api),
    };
    const sellerA = await aSeller().byAgent(account.agent).verified().create(api);
    const sellerB = await aSeller().inCommune(B.provinceCode, B.communeCode).byAgent(account.otherAgent).verified().create(api);
    const otherSeller = await aSeller().verified().create(api);
    const png = await aPng(64, 48);
    const w = { api, account, sellerA, sellerB, png } as Omit<World, 'token' | 'productA' | 'productB'>;
    const listing = async (whose: Whose): Promise<Product> => {
      const agent = whose === 'own' ? account.agent : account.otherAgent;
      const created = await aProduct().with({ sellerId: (whose === 'own' ? sellerA : sellerB).seller.id }).create(api, agent.accessToken);
      const upload = multipartFile(png);
      const res = await api.request({ method: 'POST', url: `/api/products/${created.id}/photos`, token: agent.accessToken, payload: upload.payload, headers: upload.headers });
      if (res.status !== 201) throw new Error(`photo upload failed: ${res.status}`);
      const staff = whose === 'own' ? account.staff : account.otherStaff;
      const decided = await api.request({ method: 'POST', url: `/api/moderation/products/${created.id}`, token: staff.accessToken, body: { decision: 'approve' } });
      if (decided.status !== 200) throw new Error(`approval failed: ${decided.status}`);
      return decided.body as Product;
    };
    world = {
      ...w,
      productA: await listing('own'),
      productB: await listing('other'),
      token: {
        anonymous: undefined,
        buyer: account.buyer.accessToken,
        seller: await sellerToken(api, sellerA),
        otherSeller: otherSeller.sellerToken,
        agent: account.agent.accessToken,
        otherAgent: account.otherAgent.accessToken,
        staff: account.staff.accessToken,
        otherStaff: account.otherStaff.accessToken,
        admin: account.admin.accessToken,
      },
    };
  }, 120_000);

  afterAll(async () => {
    await world?.api.close();
  });

  it('has a row for every registered route, and a route for every row', () => {
    const routes = registeredRoutes(world.api.app);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !ROWS[r])).toEqual([]);
    expect(Object.keys(ROWS).filter((r) => !routes.includes(r as RouteKey))).toEqual([]);
  });

  it('answers each caller as the table says', async () => {
    const mismatches: string[] = [];
    let sent = 0;
    for (const [route, row] of Object.entries(ROWS) as Array<[RouteKey, Row]>) {
      for (const [i, caller] of CALLERS.entries()) {
        for (const whose of row.scoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const expected = row.expect[caller];
          const want = typeof expected === 'number' ? expected : expected[whose === 'own' ? 0 : 1];
          const probe = await row.probe(world, whose, caller);
          const upload = probe.multipart ? multipartFile(probe.multipart) : undefined;
          const res = await world.api.request({
            from: `127.0.0.${10 + i}`,
            method: probe.method,
            url: probe.path,
            token: 'token' in probe ? probe.token : world.token[caller],
            ...(probe.body !== undefined ? { body: probe.body } : {}),
            ...(upload ? { payload: upload.payload, headers: upload.headers } : {}),
          });
          sent++;
          if (res.status !== want) {
            const code = (res.body as { code?: string } | undefined)?.code ?? '';
            mismatches.push(`${route} as ${caller} on ${whose}: ${res.status} ${code} (expected ${want})`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(mismatches).toEqual([]);
  }, 600_000);
});

/** An access token of the seller's own user (agent-registered sellers have one without a password). */
async function sellerToken(api: TestApi, created: CreatedSeller): Promise<string> {
  const user = await api.app.get(UsersService).findByPhone(created.phone);
  if (!user || !user.sellerId) throw new Error('the seller has no user');
  return api.app.get(AccessTokenService).sign({ userId: user.id, role: 'seller', provinceCode: user.provinceCode ?? undefined, sellerId: user.sellerId }).token;
}
