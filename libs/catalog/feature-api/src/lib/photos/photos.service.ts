import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Types } from 'mongoose';
import type { Product } from '@nss/contracts';
import { Actor, AppError, DataScope, MediaJobs, MediaStorage, QUEUES, mediaJobId } from '@nss/server-core';
import { CatalogVersion } from '../search/catalog-version';
import { productView } from '../products/product-view';
import { ProductsService } from '../products/products.service';
import { ProductWriter } from '../products/product-writer';
import { PhotoUrls } from './photo-urls';
import { originalPhotoKey, photoKeys } from './photo-keys';
import { reencodePhoto } from './photo-reencoder';

export const MAX_PHOTOS_PER_PRODUCT = 8;

/** The idempotent job id of a photo's thumbnails: one job per photo, however often it is enqueued. */
export function thumbnailJobId(payload: MediaJobs['photo.thumbnails']): string {
  return mediaJobId('photo.thumbnails', payload);
}

/** Photo uploads: checked and stored here; thumbnails are made by the worker (job `photo.thumbnails`). */
@Injectable()
export class PhotosService {
  constructor(
    private readonly productsService: ProductsService,
    private readonly writer: ProductWriter,
    private readonly storage: MediaStorage,
    private readonly photoUrls: PhotoUrls,
    private readonly version: CatalogVersion,
    @InjectQueue(QUEUES.media) private readonly mediaQueue: Queue,
  ) {}

  async upload(actor: Actor, productId: string, upload: Buffer): Promise<Product> {
    const first = await this.productsService.loadEditable(actor, productId);
    this.assertRoom(first.photos.length);
    // Decoded and encoded again before anything is stored: no metadata (GPS) kept, undecodable files refused.
    const { data, ext, contentType } = await reencodePhoto(upload);
    const photoId = new Types.ObjectId();
    const key = originalPhotoKey(ext);
    await this.storage.put(key, data, contentType);

    const saved = await this.writer.modify(
      DataScope.forActor(actor),
      productId,
      (doc) => {
        this.assertRoom(doc.photos.length);
        doc.photos.push({ _id: photoId, key, contentType, bytes: data.length, status: 'processing', approved: false, uploadedAt: new Date() });
        if (doc.status === 'approved') {
          // A photo added to a listed product is a change for review; the listing stays as approved meanwhile.
          const pending = doc.pendingChanges ?? { submittedAt: new Date() };
          doc.pendingChanges = { ...pending, photoIds: [...(pending.photoIds ?? []), String(photoId)], submittedAt: new Date() };
        }
        doc.needsReview = true;
      },
      first,
    ).catch(async (error: unknown) => {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    });

    const payload: MediaJobs['photo.thumbnails'] = { photoId: String(photoId), storageKey: key, productId };
    await this.mediaQueue.add('photo.thumbnails', payload, {
      jobId: thumbnailJobId(payload),
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return productView(saved, this.photoUrls.signed);
  }

  /** Removing a photo applies at once (it cannot add anything unreviewed); its files go with it. */
  async remove(actor: Actor, productId: string, photoId: string): Promise<void> {
    const first = await this.productsService.loadEditable(actor, productId);
    let removedKey: string | null = null;
    let wasPublic = false;
    await this.writer.modify(
      DataScope.forActor(actor),
      productId,
      (doc) => {
        const photo = doc.photos.find((p) => String(p._id) === photoId);
        if (!photo) throw AppError.notFound('ảnh', 'Photo');
        removedKey = photo.key;
        wasPublic = doc.status === 'approved' && photo.approved;
        // Reassign the array: a conditional $pull is a no-op on FerretDB.
        doc.photos = doc.photos.filter((p) => String(p._id) !== photoId) as typeof doc.photos;
        const pending = doc.pendingChanges;
        if (pending?.photoIds) {
          const photoIds = pending.photoIds.filter((id) => id !== photoId);
          const { photoIds: _dropped, ...rest } = pending;
          const next = photoIds.length ? { ...rest, photoIds } : rest;
          const hasContent = Object.keys(next).some((k) => k !== 'submittedAt');
          doc.pendingChanges = hasContent ? next : null;
          if (!hasContent && doc.status === 'approved') doc.needsReview = false;
        }
      },
      first,
    );
    if (wasPublic) await this.version.bump();
    if (removedKey) for (const k of photoKeys(removedKey)) await this.storage.delete(k).catch(() => undefined);
  }

  private assertRoom(count: number): void {
    if (count >= MAX_PHOTOS_PER_PRODUCT) {
      throw AppError.conflict('TOO_MANY_PHOTOS', `Tối đa ${MAX_PHOTOS_PER_PRODUCT} ảnh cho mỗi sản phẩm`, `At most ${MAX_PHOTOS_PER_PRODUCT} photos per product`);
    }
  }
}
