import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Types, type Connection } from 'mongoose';
import { REPORT_INGEST_EVERY_MS, ReportingWorkerModule } from '@nss/reporting-api';
import { InfrastructureModule, QUEUES } from '@nss/server-core';
import { freshDatabaseUri, workerTestConfig } from '../support/worker-config';

/**
 * Reporting in the worker on the real database and Redis: the ingest is scheduled once whatever the number of
 * replicas, and with two replicas consuming, events written by the domains end up in the day rollup exactly once.
 */
describe('worker: reporting ingest', () => {
  let first: INestApplicationContext;
  let second: INestApplicationContext;
  let connection: Connection;

  async function startWorker(mongoUri: string) {
    const config = workerTestConfig('worker', mongoUri);
    const app = await NestFactory.createApplicationContext(
      { module: class ReportingOnly {}, imports: [InfrastructureModule.forRoot(config), ReportingWorkerModule] },
      { logger: false, abortOnError: false },
    );
    await app.init();
    return app;
  }

  beforeAll(async () => {
    const mongoUri = freshDatabaseUri();
    first = await startWorker(mongoUri);
    second = await startWorker(mongoUri);
    connection = first.get<Connection>(getConnectionToken());
  }, 60_000);

  afterAll(async () => {
    await connection?.dropDatabase().catch(() => undefined);
    await second?.close();
    await first?.close();
  });

  it('schedules one ingest for all replicas', async () => {
    const schedulers = await first.get<Queue>(getQueueToken(QUEUES.reporting)).getJobSchedulers();
    const ingest = schedulers.filter((s) => s.key === 'report.ingest' || s.name === 'report.ingest');
    expect(ingest).toHaveLength(1);
    expect(Number(ingest[0]?.every)).toBe(REPORT_INGEST_EVERY_MS);
  });

  it('folds events written by the domains into the day rollup, each once', async () => {
    const day = '2026-11-20';
    const at = new Date('2026-11-20T03:00:00.000Z');
    const base = { at, dayVn: day, monthVn: '2026-11', provinceCode: '19', communeCode: '05503', sellerId: 's'.repeat(24), productId: 'p'.repeat(24) };
    await connection.collection('trace_events').insertMany(
      Array.from({ length: 20 }, (_, i) => ({ _id: new Types.ObjectId(), key: `stamps.issued:batch-${i}`, type: 'stamps.issued', count: 50, data: {}, ...base })),
    );
    await connection.collection('order_events').insertOne({
      _id: new Types.ObjectId(),
      key: `state:${'o'.repeat(24)}:1`,
      type: 'order.created',
      paymentMethod: 'cod',
      totals: { itemsTotalVnd: 240_000, shippingFeeVnd: 30_000, totalVnd: 270_000 },
      lines: [{ productId: 'p'.repeat(24), quantity: 4, netWeightGrams: 250 }],
      ...base,
    });

    const rollups = connection.collection<{ _id: string; total: { figures: Record<string, number> } }>('report_rollups');
    const deadline = Date.now() + 45_000;
    let figures: Record<string, number> | undefined;
    // The fold writes the day, then its month, then the year: wait for the year (the last) to see all three.
    while (Date.now() < deadline) {
      figures = (await rollups.findOne({ _id: `d:19:${day}` }))?.total.figures;
      const year = (await rollups.findOne({ _id: 'y:19:2026' }))?.total.figures;
      if (figures?.['stamps_issued'] === 1000 && figures['orders_created'] === 1 && year?.['orders_created'] === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(figures).toMatchObject({ stamps_issued: 1000, orders_created: 1, orders_sold: 1, revenue_vnd: 240_000, weight_grams: 1000 });
    expect((await rollups.findOne({ _id: 'm:19:2026-11' }))?.total.figures).toMatchObject({ stamps_issued: 1000 });
    expect((await rollups.findOne({ _id: 'y:19:2026' }))?.total.figures).toMatchObject({ stamps_issued: 1000 });
    expect(await connection.collection('report_deltas').countDocuments()).toBe(21);
  }, 60_000);
});
