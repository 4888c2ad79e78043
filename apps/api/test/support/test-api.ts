import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { loadConfig, AppConfig } from '@nss/server-core';
import { createApiApp } from '../../src/app/bootstrap';
import { requestFrom } from './client-address';

/** What `TestApi.request` returns; `body` is the parsed JSON (or the text when it is not JSON). */
export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The environment the configuration was loaded from: start more processes on the same database and Redis with it. */
  env: Record<string, string>;
  connection: Connection;
  /**
   * Sends a request through the real Fastify stack (routing, validation, guards, filters). `T` is the body the
   * caller expects (a contract type from `@nss/contracts`); it is not checked at run time, so assert the status first.
   */
  request<T = unknown>(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    token?: string;
    body?: unknown;
    payload?: string | Buffer;
    headers?: Record<string, string>;
    /** Send over a real connection from this client address (`aClientAddress()`), e.g. for per-client limits. */
    from?: string;
  }): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** A database name of its own for each test file, on the real server named by MONGODB_URI. */
function uniqueMongoUri(base: string): string {
  const url = new URL(base);
  url.pathname = `/int_${randomBytes(5).toString('hex')}`;
  return url.toString();
}

/**
 * The OpenAPI UI is left out here: its static assets pull an ESM-only package that Jest cannot load; the UI is
 * checked by the end-to-end run.
 *
 * Boots the whole API against the real database and Redis given by MONGODB_URI and REDIS_URL, with a fresh
 * database and media folder. Call `close()` in afterAll; it drops the database. `catalogFastPath: false` leaves search
 * and the product page to Nest's pipeline alone (to compare the fast read path with it).
 */
export async function startTestApi(
  overrides: Record<string, string | undefined> = {},
  options: { catalogFastPath?: boolean } = {},
): Promise<TestApi> {
  const baseUri = process.env['MONGODB_URI'];
  const redisUrl = process.env['REDIS_URL'];
  if (!baseUri || !redisUrl) throw new Error('Integration tests need MONGODB_URI and REDIS_URL (npm test sets them)');
  const simUrl = process.env['MESSAGING_SIM_URL'];
  if (!simUrl) throw new Error('Integration tests need MESSAGING_SIM_URL (the jest global setup starts a simulator)');
  // NODE_ENV=development: only development may point the messaging adapters at the simulator on this machine
  // (anything else behaves as production and refuses it). Production behaviour is tested with NODE_ENV=production
  // overrides (production-config.int-spec.ts).
  const input: Record<string, string | undefined> = {
    NODE_ENV: 'development',
    MONGODB_URI: uniqueMongoUri(baseUri),
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'nss-media-')),
    LOG_LEVEL: 'silent',
    CITIZEN_ID_HASH_SECRET: randomBytes(32).toString('hex'),
    CITIZEN_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // The development conveniences the tests read, named (they are the development defaults anyway).
    API_DOCS_PUBLIC: 'true',
    HEALTH_DETAILS_PUBLIC: 'true',
    // Messages go to the messaging simulator; an app id of its own per test API (its own OA token chain there).
    ZNS_API_URL: simUrl,
    ZALO_OAUTH_URL: simUrl,
    ESMS_API_URL: simUrl,
    ZALO_APP_ID: `dev-zalo-app-${randomBytes(4).toString('hex')}`,
    MESSAGING_TIMEOUT_MS: '2000',
    ...overrides,
  };
  const config = loadConfig(input);
  const env = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const app = await createApiApp(config, { logger: false, openApiUi: false, ...options });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    env,
    connection,
    async request<T = unknown>({ method, url, token, body, payload, headers, from }: Parameters<TestApi['request']>[0]): Promise<TestResponse<T>> {
      const allHeaders = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      };
      const content = payload ?? (body !== undefined ? JSON.stringify(body) : undefined);
      if (from) return (await requestFrom(app, from, { method, url, headers: allHeaders, payload: content })) as TestResponse<T>;
      const response = await app.inject({ method, url, headers: allHeaders, payload: content });
      let parsed: unknown = response.body;
      try {
        parsed = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.statusCode, body: parsed as T, headers: response.headers as Record<string, unknown> };
    },
    async close() {
      await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}
