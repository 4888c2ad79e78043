import { Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { MediaJobs, MediaStorage } from '@nss/server-core';
import { MEDIA_WORKER_SCOPE } from '../products/products.repository';
import { ProductWriter } from '../products/product-writer';
import { CatalogVersion } from '../search/catalog-version';
import { PHOTO_SIZES, derivedPhotoKey, productIdOfPhotoKey } from './photo-keys';

/**
 * Worker side of `photo.thumbnails`: makes the 320 px thumbnail and the 1024 px display size (WebP, never enlarged,
 * EXIF orientation applied) and marks the photo ready. Idempotent: a retried job rewrites the same keys.
 */
@Injectable()
export class PhotoThumbnailer {
  private readonly logger = new Logger(PhotoThumbnailer.name);

  constructor(
    private readonly writer: ProductWriter,
    private readonly storage: MediaStorage,
    private readonly version: CatalogVersion,
  ) {}

  async run({ photoId, storageKey, productId: given }: MediaJobs['photo.thumbnails']): Promise<void> {
    const productId = given ?? productIdOfPhotoKey(storageKey);
    const scope = MEDIA_WORKER_SCOPE;
    const product = productId ? await this.writer.findById(scope, productId) : null;
    if (!product || !product.photos.some((p) => String(p._id) === photoId)) {
      this.logger.warn(`Photo ${photoId} no longer exists; nothing to do`);
      return;
    }
    const original = await this.storage.get(storageKey);
    if (!original) {
      this.logger.warn(`Original of photo ${photoId} is missing; nothing to do`);
      return;
    }
    const keys = { thumbKey: derivedPhotoKey(storageKey, PHOTO_SIZES.thumb), displayKey: derivedPhotoKey(storageKey, PHOTO_SIZES.display) };
    let status: 'ready' | 'failed' = 'ready';
    let pixels: { width: number; height: number } | null = null;
    try {
      for (const [size, key] of [[PHOTO_SIZES.thumb, keys.thumbKey], [PHOTO_SIZES.display, keys.displayKey]] as const) {
        const resized = await sharp(original, { failOn: 'error', limitInputPixels: 50_000_000 })
          .rotate()
          .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer();
        await this.storage.put(key, resized, 'image/webp');
      }
      // The pixel size the derived sizes are fitted from (the page's srcset and width/height), orientation applied.
      const { width, height } = (await sharp(original, { failOn: 'error', limitInputPixels: 50_000_000 }).metadata()).autoOrient;
      pixels = { width, height };
    } catch (error) {
      // A file that passed the magic-byte check but does not decode: retrying cannot help.
      this.logger.warn(`Photo ${photoId} could not be decoded: ${String(error)}`);
      status = 'failed';
    }
    let visible = false;
    await this.writer.modify(
      scope,
      String(product._id),
      (doc) => {
        const photo = doc.photos.find((p) => String(p._id) === photoId);
        if (!photo) return;
        photo.status = status;
        if (status === 'ready') Object.assign(photo, keys, pixels ?? {});
        visible = doc.status === 'approved' && photo.approved;
      },
      product,
    );
    // Public cards show the thumbnail from now on.
    if (visible) await this.version.bump();
  }
}
