import type { Product } from '@nss/contracts';
import { AccessTokenService } from '@nss/server-core';
import { UsersService } from '@nss/accounts-api';
import { anAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aSeller, type CreatedSeller } from '../support/onboarding.factory';
import { registeredRoutes, type RouteKey } from '../support/registered-routes';
import { startTestApi, type TestApi } from '../support/test-api';
import { A, B, CALLERS, type Row, type Rows, type Whose, type World } from '../support/authorization-matrix/matrix';
import { accountRows } from '../support/authorization-matrix/rows-accounts';
import { catalogRows } from '../support/authorization-matrix/rows-catalog';
import { ledgerRows } from '../support/authorization-matrix/rows-ledger';
import { onboardingRows } from '../support/authorization-matrix/rows-onboarding';
import { orderRows } from '../support/authorization-matrix/rows-orders';
import { paymentsRows } from '../support/authorization-matrix/rows-payments';
import { lotRows } from '../support/authorization-matrix/rows-traceability';
import { scanRows } from '../support/authorization-matrix/rows-scans';
import { stampRows } from '../support/authorization-matrix/rows-stamps';
import { reportRows } from '../support/authorization-matrix/rows-reports';

/**
 * Who may call what, for every registered route: each route × each kind of caller × a resource of province A
 * ("own": seller A, managed by agent A, watched by staff A) and one of province B ("other"), with the expected
 * status in a table. A route registered without a row, or a row for a route that no longer exists, fails the test,
 * so the table grows with the API. Requests go over real sockets, one client address per caller, so per-client
 * limits of one caller never decide another's answer.
 */

const ROWS: Rows = { ...accountRows, ...onboardingRows, ...catalogRows, ...orderRows, ...ledgerRows, ...paymentsRows, ...lotRows, ...scanRows, ...stampRows, ...reportRows };

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
            ...(upload ? { payload: upload.payload } : {}),
            ...(upload || probe.headers ? { headers: { ...probe.headers, ...upload?.headers } } : {}),
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
