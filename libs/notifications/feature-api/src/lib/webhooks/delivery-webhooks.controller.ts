import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@nss/server-core';
import { EsmsReportQueryDto, EsmsTokenParamsDto } from './delivery-report.schemas';
import { DeliveryReportsService } from './delivery-reports.service';

/** Delivery reports from Zalo ZNS (signed) and eSMS (a token in the URL). Called by the providers only. */
@ApiExcludeController()
@Public()
@Controller('notifications/webhooks')
export class DeliveryWebhooksController {
  constructor(private readonly reports: DeliveryReportsService) {}

  @Post('zns')
  @HttpCode(200)
  async zns(@Req() req: RawBodyRequest<FastifyRequest>, @Headers('x-zevent-signature') signature?: string): Promise<{ ok: true }> {
    await this.reports.onZnsEvent(req.rawBody, signature);
    return { ok: true };
  }

  @Get('esms/:token')
  async esms(@Param() params: EsmsTokenParamsDto, @Query() query: EsmsReportQueryDto): Promise<{ ok: true }> {
    await this.reports.onEsmsReport(params.token, query);
    return { ok: true };
  }
}
