import type { Collection } from 'mongoose';
import { startTestApi, TestApi } from '../support/test-api';

/**
 * The evidence behind DocumentLocks and docs/engineering-notes.md: on FerretDB 1.24 (SQLite) a guarded update is a
 * read-modify-write without isolation, so concurrent writers to one document (a) pass a guard they should fail and
 * (b) overwrite each other's `$set`s of *different* fields. On MongoDB both hold. The test detects the server
 * (`buildInfo.ferretdbVersion`) and asserts what that server does, so it fails if either statement stops being true.
 */
describe('Atomicity of single-document updates on this server (measured)', () => {
  let api: TestApi;
  let isFerret: boolean;
  let scratch: Collection;
  beforeAll(async () => {
    api = await startTestApi();
    const info = await api.connection.db?.admin().command({ buildInfo: 1 });
    isFerret = typeof info?.['ferretdbVersion'] === 'string';
    scratch = api.connection.collection('atomicity_scratch');
  });
  afterAll(async () => {
    await api.close();
  });

  /** Runs `round` up to 3 times; FerretDB's races are not guaranteed in any one round, only overwhelmingly likely. */
  async function rounds(round: () => Promise<number>, done: (n: number) => boolean): Promise<number[]> {
    const seen: number[] = [];
    for (let i = 0; i < 3 && !seen.some(done); i++) seen.push(await round());
    return seen;
  }

  it('a guarded $inc: 20 concurrent "take 1 if stock ≥ 1" on stock 7', async () => {
    const successes = await rounds(
      async () => {
        const { insertedId } = await scratch.insertOne({ stock: 7 });
        const results = await Promise.all(
          Array.from({ length: 20 }, () => scratch.findOneAndUpdate({ _id: insertedId, stock: { $gte: 1 } }, { $inc: { stock: -1 } })),
        );
        return results.filter(Boolean).length;
      },
      (n) => (isFerret ? n > 7 : n !== 7),
    );
    if (isFerret) expect(Math.max(...successes)).toBeGreaterThan(7); // oversold: the guard is not atomic
    else expect(successes).toEqual([7, 7, 7]);
  });

  it('concurrent $sets of 20 different fields of one document', async () => {
    const kept = await rounds(
      async () => {
        const { insertedId } = await scratch.insertOne({ base: true });
        await Promise.all(Array.from({ length: 20 }, (_, i) => scratch.updateOne({ _id: insertedId }, { $set: { [`f${i}`]: i } })));
        const doc = await scratch.findOne({ _id: insertedId });
        return Object.keys(doc ?? {}).filter((k) => /^f\d+$/.test(k)).length;
      },
      (n) => (isFerret ? n < 20 : n !== 20),
    );
    if (isFerret) expect(Math.min(...kept)).toBeLessThan(20); // writes were lost
    else expect(kept).toEqual([20, 20, 20]);
  });
});
