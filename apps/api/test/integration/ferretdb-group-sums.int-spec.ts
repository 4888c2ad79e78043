import { startTestApi, TestApi } from '../support/test-api';

/**
 * The evidence behind the reviews' rating query (reviews.repository.ts): FerretDB 1.24 answers 0 for every `$sum`
 * after the first in one `$group`; MongoDB sums them all. One accumulator per `$group` (a histogram, then arithmetic
 * in code) is right on both. The test detects the server and asserts what it does.
 */
describe('$group with several $sum accumulators on this server (measured)', () => {
  let api: TestApi;
  let isFerret: boolean;

  beforeAll(async () => {
    api = await startTestApi();
    const info = await api.connection.db?.admin().command({ buildInfo: 1 });
    isFerret = typeof info?.['ferretdbVersion'] === 'string';
    await api.connection.collection('group_scratch').insertMany([{ stars: 5 }, { stars: 3 }, { stars: 5 }]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sums only the first accumulator on FerretDB, all of them on MongoDB', async () => {
    const [row] = await api.connection
      .collection('group_scratch')
      .aggregate([{ $group: { _id: null, count: { $sum: 1 }, total: { $sum: '$stars' } } }])
      .toArray();
    expect(row?.['count']).toBe(3);
    expect(row?.['total']).toBe(isFerret ? 0 : 13);
  });

  it('gives the right count and total from a one-accumulator histogram on both', async () => {
    const rows = await api.connection
      .collection('group_scratch')
      .aggregate<{ _id: number; n: number }>([{ $group: { _id: '$stars', n: { $sum: 1 } } }])
      .toArray();
    expect(rows.reduce((t, r) => t + r.n, 0)).toBe(3);
    expect(rows.reduce((t, r) => t + r._id * r.n, 0)).toBe(13);
  });
});
