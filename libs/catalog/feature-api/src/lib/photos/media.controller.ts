import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, MediaStorage, Public } from '@nss/server-core';

/**
 * Public media: product photos and thumbnails. Keys are validated by the storage (no `..`, no absolute paths), and
 * a stored object never changes under its key (a new photo gets a new key), so caches may keep it for a year.
 */
@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly storage: MediaStorage) {}

  @Get('*')
  @Public()
  // The key is read from the request (Fastify names the wildcard `*`), so OpenAPI shows the `{path}` parameter once.
  @ApiParam({ name: 'path', description: 'Khoá tệp, vd. products/…/thumb.webp / object key', example: 'products/abc/photo.jpg' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'Ảnh (nội dung nhị phân) / image bytes', schema: { type: 'string', format: 'binary' } })
  async serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = (request.params as { '*'?: string })['*'];
    const object = await this.storage.getStream(key ?? '');
    if (!object) throw AppError.notFound('tệp', 'File');
    await reply
      .header('content-type', object.contentType)
      .header('content-length', String(object.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(object.stream);
  }
}
