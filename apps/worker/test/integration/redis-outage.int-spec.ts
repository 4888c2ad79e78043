import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { OwnRedis } from '../support/own-redis';
import { tail, WorkerHarness } from '../support/worker-harness';

/**
 * The worker through a Redis outage (a Redis of this file's own, a child process; a database of its own on the run's
 * server): Redis is stopped
 * while a job waits in a queue and started again (its data kept, as a production Redis with persistence). The worker
 * process stays up (no crash, no exit on an unhandled rejection), logs the outage once rather than every reconnection
 * attempt, resumes consuming by itself, and runs the waiting job exactly once.
 */

async function stateOf(queue: Queue, jobId: string): Promise<{ state: string; attemptsStarted: number }> {
  const job = await queue.getJob(jobId);
  return { state: job ? await job.getState() : 'missing', attemptsStarted: job?.attemptsStarted ?? 0 };
}

async function waitCompleted(queue: Queue, jobId: string, timeoutMs: number, log: string): Promise<{ state: string; attemptsStarted: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await stateOf(queue, jobId).catch(() => ({ state: 'redis away', attemptsStarted: 0 }));
    if (state.state === 'completed' || state.state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state.state} after ${timeoutMs} ms:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the worker through a Redis outage (its own Redis, stopped and started)', () => {
  let redis: OwnRedis;
  const harness = new WorkerHarness('redis-outage', 0);
  let maintenance: Queue;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    await harness.open({ redisUrl: redis.url });
    maintenance = new Queue('maintenance', { connection: { url: harness.env['REDIS_URL'] as string } });
    // The test's own queue client sees the outage too: its reconnection errors are expected here.
    maintenance.on('error', () => undefined);
  }, 60_000);

  afterAll(async () => {
    await maintenance?.close().catch(() => undefined);
    await harness.close();
    await redis?.close();
  });

  const expiredToken = (userId: string) => ({ userId, familyId: userId, tokenHash: `h-${userId}`, expiresAt: new Date(Date.now() - 60_000), createdAt: new Date() });

  it('stays up, logs the outage once, resumes by itself and runs a job queued before the outage exactly once', async () => {
    const tokens = harness.db.collection('refresh_tokens');
    const worker = harness.startWorker('worker');

    // Consuming: a first purge runs (the worker may still be starting; the job waits for it).
    await tokens.insertOne(expiredToken('u-warm-up'));
    await maintenance.add('sessions.purge', {}, { jobId: 'warm-up' });
    expect(await waitCompleted(maintenance, 'warm-up', 60_000, worker.log)).toEqual({ state: 'completed', attemptsStarted: 1 });
    expect(await tokens.countDocuments({ userId: 'u-warm-up' })).toBe(0);

    // The worker's own hourly purge (its scheduler runs one at start-up) is done too, so the next one is ours.
    for (const deadline = Date.now() + 30_000; ; ) {
      const counts = await maintenance.getJobCounts('waiting', 'active', 'prioritized');
      if (counts['waiting'] === 0 && counts['active'] === 0 && counts['prioritized'] === 0) break;
      if (Date.now() > deadline) throw new Error(`maintenance queue still busy: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    // A purge due in 3 s is queued, then Redis goes away for 8 s: the job falls due during the outage.
    await tokens.insertOne(expiredToken('u-outage'));
    await maintenance.add('sessions.purge', {}, { jobId: 'queued-before-outage', delay: 3_000 });
    await redis.stop();
    await new Promise((r) => setTimeout(r, 8_000));
    expect({ running: worker.child.exitCode === null && worker.child.signalCode === null }).toEqual({ running: true });
    expect(await tokens.countDocuments({ userId: 'u-outage' })).toBe(1);

    await redis.start();
    const backAt = Date.now();
    expect(await waitCompleted(maintenance, 'queued-before-outage', 40_000, worker.log)).toEqual({ state: 'completed', attemptsStarted: 1 });
    expect(await tokens.countDocuments({ userId: 'u-outage' })).toBe(0);
    expect((await maintenance.getJob('queued-before-outage'))?.finishedOn).toBeGreaterThanOrEqual(backAt);
    // Once: a moment later it has not been started again.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await stateOf(maintenance, 'queued-before-outage')).toEqual({ state: 'completed', attemptsStarted: 1 });
    expect({ running: worker.child.exitCode === null && worker.child.signalCode === null }).toEqual({ running: true });

    // The outage is in the log once (when it began), not once per reconnection attempt, and nothing unhandled.
    const log = readFileSync(worker.log, 'utf8');
    const outageLines = log.split('\n').filter((line) => /ECONNREFUSED|Connection is closed|Redis unavailable/.test(line));
    expect({ outageLines: outageLines.length <= 3 ? 'few' : outageLines, unhandled: /Unhandled error event|unhandledRejection/i.test(log) }).toEqual({ outageLines: 'few', unhandled: false });
    expect(log).toMatch(/Redis unavailable/);
    expect(log).toMatch(/Redis is back/);
  }, 120_000);
});
