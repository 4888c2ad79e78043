import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scanSummaryQuerySchema, scanSummarySchema, suspiciousStampsPageSchema, suspiciousStampsQuerySchema } from '@nss/contracts';
import type { ScanSummary, SuspiciousStampsPage } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { ScanAnalyticsService } from './scan-analytics.service';

class ScanSummaryQueryDto extends createZodDto(scanSummaryQuerySchema) {}
class SuspiciousStampsQueryDto extends createZodDto(suspiciousStampsQuerySchema) {}
class ScanSummaryResponseDto extends createZodDto(scanSummarySchema) {}
class SuspiciousStampsPageResponseDto extends createZodDto(suspiciousStampsPageSchema) {}

/** Scan analytics: sellers and their agents see their products' scans, staff their province's, admins all. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('scans')
export class ScanAnalyticsController {
  constructor(private readonly analytics: ScanAnalyticsService) {}

  @Get('summary')
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: ScanSummaryResponseDto })
  summary(@CurrentActor() actor: Actor, @Query() query: ScanSummaryQueryDto): Promise<ScanSummary> {
    return this.analytics.summary(actor, query);
  }

  @Get('suspicious')
  @Roles('province_staff', 'admin')
  @ApiOkResponse({ type: SuspiciousStampsPageResponseDto })
  suspicious(@CurrentActor() actor: Actor, @Query() query: SuspiciousStampsQueryDto): Promise<SuspiciousStampsPage> {
    return this.analytics.suspicious(actor, query);
  }
}
