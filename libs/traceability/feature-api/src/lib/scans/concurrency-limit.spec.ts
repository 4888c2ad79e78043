import { ConcurrencyLimit } from './concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, all of them, in arrival order, and passes results and errors through', async () => {
    const limit = new ConcurrencyLimit(3);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      if (i === 4) throw new Error('four');
      return i * 2;
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_v, i) => limit.run(task(i))));
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 2, 4, 6, 'failed', 10, 12, 14, 16, 18]);
    expect(await limit.run(async () => 'after')).toBe('after');
  });
});
