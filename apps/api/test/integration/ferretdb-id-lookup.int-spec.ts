import { Types } from 'mongoose';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * The FerretDB the project builds (tools/infra/build-ferretdb.sh + ferretdb-id-lookup.patch) finds a document by
 * `_id` through the `_id` index, also when the filter holds more than `_id` (a guard, a fence, a data scope):
 * unpatched 1.24.2 scanned the whole table for each, so every update by id grew with its collection. The plan is
 * read from `explain` (no timing); the answers must be the same as without the patch (and as on MongoDB).
 */
describe('lookups by _id on this server (measured)', () => {
  let api: TestApi;
  let isFerret: boolean;
  const ids = Array.from({ length: 200 }, () => new Types.ObjectId());
  const coll = () => api.connection.collection('id_lookup_scratch');

  beforeAll(async () => {
    api = await startTestApi();
    const info = await api.connection.db?.admin().command({ buildInfo: 1 });
    isFerret = typeof info?.['ferretdbVersion'] === 'string';
    await coll().insertMany(ids.map((_id, i) => ({ _id, stock: i % 5, fence: null })));
  });
  afterAll(async () => {
    await api?.close();
  });

  async function plan(filter: Record<string, unknown>): Promise<string> {
    const explained = await coll().find(filter).explain();
    return JSON.stringify(explained['queryPlanner']);
  }

  it('uses the _id index for {_id}, for {_id, guard} and for {$and: [{_id, guard}, fence]} (FerretDB)', async () => {
    // On MongoDB the plan is IDHACK/IXSCAN by design; what the patch fixes exists only on FerretDB.
    if (!isFerret) return;
    const id = ids[150]!;
    for (const filter of [{ _id: id }, { _id: id, stock: { $gte: 1 } }, { $and: [{ _id: id, stock: { $gte: 1 } }, { fence: null }] }]) {
      const p = await plan(filter);
      expect(p).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      expect(p).not.toMatch(/SCAN/);
    }
  });

  it('answers exactly as the whole filter says: a guard that fails matches nothing, and nothing is updated', async () => {
    const id = ids[150]!; // stock 0
    expect(await coll().findOne({ $and: [{ _id: id, stock: { $gte: 1 } }, { fence: null }] })).toBeNull();
    const none = await coll().findOneAndUpdate({ $and: [{ _id: id, stock: { $gte: 1 } }, { fence: null }] }, { $inc: { stock: -1 } });
    expect(none).toBeNull();
    expect((await coll().findOne({ _id: id }))?.['stock']).toBe(0);

    const other = ids[151]!; // stock 1
    const taken = await coll().findOneAndUpdate({ $and: [{ _id: other, stock: { $gte: 1 } }, { fence: null }] }, { $inc: { stock: -1 } }, { returnDocument: 'after' });
    expect(taken?.['stock']).toBe(0);
    expect(await coll().findOne({ _id: other, fence: 7 })).toBeNull();
    expect(await coll().countDocuments({ _id: { $in: [id, other] } })).toBe(2);
    expect(await coll().countDocuments({ $and: [{ _id: other }, { _id: id }] })).toBe(0);
    expect((await coll().deleteOne({ _id: other, stock: 5 })).deletedCount).toBe(0);
    expect((await coll().deleteOne({ $and: [{ _id: other }, { stock: 0 }] })).deletedCount).toBe(1);
    expect(await coll().findOne({ _id: other })).toBeNull();
  });
});
