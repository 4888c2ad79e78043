import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, MediaStorage, Public } from '@nss/server-core';
import { CatalogSearchIndex } from '../search/catalog-search-index';
import { PhotoUrls } from './photo-urls';

/**
 * Product photos and thumbnails. Approved photos of published products are public: a stored object never changes
 * under its key (a new photo gets a new random key), so caches may keep them for a year. Anything else is served
 * only with a valid signature (`?exp=&sig=`, see PhotoUrls), privately and for as long as the signature lives;
 * without one it does not exist (404). Keys are validated by the storage (no `..`, no absolute paths).
 */
@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly storage: MediaStorage,
    private readonly urls: PhotoUrls,
    private readonly published: CatalogSearchIndex,
  ) {}

  @Get('*')
  @Public()
  // The key is read from the request (Fastify names the wildcard `*`), so OpenAPI shows the `{path}` parameter once.
  @ApiParam({ name: 'path', description: 'Khoá tệp, vd. products/…/thumb.webp / object key', example: 'products/abc/photo.jpg' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'Ảnh (nội dung nhị phân) / image bytes', schema: { type: 'string', format: 'binary' } })
  async serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = (request.params as { '*'?: string })['*'] ?? '';
    const query = request.query as Record<string, unknown>;
    const signedFor = query['sig'] === undefined ? null : this.urls.verify(key, query['exp'], query['sig']);
    const cacheControl =
      signedFor !== null ? `private, max-age=${signedFor}` : (await this.published.isPublicMedia(key)) ? 'public, max-age=31536000, immutable' : null;
    const object = cacheControl ? await this.storage.getStream(key) : null;
    if (!cacheControl || !object) throw AppError.notFound('tệp', 'File');
    await reply
      .header('content-type', object.contentType)
      .header('content-length', String(object.size))
      .header('cache-control', cacheControl)
      .send(object.stream);
  }
}
