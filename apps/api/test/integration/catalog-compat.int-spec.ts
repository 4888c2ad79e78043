import type { Model } from 'mongoose';
import { DataScope } from '@nss/server-core';
import { ProductDoc, ProductWriter } from '@nss/catalog-api';
import { aProduct } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * Rules of shared/docs/mongodb-compat.md that the catalogue relies on, checked on the real server. Why the lock is
 * needed at all (bare guarded updates are not atomic on FerretDB) is measured in ferretdb-atomicity.int-spec.ts.
 */
describe('Catalogue on FerretDB/MongoDB: rules relied upon', () => {
  let api: TestApi;
  let products: Model<ProductDoc>;
  beforeAll(async () => {
    api = await startTestApi();
    products = api.connection.model<ProductDoc>(ProductDoc.name);
  });
  afterAll(async () => {
    await api.close();
  });

  it('never oversells: 20 concurrent guarded decrements of stock 7 through ProductWriter give exactly 7', async () => {
    const { sellerToken } = await aSeller().verified().create(api);
    const product = await aProduct().with({ stock: 7 }).create(api, sellerToken as string);
    const writer = api.app.get(ProductWriter);
    const scope = DataScope.forActor({ userId: 'admin', role: 'admin' });
    const results = await Promise.all(Array.from({ length: 20 }, () => writer.takeStock(scope, product.id, 1)));
    expect(results.filter(Boolean)).toHaveLength(7);
    expect((await products.findById(product.id).lean())?.stock).toBe(0);
    expect(await writer.takeStock(scope, product.id, 1)).toBeNull();
  });

  it('rejects a stale save of a product (optimistic concurrency on array edits)', async () => {
    const { sellerToken } = await aSeller().verified().create(api);
    const product = await aProduct().create(api, sellerToken as string);
    const a = await products.findById(product.id);
    const b = await products.findById(product.id);
    if (!a || !b) throw new Error('product not found');
    a.certifications = [];
    await a.save();
    b.certifications = [{ kind: 'organic', standard: 'TCVN 11041' }];
    await expect(b.save()).rejects.toThrow(/version/i);
  });

  it('finds products by a field of an array element with dot notation', async () => {
    const { sellerToken } = await aSeller().verified().create(api);
    const product = await aProduct().create(api, sellerToken as string);
    const found = await products.find({ 'certifications.kind': 'vietgap' }, { _id: 1 }).lean();
    expect(found.map((p) => String(p._id))).toContain(product.id);
  });
});
