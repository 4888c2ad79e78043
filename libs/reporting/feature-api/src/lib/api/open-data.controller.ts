import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Public } from '@nss/server-core';
import { OpenDataService, type OpenDataIndex } from './open-data.service';

export const OPEN_DATA_CACHE = 'public, max-age=3600';
const FILE_RE = /^(.+)\.(csv|json)$/;

/** True when the request's If-None-Match names this ETag (or `*`). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** Public open data: aggregates per province and month, CC BY 4.0, cacheable for an hour, with ETags. */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'Danh mục: tỉnh, tháng, từ điển dữ liệu, giấy phép / index: provinces, months, data dictionary, licence' })
  async index(@Res({ passthrough: true }) reply: FastifyReply): Promise<OpenDataIndex> {
    reply.header('cache-control', OPEN_DATA_CACHE);
    return this.openData.index();
  }

  @Public()
  @Get(':province/:file')
  @ApiParam({ name: 'province', example: '19' })
  @ApiParam({ name: 'file', example: '2026-11.csv', description: 'YYYY-MM.csv hoặc / or YYYY-MM.json' })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'Số liệu tổng hợp của tỉnh trong tháng / the province’s aggregate figures for the month' })
  @ApiNotModifiedResponse({ description: 'If-None-Match khớp ETag / the ETag matched' })
  async file(@Param('province') province: string, @Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const match = FILE_RE.exec(file);
    if (!match) throw AppError.invalidField('file', 'Tệp có dạng YYYY-MM.csv hoặc YYYY-MM.json', 'the file is YYYY-MM.csv or YYYY-MM.json');
    const [, month = '', kind] = match;
    const { files, provisional } = await this.openData.files(province, month);
    const chosen = kind === 'csv' ? { ...files.csv, payload: files.csv.body } : { ...files.json, payload: JSON.stringify(files.json.body) };
    reply.header('cache-control', OPEN_DATA_CACHE).header('etag', chosen.etag).header('x-data-provisional', provisional ? 'true' : 'false');
    if (notModified(request, chosen.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', chosen.contentType).header('content-disposition', `inline; filename="${chosen.fileName}"`).send(chosen.payload);
  }
}
