import helmet from '@fastify/helmet';
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
 * Security headers on every API answer (@fastify/helmet: CSP, nosniff, frame protection, referrer policy, HSTS when
 * HSTS_ENABLED), and `Cache-Control: no-store` on answers that may carry personal data: anything asked with a
 * token or a cookie, anything that is not a read, and the auth endpoints. A route that sets its own Cache-Control
 * (public immutable media, short-lived private media) keeps it.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      if (!reply.hasHeader('cache-control') && mayCarryPersonalData(request)) reply.header('cache-control', 'no-store');
      return payload;
    });
}

function mayCarryPersonalData(request: FastifyRequest): boolean {
  if (request.headers.authorization || request.headers.cookie) return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/auth/') || path.startsWith('/api/dev/');
}
