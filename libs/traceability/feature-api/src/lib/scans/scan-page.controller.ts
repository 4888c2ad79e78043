import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, AppError, Public, TooManyRequestsError } from '@nss/server-core';
import { renderNotFoundPage, renderRefusalPage, renderScanPage, SCAN_SCRIPT } from './page/scan-page';
import { langOf, type Lang } from './page/texts';
import { ScanService } from './scan.service';

/**
 * Routes outside the `/api` prefix (bootstrap excludes them): the web server passes `/t/` and `/01/` here. The page
 * is HTML rendered on the server, complete without JavaScript; each answer counts a scan, so nothing may cache it.
 */
export const SCAN_PAGE_ROUTES = ['t/scan.js', 't/:serial', '01/:gtin/10/:lot/21/:serial'] as const;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The consent button asks for the position from this page only (the API's CSP forbids framing it anyway).
  'permissions-policy': 'geolocation=(self)',
  'x-robots-tag': 'noindex, nofollow',
};

/** The public scan page: `/t/<serial>` and the GS1 Digital Link `/01/<gtin>/10/<lot>/21/<serial>`, and its script. */
@ApiExcludeController()
@Public()
@Controller()
export class ScanPageController {
  private readonly rules: { maxScans: number; maxKm: number; windowHours: number };

  constructor(
    private readonly scans: ScanService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = { maxScans: config.TRACE_SUSPICIOUS_SCANS, maxKm: config.TRACE_SUSPICIOUS_KM, windowHours: config.TRACE_SUSPICIOUS_HOURS };
  }

  @Get('t/scan.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(SCAN_SCRIPT);
  }

  @Get('t/:serial')
  short(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('lang') lang: unknown): Promise<void> {
    return this.page(request, reply, langOf(lang));
  }

  @Get('01/:gtin/10/:lot/21/:serial')
  digitalLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('lang') lang: unknown): Promise<void> {
    return this.page(request, reply, langOf(lang));
  }

  private async page(request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<void> {
    const urlPath = request.url.split('?')[0] ?? '';
    const scanner = { address: request.ip, userAgent: request.headers['user-agent'] };
    let status = 200;
    let body: string;
    try {
      const outcome = await this.scans.scan({ urlPath }, scanner, request.method !== 'HEAD');
      if (outcome.found) body = renderScanPage(outcome.record, lang, this.rules);
      else [status, body] = [404, renderNotFoundPage(lang)];
    } catch (error) {
      if (!(error instanceof AppError) || (error.getStatus() !== 429 && error.getStatus() !== 503)) throw error;
      const retryAfter = error instanceof TooManyRequestsError ? error.retryAfter : 60;
      status = error.getStatus();
      body = renderRefusalPage(lang, status as 429 | 503, retryAfter);
      void reply.header('retry-after', String(retryAfter));
    }
    await reply.status(status).headers(PAGE_HEADERS).send(body);
  }
}
