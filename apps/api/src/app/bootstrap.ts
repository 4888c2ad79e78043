import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@nss/server-core';
import { CatalogReadRoutes } from '@nss/catalog-api';
import { ScanPageRoutes } from '@nss/traceability-api';
import { AppModule } from './app.module';
import { frameworkErrors } from './framework-errors';
import { buildOpenApiDocument } from './openapi';
import { registerSecurityHeaders } from './security-headers';

/**
 * Builds the API application (used by main.ts and by the integration tests, so both run the same stack):
 * Fastify, `/api` prefix (the scan page is outside it, on Fastify itself), JSON body limit, security headers, multipart uploads with the configured size limit,
 * OpenAPI at /api/docs (when API_DOCS_PUBLIC, the default in development only), the catalogue's fast read path.
 */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean; openApiUi?: boolean; catalogFastPath?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (default: nobody), so a client
    // cannot choose the address its per-client limits are counted under.
    trustProxy: config.TRUST_PROXY,
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
  await registerSecurityHeaders(app, config);
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 10, fields: 20, fieldSize: 64 * 1024 },
    throwFileSizeLimit: true,
  });
  app.setGlobalPrefix('api');
  // The stamps' QR codes name `/t/<serial>` and `/01/<gtin>/10/<lot>/21/<serial>` (GS1 Digital Link) on the stamp host:
  // the scan page lives outside `/api`, on Fastify itself (the hottest public route skips Nest's request pipeline).
  app.get(ScanPageRoutes).register(app.getHttpAdapter().getInstance());
  // Search and the product page answer their common case before Nest's pipeline (CatalogReadRoutes says what stays
  // the same); the tests turn it off to compare the two paths.
  if (options.catalogFastPath !== false) app.get(CatalogReadRoutes).register(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  // Outside development the OpenAPI UI and document exist only when API_DOCS_PUBLIC=true (404 otherwise).
  if (config.apiDocsPublic) setUpOpenApi(app, options.openApiUi !== false);
  return app;
}

function setUpOpenApi(app: INestApplication, ui: boolean): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json', ui });
}
