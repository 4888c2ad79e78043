import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openDataIndexSchema } from '@nss/contracts';
import { AppError, answerConditional, createZodDto, Public } from '@nss/server-core';
import { OpenDataService, type OpenDataIndex } from './open-data.service';

export const OPEN_DATA_CACHE = 'public, max-age=3600';
const FILE_RE = /^(.+)\.(csv|json)$/;

class OpenDataIndexDto extends createZodDto(openDataIndexSchema) {}

/** Public open data: aggregates per province and month, CC BY 4.0, cacheable for an hour, with ETags. */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: OpenDataIndexDto, description: 'Danh mục: tỉnh, tháng, từ điển dữ liệu, giấy phép / index: provinces, months, data dictionary, licence' })
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
    reply.header('x-data-provisional', provisional ? 'true' : 'false');
    if (answerConditional(request.headers, reply, { etag: chosen.etag, cacheControl: OPEN_DATA_CACHE })) {
      await reply.send();
      return;
    }
    await reply.header('content-type', chosen.contentType).header('content-disposition', `inline; filename="${chosen.fileName}"`).send(chosen.payload);
  }
}
