import { CatalogVersion } from './catalog-version';

/** A fake Redis whose HMGET answers after a delay, recording when each read was sent (the bump script just counts). */
function fakeRedis() {
  let value = 0;
  const sent: number[] = [];
  return {
    sent,
    eval: async () => {
      value++;
      return value;
    },
    hmget: async () => {
      sent.push(value);
      const seen = value;
      await new Promise((r) => setTimeout(r, 5));
      return ['e1', String(seen)];
    },
  };
}

describe('CatalogVersion', () => {
  it('shares one GET between callers that arrive together', async () => {
    const redis = fakeRedis();
    const version = new CatalogVersion(redis as never);
    const values = await Promise.all([version.current(), version.current(), version.current()]);
    expect(values.map((v) => v.n)).toEqual([0, 0, 0]);
    expect(redis.sent).toHaveLength(1);
  });

  it('never lets a caller reuse a GET sent before it asked (a bump before the call is always seen)', async () => {
    const redis = fakeRedis();
    const version = new CatalogVersion(redis as never);
    const first = version.current();
    await new Promise((r) => setImmediate(r)); // the first GET is now on the wire
    await version.bump();
    const second = await version.current();
    expect((await first).n).toBe(0);
    expect(second.n).toBe(1);
    expect(redis.sent).toEqual([0, 1]);
  });
});
