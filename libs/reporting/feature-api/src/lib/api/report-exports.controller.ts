import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { reportExportIdParamsSchema, reportExportListSchema, reportExportRequestSchema, reportExportSchema, type ReportExportDto, type ReportExportListDto } from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { contentDisposition } from '../exports/report-export-files';
import { ReportExportsService } from './report-exports.service';

class ExportRequestDto extends createZodDto(reportExportRequestSchema) {}
class ExportResponseDto extends createZodDto(reportExportSchema) {}
class ExportListResponseDto extends createZodDto(reportExportListSchema) {}
class ExportIdParamsDto extends createZodDto(reportExportIdParamsSchema) {}

/** Report files (XLSX, CSV, PDF) made by the worker: ask, follow the progress, download when done. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/exports')
export class ReportExportsController {
  constructor(private readonly exports: ReportExportsService) {}

  @Roles('province_staff', 'admin')
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ExportResponseDto, description: 'Đã nhận, worker đang lập tệp / accepted, the worker makes the file' })
  create(@CurrentActor() actor: Actor, @Body() body: ExportRequestDto): Promise<ReportExportDto> {
    return this.exports.create(actor, body);
  }

  @Roles('province_staff', 'admin')
  @Get()
  @ApiOkResponse({ type: ExportListResponseDto })
  list(@CurrentActor() actor: Actor): Promise<ReportExportListDto> {
    return this.exports.list(actor);
  }

  @Roles('province_staff', 'admin')
  @Get(':id')
  @ApiOkResponse({ type: ExportResponseDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ExportIdParamsDto): Promise<ReportExportDto> {
    return this.exports.get(actor, id);
  }

  @Roles('province_staff', 'admin')
  @Get(':id/file')
  @ApiProduces('application/pdf', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Tệp báo cáo / the report file', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ description: 'Chưa lập xong / not ready yet' })
  async file(@CurrentActor() actor: Actor, @Param() { id }: ExportIdParamsDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.file(actor, id);
    await reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.fileName))
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }
}
