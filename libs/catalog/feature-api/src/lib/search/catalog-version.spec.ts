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

  it('is unknown at once while Redis is not connected, and when a read fails because Redis is away; other failures throw', async () => {
    const redis = { ...fakeRedis(), status: 'reconnecting' };
    const version = new CatalogVersion(redis as never);
    expect(await version.currentOrUnknown()).toBeNull();
    expect(redis.sent).toHaveLength(0);
    redis.status = 'ready';
    expect(await version.currentOrUnknown()).toEqual({ epoch: 'e1', n: 0 });
    redis.hmget = async () => Promise.reject(Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' }));
    expect(await version.currentOrUnknown()).toBeNull();
    redis.hmget = async () => Promise.reject(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'));
    await expect(version.currentOrUnknown()).rejects.toThrow(/WRONGTYPE/);
  });
});
