import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { scanPositionResultSchema, scanPositionSchema, traceRecordSchema, traceSerialParamsSchema } from '@nss/contracts';
import type { ScanPositionResult, TraceRecord } from '@nss/contracts';
import { AppError, Public, createZodDto } from '@nss/server-core';
import { ScanService } from './scan.service';

class TraceSerialParamsDto extends createZodDto(traceSerialParamsSchema) {}
class ScanPositionDto extends createZodDto(scanPositionSchema) {}
class TraceRecordResponseDto extends createZodDto(traceRecordSchema) {}
class ScanPositionResultDto extends createZodDto(scanPositionResultSchema) {}

/** The scan page as JSON (a scan too, with the same limits), and the consent button's position. */
@ApiTags('traceability')
@Public()
@Controller('trace')
export class TraceController {
  constructor(private readonly scans: ScanService) {}

  @Get(':serial')
  @ApiOkResponse({ type: TraceRecordResponseDto })
  async record(@Param() { serial }: TraceSerialParamsDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TraceRecord> {
    void reply.header('cache-control', 'no-store');
    const outcome = await this.scans.scan({ serial }, { address: request.ip, userAgent: request.headers['user-agent'] }, request.method !== 'HEAD');
    if (!outcome.found) throw AppError.notFound('tem', 'Stamp');
    return outcome.record;
  }

  @Post(':serial/position')
  @HttpCode(200)
  @ApiOkResponse({ type: ScanPositionResultDto })
  position(@Param() { serial }: TraceSerialParamsDto, @Body() body: ScanPositionDto, @Req() request: FastifyRequest): Promise<ScanPositionResult> {
    return this.scans.position(serial, body, { address: request.ip, userAgent: request.headers['user-agent'] });
  }
}
