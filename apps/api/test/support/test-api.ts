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

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  connection: Connection;
  /** Sends a request through the real Fastify stack (routing, validation, guards, filters). */
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    token?: string;
    body?: unknown;
    payload?: string | Buffer;
    headers?: Record<string, string>;
    /** Send over a real connection from this client address (`aClientAddress()`), e.g. for per-client limits. */
    from?: string;
  }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
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
 * database and media folder. Call `close()` in afterAll; it drops the database.
 */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const baseUri = process.env['MONGODB_URI'];
  const redisUrl = process.env['REDIS_URL'];
  if (!baseUri || !redisUrl) throw new Error('Integration tests need MONGODB_URI and REDIS_URL (npm test sets them)');
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: uniqueMongoUri(baseUri),
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'nss-media-')),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const app = await createApiApp(config, { logger: false, openApiUi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    connection,
    async request({ method, url, token, body, payload, headers, from }) {
      const allHeaders = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      };
      const content = payload ?? (body !== undefined ? JSON.stringify(body) : undefined);
      if (from) return requestFrom(app, from, { method, url, headers: allHeaders, payload: content });
      const response = await app.inject({ method, url, headers: allHeaders, payload: content });
      let parsed: unknown = response.body;
      try {
        parsed = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.statusCode, body: parsed, headers: response.headers as Record<string, unknown> };
    },
    async close() {
      await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}
