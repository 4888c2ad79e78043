import type { ApiError, Product, ScanSummary, SuspiciousStampsPage, TraceRecord } from '@nss/contracts';
import type { ScanWriter } from '@nss/traceability-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aClientAddress } from '../support/client-address';
import { aSeller, COMMUNES } from '../support/onboarding.factory';
import { aStampedLot, type StampedLot } from '../support/scans.factory';
import type { TestApi } from '../support/test-api';
import { HANOI, HCMC, K, scanRequests, startScanWorld, type ScanWorld } from '../support/traceability-scan.support';

/** Who sees which scans: the summary by day, verdict, province, commune and product, and the list of suspicious stamps. */
describe('Traceability: scan analytics for sellers, agents and province staff (real database and Redis)', () => {
  let api: TestApi;
  let writer: ScanWriter;
  let staff: CreatedAccount;
  let otherStaff: CreatedAccount;
  let admin: CreatedAccount;
  let agent: CreatedAccount;
  let seller: ScanWorld['seller'];
  let product: Product;
  let lot: StampedLot;

  beforeAll(async () => {
    ({ api, writer, staff, agent, seller, product, lot } = await startScanWorld());
    otherStaff = await anAccount().withRole('province_staff').inProvince(COMMUNES.thucPhan.provinceCode).create(api);
    admin = await anAccount().withRole('admin').create(api);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const get = scanRequests(() => api);

  describe('scan analytics', () => {
    let sellerToken: string;
    let cbProduct: Product;
    let cbSerial: string;
    const summary = (token: string, query = '') => api.request<ScanSummary & ApiError>({ method: 'GET', url: `/api/scans/summary${query}`, token });
    const suspicious = (token: string, query = '') => api.request<SuspiciousStampsPage & ApiError>({ method: 'GET', url: `/api/scans/suspicious${query}`, token });

    beforeAll(async () => {
      sellerToken = (await anAccount().forSeller(seller.seller.id).inProvince('19').create(api)).accessToken;
      // A seller of Cao Bằng with one scanned stamp.
      const cbSeller = await aSeller().inCommune(COMMUNES.thucPhan.provinceCode, COMMUNES.thucPhan.communeCode).verified().create(api);
      cbProduct = await aProduct().named('Miến dong Cao Bằng').approved(otherStaff).create(api, cbSeller.sellerToken as string);
      cbSerial = (await aStampedLot(api, cbProduct, { quantity: 1 })).serials[0] as string;
      await get(`/t/${cbSerial}`);
      // Thái Nguyên: a scan shared from Hà Nội, one from Hồ Chí Minh City, and a stamp scanned too often.
      for (const [serial, place] of [[lot.serials[20], HANOI], [lot.serials[21], HCMC]] as const) {
        const from = aClientAddress();
        const scanned = await get<TraceRecord>(`/api/trace/${serial}`, from);
        await api.request({ method: 'POST', url: `/api/trace/${serial}/position`, from, body: { scanId: scanned.body.scanId, ...place } });
      }
      for (let i = 0; i <= K; i++) await get(`/t/${lot.serials[22]}`);
      await writer.flush();
    });

    it('gives a seller its products’ scans by day, verdict and the scanners’ (approximate) province', async () => {
      const res = await summary(sellerToken);
      expect(res.status).toBe(200);
      const stored = await api.connection.collection('stamp_scans').countDocuments({ sellerId: seller.seller.id, stampFound: true });
      expect(res.body.total).toBe(stored);
      expect(res.body.byDay.reduce((n, d) => n + d.count, 0)).toBe(stored);
      expect(res.body.byProduct).toEqual(expect.arrayContaining([expect.objectContaining({ productId: product.id, productName: 'Chè búp Tân Cương' })]));
      expect(res.body.byScannerProvince).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ provinceCode: '01', provinceName: 'Thành phố Hà Nội' }),
          expect.objectContaining({ provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' }),
          expect.objectContaining({ provinceCode: null }),
        ]),
      );
      expect(res.body.byVerdict.map((v) => v.verdict)).toEqual(expect.arrayContaining(['genuine_first', 'genuine_seen', 'suspicious']));
      expect(res.body.byProduct.map((p) => p.productId)).not.toContain(cbProduct.id);
      const one = await summary(sellerToken, `?productId=${product.id}`);
      expect(one.body.total).toBe(stored);
    });

    it('refuses a seller another seller’s product (404) or name (403), and answers an empty past period', async () => {
      expect((await summary(sellerToken, `?productId=${cbProduct.id}`)).status).toBe(404);
      expect((await summary(sellerToken, `?sellerId=${cbProduct.sellerId}`)).status).toBe(403);
      const past = await summary(sellerToken, '?from=2025-01-01&to=2025-01-31');
      expect([past.status, past.body.total, past.body.byDay]).toEqual([200, 0, []]);
      const backwards = await summary(sellerToken, '?from=2026-02-01&to=2026-01-01');
      expect([backwards.status, backwards.body.issues?.[0]?.path]).toEqual([400, 'from']);
      expect((await summary(sellerToken, '?from=2024-01-01&to=2026-01-01')).status).toBe(400);
    });

    it('lets an agent see the seller it manages (named), not others', async () => {
      expect((await summary(agent.accessToken, `?sellerId=${seller.seller.id}`)).status).toBe(200);
      expect((await summary(agent.accessToken)).status).toBe(400);
      const otherAgent = await anAccount().withRole('agent').inProvince('19').create(api);
      expect((await summary(otherAgent.accessToken, `?sellerId=${seller.seller.id}`)).status).toBe(403);
    });

    it('gives province staff their province by commune and product, and nothing of another province', async () => {
      const own = await summary(staff.accessToken);
      const inProvince = await api.connection.collection('stamp_scans').countDocuments({ provinceCode: '19', stampFound: true });
      expect(own.body.total).toBe(inProvince);
      expect(own.body.byCommune).toEqual([{ communeCode: product.communeCode, communeName: 'Xã Tân Cương', count: inProvince }]);
      expect(own.body.byProduct.map((p) => p.productId)).toEqual([product.id]);
      const other = await summary(otherStaff.accessToken);
      expect([other.body.total, other.body.byProduct.map((p) => p.productName)]).toEqual([1, ['Miến dong Cao Bằng']]);
      expect((await summary(otherStaff.accessToken, `?productId=${product.id}`)).status).toBe(404);
      expect((await summary(otherStaff.accessToken, `?sellerId=${seller.seller.id}`)).body.total).toBe(0);
      expect((await summary(staff.accessToken, '?provinceCode=04')).status).toBe(400);
      const all = await summary(admin.accessToken);
      expect(all.body.total).toBe(inProvince + 1);
      expect((await summary(admin.accessToken, '?provinceCode=04')).body.total).toBe(1);
    });

    it('lists suspicious stamps with why, to the staff of their province only', async () => {
      const res = await suspicious(staff.accessToken);
      expect(res.status).toBe(200);
      const bySerial = new Map(res.body.items.map((i) => [i.serial, i]));
      expect(bySerial.get(lot.serials[22] as string)).toMatchObject({
        reasons: [{ reason: 'too_many_scans', detectedAt: expect.any(String) }],
        productId: product.id,
        productName: 'Chè búp Tân Cương',
        lotCode: lot.lotCode,
        communeName: 'Xã Tân Cương',
        provinceCode: '19',
        scanCount: K + 1,
      });
      expect(res.body.total).toBe(res.body.items.length);
      expect((await suspicious(otherStaff.accessToken)).body.items).toEqual([]);
      expect((await suspicious(otherStaff.accessToken, '?provinceCode=19')).status).toBe(404);
      expect((await suspicious(admin.accessToken, '?provinceCode=19')).body.total).toBe(res.body.total);
      expect((await suspicious(sellerToken)).status).toBe(403);
      expect((await suspicious(agent.accessToken)).status).toBe(403);
    });
  });
});
