import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@nss/server-core';
import { AppModule } from './app.module';
import { frameworkErrors } from './framework-errors';
import { buildOpenApiDocument } from './openapi';

/**
 * Builds the API application (used by main.ts and by the integration tests, so both run the same stack):
 * Fastify, `/api` prefix, JSON body limit, multipart uploads with the configured size limit, OpenAPI at /api/docs.
 */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean; openApiUi?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Keeps the raw JSON body next to the parsed one: the ZNS delivery webhook is signed over the exact bytes.
    rawBody: true,
    // Boot errors (e.g. a provider that cannot be resolved) are thrown to the caller, not turned into exit(1).
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 10, fields: 20, fieldSize: 64 * 1024 },
    throwFileSizeLimit: true,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  setUpOpenApi(app, options.openApiUi !== false);
  return app;
}

function setUpOpenApi(app: INestApplication, ui: boolean): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json', ui });
}
