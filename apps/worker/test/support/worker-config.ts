import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '@nss/server-core';

/** A database of the test's own on the run's server (MONGODB_URI), named `int_<random>`. */
export function freshDatabaseUri(): string {
  const base = new URL(process.env['MONGODB_URI'] as string);
  base.pathname = `/int_${randomBytes(5).toString('hex')}`;
  return base.toString();
}

/**
 * The configuration of an in-process worker module under test: development mode (messaging may use its development
 * values; no provider is called), the run's Redis, fresh secrets and media folder, silent logs. `mongoUri`: the
 * database (a fresh one unless given, e.g. shared by two replicas).
 */
export function workerTestConfig(name: string, mongoUri = freshDatabaseUri()): AppConfig {
  return loadConfig({
    NODE_ENV: 'development',
    MONGODB_URI: mongoUri,
    REDIS_URL: process.env['REDIS_URL'],
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), `nss-${name}-`)),
    LOG_LEVEL: 'silent',
    CITIZEN_ID_HASH_SECRET: randomBytes(32).toString('hex'),
    CITIZEN_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
}
