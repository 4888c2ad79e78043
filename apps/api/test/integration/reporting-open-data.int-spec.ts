import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { ApiError } from '@nss/contracts';
import { vnDay } from '@nss/report-figures';
import { ReportIngest, ReportingCoreModule } from '@nss/reporting-api';
import { InfrastructureModule } from '@nss/server-core';
import { anAccount } from '../support/accounts.factory';
import { aSeller } from '../support/onboarding.factory';
import { aListing, anOrder, aShop, type SellerWithAgent } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Open data on the real database and Redis: public, aggregates only (no name, phone or citizen ID of anyone reaches a
 * file), cacheable for an hour with ETags that answer 304, and bad province or month answered with the field and
 * the reason.
 */
describe('open data: public monthly aggregates per province (real FerretDB/MongoDB and Redis)', () => {
  let api: TestApi;
  let worker: TestingModule;
  let shop: SellerWithAgent;
  const month = vnDay(new Date()).slice(0, 7);
  const personal: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    @Module({ imports: [InfrastructureModule.forRoot(api.config), ReportingCoreModule] })
    class ReportingWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [ReportingWorkerOnly] }).compile();
    shop = await aShop(api);
    const product = await aListing(api, shop, { stock: 20, priceVnd: 90_000, netWeightGrams: 1000 });
    const buyer = await anAccount().withName('Nguyễn Thị Người Mua').create(api);
    await anOrder(api, buyer, product, 'cod', 3);
    const household = await aSeller().inCommune('19', '05443').named('Hộ bà Trần Thị Lan').create(api);
    personal.push(shop.seller.phone, shop.seller.citizenId, household.phone, household.citizenId, 'Hộ bà Trần Thị Lan', buyer.user.phone, 'Nguyễn Thị Người Mua');
    if (!(await worker.get(ReportIngest).runOnce())) throw new Error('the ingest lock was busy');
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const get = <T = unknown>(url: string, headers: Record<string, string> = {}) => api.request<T>({ method: 'GET', url, headers });

  it('lists provinces and months with the data dictionary and the licence, without signing in', async () => {
    const index = await get<{ licence: { id: string }; dictionary: Array<{ name: string }>; provinces: Array<{ code: string; months: Array<{ month: string; provisional: boolean; csv: string }> }> }>('/api/open-data');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('public, max-age=3600');
    expect(index.body.licence.id).toBe('CC-BY-4.0');
    expect(index.body.dictionary.map((c) => c.name)).toEqual(expect.arrayContaining(['province_code', 'commune_code', 'orders_sold', 'revenue_vnd', 'weight_kg']));
    expect(index.body.provinces).toHaveLength(34);
    const thaiNguyen = index.body.provinces.find((p) => p.code === '19');
    // The month in progress is served, marked provisional (its figures still change).
    expect(thaiNguyen?.months).toEqual([{ month, provisional: true, csv: `/api/open-data/19/${month}.csv`, json: `/api/open-data/19/${month}.json` }]);
    expect(index.body.provinces.find((p) => p.code === '04')?.months).toEqual([]);
  });

  it('serves the month as CSV (with BOM) and JSON with the figures, and nothing about any person', async () => {
    const csv = await api.app.inject({ method: 'GET', url: `/api/open-data/19/${month}.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('public, max-age=3600');
    expect(csv.headers['x-data-provisional']).toBe('true');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const json = await get<{ rows: Array<Record<string, unknown>> }>(`/api/open-data/19/${month}.json`);
    expect(json.status).toBe(200);
    const total = json.body.rows.find((r) => r['level'] === 'province');
    expect(total).toMatchObject({ province_code: '19', month, orders_sold: 1, revenue_vnd: 270_000, weight_kg: 3, accounts_created: 2 });
    expect(json.body.rows.find((r) => r['commune_code'] === '05503')).toMatchObject({ orders_sold: 1, level: 'commune' });
    for (const body of [csv.body, JSON.stringify(json.body)]) {
      for (const secret of personal) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/0\d{9}/); // no phone number of any shape
      expect(body).not.toMatch(/\d{12}/); // no citizen ID
    }
  });

  it('answers 304 to a matching If-None-Match, and a changed month gets a new ETag', async () => {
    const first = await get(`/api/open-data/19/${month}.json`);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(`/api/open-data/19/${month}.json`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers['etag']).toBe(etag);
    const csvTag = String((await get(`/api/open-data/19/${month}.csv`)).headers['etag']);
    expect(csvTag).not.toBe(etag);
    expect((await get(`/api/open-data/19/${month}.csv`, { 'if-none-match': `W/"other", ${csvTag}` })).status).toBe(304);

    const buyer = await anAccount().create(api);
    const product = await aListing(api, shop);
    await anOrder(api, buyer, product, 'cod', 1);
    await worker.get(ReportIngest).runOnce();
    const changed = await get(`/api/open-data/19/${month}.json`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('answers a bad province or month with the field and the reason, and months not begun with 404', async () => {
    const cases: Array<[string, number, string | null]> = [
      [`/api/open-data/xx/${month}.csv`, 400, 'province'],
      [`/api/open-data/99/${month}.csv`, 404, null],
      ['/api/open-data/19/2026-13.csv', 400, 'month'],
      ['/api/open-data/19/2026-11.xml', 400, 'file'],
      ['/api/open-data/19/2099-01.json', 404, null],
      ['/api/open-data/19/2024-12.json', 404, null],
    ];
    for (const [url, expected, field] of cases) {
      const res = await get<ApiError>(url);
      expect([url, res.status]).toEqual([url, expected]);
      expect(res.body.message).toBeTruthy();
      expect(res.body.messageEn).toBeTruthy();
      if (field) expect(res.body.issues?.map((i) => i.path)).toContain(field);
    }
  });
});
