import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { AccountsWorkerModule, SESSIONS_PURGE_EVERY_MS } from '@nss/accounts-api';
import { InfrastructureModule, QUEUES } from '@nss/server-core';
import { freshDatabaseUri, workerTestConfig } from '../support/worker-config';

/**
 * The worker's housekeeping on the real database and Redis: the hourly purge of expired refresh tokens is scheduled
 * once (whatever the number of worker replicas) and a purge job removes expired tokens and keeps live ones.
 */
describe('worker maintenance: refresh-token purge', () => {
  let context: INestApplicationContext;
  let second: INestApplicationContext;
  let connection: Connection;
  let queue: Queue;
  let events: QueueEvents;

  async function startWorker(mongoUri: string) {
    const config = workerTestConfig('worker', mongoUri);
    const app = await NestFactory.createApplicationContext(
      { module: class MaintenanceOnly {}, imports: [InfrastructureModule.forRoot(config), AccountsWorkerModule] },
      { logger: false, abortOnError: false },
    );
    await app.init();
    return { app, config };
  }

  beforeAll(async () => {
    const mongoUri = freshDatabaseUri();
    const started = await startWorker(mongoUri);
    context = started.app;
    // A second replica starting up must not add a second schedule.
    second = (await startWorker(mongoUri)).app;
    connection = context.get<Connection>(getConnectionToken());
    queue = context.get<Queue>(getQueueToken(QUEUES.maintenance));
    events = new QueueEvents(QUEUES.maintenance, { connection: { url: started.config.REDIS_URL } });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await connection?.dropDatabase().catch(() => undefined);
    await second?.close();
    await context?.close();
  });

  it('schedules exactly one hourly purge', async () => {
    const schedulers = await queue.getJobSchedulers();
    const purge = schedulers.filter((s) => s.key === 'sessions.purge' || s.name === 'sessions.purge');
    expect(purge).toHaveLength(1);
    expect(Number(purge[0]?.every)).toBe(SESSIONS_PURGE_EVERY_MS);
  });

  it('removes expired refresh tokens and keeps live ones', async () => {
    const tokens = connection.collection('refresh_tokens');
    const now = Date.now();
    const row = (hoursFromNow: number) => ({
      tokenHash: randomBytes(16).toString('hex'),
      userId: 'u1',
      familyId: 'f1',
      expiresAt: new Date(now + hoursFromNow * 3_600_000),
      revokedAt: null,
      replacedBy: null,
      createdAt: new Date(now),
    });
    await tokens.insertMany([row(-48), row(-1), row(24), row(24 * 30)]);

    const job = await queue.add('sessions.purge', {});
    await job.waitUntilFinished(events, 30_000);

    const left = await tokens.find({}).toArray();
    expect(left).toHaveLength(2);
    expect(left.every((t) => (t['expiresAt'] as Date).getTime() > now)).toBe(true);
  });
});
