import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  reportCommunesQuerySchema,
  reportCommunesSchema,
  reportFiguresQuerySchema,
  reportFiguresSchema,
  reportFunnelQuerySchema,
  reportFunnelSchema,
  reportSeriesQuerySchema,
  reportSeriesSchema,
  reportTopQuerySchema,
  reportTopSchema,
  type ReportTopDto,
  type ReportCommunesDto,
  type ReportFiguresDto,
  type ReportFunnelDto,
  type ReportSeriesDto,
} from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { ReportFunnelService } from './report-funnel.service';
import { ReportTopService } from './report-top.service';
import { ReportsService } from './reports.service';

class FiguresQueryDto extends createZodDto(reportFiguresQuerySchema) {}
class FiguresResponseDto extends createZodDto(reportFiguresSchema) {}
class CommunesQueryDto extends createZodDto(reportCommunesQuerySchema) {}
class CommunesResponseDto extends createZodDto(reportCommunesSchema) {}
class SeriesQueryDto extends createZodDto(reportSeriesQuerySchema) {}
class SeriesResponseDto extends createZodDto(reportSeriesSchema) {}
class FunnelQueryDto extends createZodDto(reportFunnelQuerySchema) {}
class FunnelResponseDto extends createZodDto(reportFunnelSchema) {}
class TopQueryDto extends createZodDto(reportTopQuerySchema) {}
class TopResponseDto extends createZodDto(reportTopSchema) {}

/** Province reports for province staff (their own province) and admins (any province, or the country). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly funnelReports: ReportFunnelService,
    private readonly topReports: ReportTopService,
  ) {}

  @Roles('province_staff', 'admin')
  @Get('figures')
  @ApiOkResponse({ type: FiguresResponseDto })
  figures(@CurrentActor() actor: Actor, @Query() query: FiguresQueryDto): Promise<ReportFiguresDto> {
    return this.reports.figures(actor, query);
  }

  @Roles('province_staff', 'admin')
  @Get('communes')
  @ApiOkResponse({ type: CommunesResponseDto })
  communes(@CurrentActor() actor: Actor, @Query() query: CommunesQueryDto): Promise<ReportCommunesDto> {
    return this.reports.communes(actor, query);
  }

  @Roles('province_staff', 'admin')
  @Get('series')
  @ApiOkResponse({ type: SeriesResponseDto })
  series(@CurrentActor() actor: Actor, @Query() query: SeriesQueryDto): Promise<ReportSeriesDto> {
    return this.reports.series(actor, query);
  }

  @Roles('province_staff', 'admin')
  @Get('funnel')
  @ApiOkResponse({ type: FunnelResponseDto })
  funnel(@CurrentActor() actor: Actor, @Query() query: FunnelQueryDto): Promise<ReportFunnelDto> {
    return this.funnelReports.funnel(actor, query);
  }

  @Roles('province_staff', 'admin')
  @Get('top')
  @ApiOkResponse({ type: TopResponseDto })
  top(@CurrentActor() actor: Actor, @Query() query: TopQueryDto): Promise<ReportTopDto> {
    return this.topReports.top(actor, query);
  }
}
