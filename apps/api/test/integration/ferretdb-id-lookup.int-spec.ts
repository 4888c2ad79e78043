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

  describe('string _id prefix ranges and $in lists (the reporting store pages deltas by them)', () => {
    // Strings chosen for JSON escaping (quotes, backslashes, HTML characters, controls, U+2028, non-ASCII), strings that
    // are prefixes of one another, and other types in the same collection.
    const strings = ['19:2026-11-02:', '19:2026-11-02', '19:2026-11-02:a', '19:2026-11-02:a"b', '19:2026-11-02:\\x', '19:2026-11-02:<', '19:2026-11-02:&',
      '19:2026-11-02:\u2028', '19:2026-11-02:\u0001', '19:2026-11-02:ế', '19:2026-11-02;', '19:2026-11-03:', '19:2026-11-029', '19:2026-11-01:zz', 'ab', 'ab!', 'ac'];
    const mixed = () => api.connection.collection<{ _id: string | number | null | Types.ObjectId | { a: string } }>('id_prefix_scratch');
    const key = (d: { _id: unknown }) => (d._id instanceof Types.ObjectId ? `oid:${d._id.toHexString()}` : JSON.stringify(d._id));
    /** What MongoDB answers: strings in [lo, hi) by code point (= UTF-8 byte) order; no other type. */
    const inRange = (lo: string, hi: string) => strings.filter((s) => Buffer.compare(Buffer.from(s), Buffer.from(lo)) >= 0 && Buffer.compare(Buffer.from(s), Buffer.from(hi)) < 0);

    beforeAll(async () => {
      await mixed().insertMany([...strings.map((_id) => ({ _id })), { _id: new Types.ObjectId('19202611020000000000000a') }, { _id: 19 }, { _id: { a: '19:2026-11-02:' } }, { _id: null }]);
    });

    it('finds exactly the strings with the prefix, whatever the rest of them needs escaped', async () => {
      for (const [lo, hi] of [['19:2026-11-02:', '19:2026-11-02;'], ['19:2026-11-02', '19:2026-11-03'], ['ab', 'ac'], ['19:2026-11-02:<', '19:2026-11-02:=']]) {
        const found = (await mixed().find({ _id: { $gte: lo, $lt: hi } }).toArray()).map(key).sort();
        expect(found).toEqual(inRange(lo!, hi!).map((s) => JSON.stringify(s)).sort());
      }
      expect(inRange('19:2026-11-02:', '19:2026-11-02;')).toHaveLength(9);
    });

    it('finds exactly the listed ids with $in, strings and ObjectIDs alike', async () => {
      const listed = ['19:2026-11-02:a"b', '19:2026-11-02:\u2028', 'nope', 'ab!', new Types.ObjectId('19202611020000000000000a')];
      expect((await mixed().find({ _id: { $in: listed } }).toArray()).map(key).sort()).toEqual(['"19:2026-11-02:a\\"b"', '"19:2026-11-02:\u2028"', '"ab!"', 'oid:19202611020000000000000a'].sort());
      // A list with another type is not pushed down, and still answers.
      expect(await mixed().countDocuments({ _id: { $in: ['ab', 19] } })).toBe(2);
    });

    it('reads a day of deltas and a page of ids through the _id index, not a scan (FerretDB)', async () => {
      if (!isFerret) return;
      const filters: Array<Parameters<ReturnType<typeof mixed>['find']>[0]> = [{ _id: { $gte: '19:2026-11-02:', $lt: '19:2026-11-02;' } }, { _id: { $in: ['ab', 'ac'] } }];
      for (const filter of filters) {
        const explained = await mixed().find(filter).explain();
        const p = JSON.stringify(explained['queryPlanner']);
        expect(p).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
        expect(p).not.toMatch(/SCAN/);
      }
    });
  });
});
