import { Redis } from 'ioredis';
import { AppError, DocumentLocks, type LockLease, lockKey } from '@nss/server-core';

/** DocumentLocks on the real Redis named by REDIS_URL (keys under a random kind, so parallel files do not meet). */
describe('DocumentLocks (real Redis)', () => {
  let redis: Redis;
  let locks: DocumentLocks;
  const kind = `test${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const statusOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof AppError ? `${error.getStatus()} ${(error.getResponse() as { code: string }).code}` : `thrown ${String(error)}`),
    );

  beforeAll(() => {
    const url = process.env['REDIS_URL'];
    if (!url) throw new Error('REDIS_URL is required');
    redis = new Redis(url);
    locks = new DocumentLocks(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`nss:lock:${kind}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('takes one lock for an id whatever its case', async () => {
    const id = '65A1B2C3D4E5F6A7B8C9D0E1';
    let inside = false;
    const holder = locks.run(kind, id, async () => {
      inside = true;
      await sleep(300);
    });
    while (!inside) await sleep(5);
    expect(await statusOf(locks.run(kind, id.toLowerCase(), async () => undefined, { waitMs: 50 }))).toBe('409 BUSY');
    await holder;
    expect(await statusOf(locks.run(kind, id.toLowerCase(), async () => undefined, { waitMs: 50 }))).toBe('ok');
  });

  it('works on the Redis database REDIS_URL names (…/11), not only on database 0', async () => {
    const url = new URL(process.env['REDIS_URL'] as string);
    url.pathname = '/11';
    const other = new Redis(url.toString());
    try {
      const otherLocks = new DocumentLocks(other);
      const fence = await otherLocks.run(kind, 'db11', async (lease) => {
        await lease.assertHeld(); // the lock and its fencing token are found in the same database
        expect(await other.get(lockKey(kind, 'db11'))).toEqual(expect.any(String));
        return lease.fence;
      });
      expect(fence).toEqual(expect.any(Number));
    } finally {
      await other.del(lockKey(kind, 'db11'), `${lockKey(kind, 'db11')}:fence`);
      await other.quit();
    }
  });

  it('extends the lease while the holder works, so nobody else gets in after the first lease ran out', async () => {
    let inside = false;
    const holder = locks.run(
      kind,
      'long',
      async (lease) => {
        inside = true;
        await sleep(1_200); // four leases long
        await lease.assertHeld();
        return lease.fence;
      },
      { ttlMs: 300 },
    );
    while (!inside) await sleep(5);
    await sleep(700);
    expect(await statusOf(locks.run(kind, 'long', async () => undefined, { waitMs: 100 }))).toBe('409 BUSY');
    await expect(holder).resolves.toEqual(expect.any(Number));
  });

  it('gives every holder a larger fencing token than the one before', async () => {
    const first = await locks.run(kind, 'fence', async (lease) => lease.fence);
    const second = await locks.run(kind, 'FENCE', async (lease) => lease.fence);
    expect(second).toBeGreaterThan(first);
  });

  it('refuses a holder whose lock expired and was taken by another (lost lock cannot write)', async () => {
    let stale: LockLease | undefined;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = locks.run(kind, 'lost', async (lease) => {
      stale = lease;
      await gate;
      await lease.assertHeld(); // the write would happen after this
      return 'wrote';
    }, { ttlMs: 300 });
    while (!stale) await sleep(5);
    // The holder stalls (GC pause, slow disk) and its lease expires: simulated by removing the lock key.
    await redis.del(lockKey(kind, 'lost'));
    const next = await locks.run(kind, 'lost', async (lease) => lease.fence, { waitMs: 200 });
    expect(next).toBeGreaterThan(stale.fence);
    release();
    expect(await statusOf(holder)).toBe('409 LOCK_LOST');
    expect(stale.lost).toBe(true);
  });

  it('marks the lease lost when it cannot be extended', async () => {
    const lost = await locks.run(kind, 'unextended', async (lease) => {
      await redis.del(lockKey(kind, 'unextended'));
      await sleep(400);
      return lease.lost;
    }, { ttlMs: 300 });
    expect(lost).toBe(true);
  });

  it('answers 503 (never 500) when Redis is unreachable', async () => {
    const down = new Redis({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: true });
    down.on('error', () => undefined);
    try {
      const result = await statusOf(new DocumentLocks(down).run(kind, 'x', async () => 'ran', { waitMs: 2_000 }));
      expect(result).toBe('503 LOCK_UNAVAILABLE');
    } finally {
      down.disconnect();
    }
  });
});
