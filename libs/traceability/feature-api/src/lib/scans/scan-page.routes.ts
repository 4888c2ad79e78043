import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, AppError, TooManyRequestsError, unavailableDependency } from '@nss/server-core';
import { renderNotFoundPage, renderRefusalPage, renderScanPage, SCAN_SCRIPT } from './page/scan-page';
import { langOf } from './page/texts';
import { ScanService } from './scan.service';

/**
 * The paths the stamps' QR codes name on the stamp host, outside `/api`: the web server passes `/t/` and `/01/` here.
 * All GET (and HEAD, which answers without counting a scan), all public.
 */
export const SCAN_PAGE_ROUTES = ['t/scan.js', 't/:serial', '01/:gtin/10/:lot/21/:serial'] as const;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Each answer counts a scan: nothing may cache it.
  'cache-control': 'no-store',
  // The consent button asks for the position from this page only (the API's CSP forbids framing it anyway).
  'permissions-policy': 'geolocation=(self)',
  'x-robots-tag': 'noindex, nofollow',
};

/**
 * The public scan page, `/t/<serial>` and the GS1 Digital Link `/01/<gtin>/10/<lot>/21/<serial>`, and its script:
 * HTML rendered on the server, complete without JavaScript. Registered on Fastify itself, not as a Nest controller: the
 * hottest public route skips Nest's router, guards, interceptors and pipes, which alone cost three quarters of a bare
 * Fastify route's throughput (bench:scan, "nest floor"). What it keeps: the whole server's security headers and
 * request log (Fastify hooks and middleware), the per-client rate limit and the 429/503 pages; its only inputs, the
 * path and `lang`, are parsed by ScanService and `langOf`. It never answers 500: what fails unexpectedly is logged
 * and answered 503 with Retry-After.
 */
@Injectable()
export class ScanPageRoutes {
  private readonly logger = new Logger(ScanPageRoutes.name);
  private readonly rules: { maxScans: number; maxKm: number; windowHours: number };
  /** Seconds a client is asked to wait when the scan path cannot answer (Redis or the database away). */
  private readonly unavailableRetryAfter: number;

  constructor(
    private readonly scans: ScanService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = { maxScans: config.TRACE_SUSPICIOUS_SCANS, maxKm: config.TRACE_SUSPICIOUS_KM, windowHours: config.TRACE_SUSPICIOUS_HOURS };
    this.unavailableRetryAfter = config.UNAVAILABLE_RETRY_AFTER_SECONDS;
  }

  /** Adds the routes to the API's Fastify instance (bootstrap, before the server listens). */
  register(fastify: FastifyInstance): void {
    fastify.get('/t/scan.js', (_request, reply) => this.script(reply));
    fastify.get('/t/:serial', (request, reply) => this.page(request, reply));
    fastify.get('/01/:gtin/10/:lot/21/:serial', (request, reply) => this.page(request, reply));
  }

  private script(reply: FastifyReply): FastifyReply {
    return reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(SCAN_SCRIPT);
  }

  private async page(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const lang = langOf((request.query as Record<string, unknown> | undefined)?.['lang']);
    const urlPath = request.url.split('?')[0] ?? '';
    const scanner = { address: request.ip, userAgent: request.headers['user-agent'] };
    let status = 200;
    let body: string;
    try {
      const outcome = await this.scans.scan({ urlPath }, scanner, request.method !== 'HEAD');
      if (outcome.found) body = renderScanPage(outcome.record, lang, this.rules);
      else [status, body] = [404, renderNotFoundPage(lang)];
    } catch (error) {
      // A dependency away is logged once by the clients' own watchers, not here on every scan.
      const known = (error instanceof AppError && (error.getStatus() === 429 || error.getStatus() === 503)) || unavailableDependency(error) !== null;
      if (!known) this.logger.error(`the scan page failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const retryAfter = error instanceof TooManyRequestsError ? error.retryAfter : this.unavailableRetryAfter;
      status = error instanceof AppError && known ? error.getStatus() : 503;
      body = renderRefusalPage(lang, status as 429 | 503, retryAfter);
      void reply.header('retry-after', String(retryAfter));
    }
    return reply.status(status).headers(PAGE_HEADERS).send(body);
  }
}
