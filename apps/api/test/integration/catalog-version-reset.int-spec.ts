import type { Redis } from 'ioredis';
import type { Page, ProductCard } from '@nss/contracts';
import { CATALOG_VERSION_KEY, CatalogVersion } from '@nss/catalog-api';
import { REDIS } from '@nss/server-core';
import { anAccount } from '../support/accounts.factory';
import { aProduct } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * The search read model follows a Redis counter. Redis can lose it (FLUSHALL, a restart without persistence, a
 * failover): the next approval then starts the count again from 1, below what every replica already synced.
 */
describe('Catalogue read model across a Redis counter reset (real database and Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const found = async (q: string) =>
    (await api.request<Page<ProductCard>>({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).body.items.map((c) => c.id);

  it('sees a product approved after the counter was lost', async () => {
    const { sellerToken } = await aSeller().verified().create(api);
    const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    const before = await aProduct().named('Miến dong Na Rì trước').approved(staff).create(api, sellerToken as string);
    const version = api.app.get(CatalogVersion);
    for (let i = 0; i < 3; i++) await version.bump(); // this replica has synced a count well above 1
    expect(await found('mien dong na ri truoc')).toContain(before.id);

    await api.app.get<Redis>(REDIS).del(CATALOG_VERSION_KEY);
    const after = await aProduct().named('Miến dong Na Rì sau').approved(staff).create(api, sellerToken as string);
    expect(await found('mien dong na ri sau')).toContain(after.id);
    expect(await found('mien dong na ri truoc')).toContain(before.id);
  });
});
