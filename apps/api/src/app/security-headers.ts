import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '@nss/server-core';

/**
 * The API's answers are JSON, media and (when enabled) the OpenAPI UI, which loads its own scripts and styles from
 * /api/docs and uses inline styles and data: images. Nothing of the API may be framed.
 */
const API_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
};

/**
 * Security headers on every API answer (helmet: CSP, nosniff, frame protection, referrer policy, HSTS when
 * HSTS_ENABLED), and `Cache-Control: no-store` on answers that may carry personal data: anything asked with a
 * token or a cookie, anything that is not a read, and the auth endpoints. A route that sets its own Cache-Control
 * (public immutable media, short-lived private media) keeps it.
 *
 * helmet's middleware is built once, here. (@fastify/helmet 13 builds it anew on every request, parsing the CSP each
 * time: measured on GET /api/categories it cost 37% of the API's throughput; built once, the headers are the same.)
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...API_CSP, ...(config.hstsEnabled ? { upgradeInsecureRequests: [] } : {}) },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.hstsEnabled ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // Photos are <img>s of the web app, which may be on another origin than the API in some deployments.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && mayCarryPersonalData(request)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

function mayCarryPersonalData(request: FastifyRequest): boolean {
  if (request.headers.authorization || request.headers.cookie) return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/auth/') || path.startsWith('/api/dev/');
}
