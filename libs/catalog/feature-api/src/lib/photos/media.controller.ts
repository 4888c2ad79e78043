import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, MediaStorage, Public } from '@nss/server-core';

/**
 * Public media: product photos and thumbnails. Keys are validated by the storage (no `..`, no absolute paths), and
 * a stored object never changes under its key (a new photo gets a new key), so caches may keep it for a year.
 */
@Controller('media')
export class MediaController {
  constructor(private readonly storage: MediaStorage) {}

  @Get('*')
  @Public()
  async serve(@Param('*') key: string, @Res() reply: FastifyReply): Promise<void> {
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
