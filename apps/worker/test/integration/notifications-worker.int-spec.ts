import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { NotificationJobsProcessor, OutboxRelay } from '@nss/notifications-api';
import { CatalogSearchIndex, ProductWriter } from '@nss/catalog-api';
import { NOTIFICATION_JOB_NAMES, loadConfig } from '@nss/server-core';
import { WorkerModule } from '../../src/app/worker.module';

/**
 * The worker's whole module graph resolves (a provider that cannot be injected stops the worker at start-up, as the
 * outbox relay once did) and the notifications consumer has a handler for every job name. Compiled only, not
 * started: a started consumer would take other test files' jobs from the shared Redis.
 */
describe('worker wiring: notifications', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    const base = new URL(process.env['MONGODB_URI'] as string);
    base.pathname = `/int_${randomBytes(5).toString('hex')}`;
    const config = loadConfig({
      // Development: messaging may use its development values (no provider is called here).
      NODE_ENV: 'development',
      MONGODB_URI: base.toString(),
      REDIS_URL: process.env['REDIS_URL'],
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'nss-worker-')),
      LOG_LEVEL: 'silent',
    });
    moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] }).compile();
  });
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('builds the notifications consumer and the outbox relay', () => {
    const processor = moduleRef.get(NotificationJobsProcessor);
    expect(Object.keys(processor.handlers).sort()).toEqual([...NOTIFICATION_JOB_NAMES].sort());
    expect(moduleRef.get(OutboxRelay)).toBeInstanceOf(OutboxRelay);
  });
});

describe('worker wiring: what the worker leaves to the API', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    const base = new URL(process.env['MONGODB_URI'] as string);
    base.pathname = `/int_${randomBytes(5).toString('hex')}`;
    const config = loadConfig({
      NODE_ENV: 'development',
      MONGODB_URI: base.toString(),
      REDIS_URL: process.env['REDIS_URL'],
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'nss-worker-')),
      LOG_LEVEL: 'silent',
    });
    moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] }).compile();
  });
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('changes products through the locked writer but keeps no in-memory search index (the catalogue core only)', () => {
    expect(moduleRef.get(ProductWriter, { strict: false })).toBeInstanceOf(ProductWriter);
    expect(() => moduleRef.get(CatalogSearchIndex, { strict: false })).toThrow();
  });
});
