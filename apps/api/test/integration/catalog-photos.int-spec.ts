import { randomBytes } from 'node:crypto';
import type { ApiError, Page, Product, ProductCard, ProductDetail } from '@nss/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import sharp from 'sharp';
import { CatalogVersion, MediaJobsProcessor, PhotoThumbnailer, ProductWriter, thumbnailJobId } from '@nss/catalog-api';
import { MediaStorage, QUEUES } from '@nss/server-core';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

const UPLOAD_MAX_BYTES = 256 * 1024;

describe('Catalogue photos: upload, worker thumbnails, media serving (real database and Redis)', () => {
  let api: TestApi;
  let sellerToken: string;
  let staff: CreatedAccount;
  let processor: MediaJobsProcessor;
  let queue: Queue;

  beforeAll(async () => {
    api = await startTestApi({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
    sellerToken = (await aSeller().verified().create(api)).sellerToken as string;
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    // The worker's processor, built from the API's providers: exactly what CatalogWorkerModule wires.
    const thumbnailer = new PhotoThumbnailer(api.app.get(ProductWriter), api.app.get(MediaStorage), api.app.get(CatalogVersion));
    processor = new MediaJobsProcessor(thumbnailer);
    processor.onModuleInit();
    queue = api.app.get<Queue>(getQueueToken(QUEUES.media));
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = <T = Product>(productId: string, data: Buffer, options: Parameters<typeof multipartFile>[1] = {}, token = sellerToken) =>
    api.request<T>({ method: 'POST', url: `/api/products/${productId}/photos`, token, ...multipartFile(data, options) });

  /** Runs the queued job of a photo through the worker's processor, as the worker would, and removes it from Redis. */
  async function runThumbnailJob(photoId: string, storageKey: string, productId: string) {
    const data = { photoId, storageKey, productId };
    const job = await queue.getJob(thumbnailJobId(data));
    expect(job).toBeTruthy();
    expect(job?.name).toBe('photo.thumbnails');
    expect(job?.opts).toMatchObject({ attempts: 5, removeOnComplete: true });
    await processor.process(job as Job);
    await job?.remove().catch(() => undefined);
  }

  it('accepts a PNG, serves it, and shows thumbnails once the worker has made them', async () => {
    const product = await aProduct().named('Chè móc câu Tân Cương').approved(staff).create(api, sellerToken);
    const res = await upload(product.id, await aPng(1600, 1200));
    expect(res.status).toBe(201);
    const photo = res.body.photos[0] as Product['photos'][number];
    expect(photo).toMatchObject({ status: 'processing', approved: false });
    expect(photo.thumbUrl).toBe(photo.url);
    expect(photo.variants).toEqual([]);
    expect(res.body.moderation?.pendingChanges?.photoIds).toEqual([photo.id]);

    const original = await api.app.inject({ method: 'GET', url: photo.url });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.headers['cache-control']).toMatch(/^private, max-age=/);

    // Not public until approved.
    expect((await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${product.id}` })).body.photos).toEqual([]);

    const storageKey = keyOf(photo.url);
    await runThumbnailJob(photo.id, storageKey, product.id);
    const mine = await api.request<Product>({ method: 'GET', url: `/api/seller/products/${product.id}`, token: sellerToken });
    const ready = mine.body.photos[0];
    expect(ready.status).toBe('ready');
    expect(keyOf(ready.thumbUrl)).toMatch(/-320\.webp$/);
    expect(keyOf(ready.displayUrl)).toMatch(/-1024\.webp$/);
    const thumb = await api.app.inject({ method: 'GET', url: ready.thumbUrl });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 240 });
    // The sizes a page puts in srcset, with the pixel sizes the worker made (a 1600 × 1200 original).
    expect(ready.variants.map((v) => ({ ...v, url: keyOf(v.url) }))).toEqual([
      { url: keyOf(ready.thumbUrl), width: 320, height: 240 },
      { url: keyOf(ready.displayUrl), width: 1024, height: 768 },
    ]);
    const display = await api.app.inject({ method: 'GET', url: ready.displayUrl });
    expect(await sharp(display.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 1024, height: 768 });

    expect((await api.request({ method: 'POST', url: `/api/moderation/products/${product.id}`, token: staff.accessToken, body: { decision: 'approve' } })).status).toBe(200);
    const detail = await api.request<ProductDetail>({ method: 'GET', url: `/api/products/${product.id}` });
    expect(detail.body.photos.map((p) => p.id)).toEqual([photo.id]);
    const card = (await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=che moc cau' })).body.items[0];
    expect(card?.thumbUrl).toBe(`/api/media/${keyOf(ready.thumbUrl)}`);
    expect(card?.photoVariants).toEqual([
      { url: `/api/media/${keyOf(ready.thumbUrl)}`, width: 320, height: 240 },
      { url: `/api/media/${keyOf(ready.displayUrl)}`, width: 1024, height: 768 },
    ]);
    expect(detail.body.photos[0]?.variants).toEqual(card?.photoVariants);
    // Public now: every size is served under its own key for a year, never revalidated (a new photo gets a new key).
    for (const variant of card?.photoVariants ?? []) {
      const served = await api.app.inject({ method: 'GET', url: variant.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }

    const removed = await api.request({ method: 'DELETE', url: `/api/products/${product.id}/photos/${photo.id}`, token: sellerToken });
    expect(removed.status).toBe(204);
    expect((await api.app.inject({ method: 'GET', url: ready.thumbUrl })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: card?.thumbUrl ?? '' })).statusCode).toBe(404);
    expect((await api.request<Page<ProductCard>>({ method: 'GET', url: '/api/search?q=che moc cau' })).body.items[0]?.thumbUrl).toBeNull();
  });

  it('answers 413 with the bilingual error shape for an oversized file', async () => {
    const product = await aProduct().create(api, sellerToken);
    const big = Buffer.concat([(await aPng(10, 10)).subarray(0, 8), randomBytes(UPLOAD_MAX_BYTES + 1024)]);
    const res = await upload<ApiError>(product.id, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(res.body.message).toBeTruthy();
    expect(res.body.messageEn).toBeTruthy();
  });

  it('answers 415 for a file that is not JPEG/PNG/WebP whatever its declared type, and for a non-multipart body', async () => {
    const product = await aProduct().create(api, sellerToken);
    const text = await upload<ApiError>(product.id, Buffer.from('xin chào, đây là tệp văn bản'), { filename: 'anh.png', contentType: 'image/png' });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const json = await api.request({ method: 'POST', url: `/api/products/${product.id}/photos`, token: sellerToken, body: { file: 'x' } });
    expect(json.status).toBe(415);
  });

  it('allows at most 8 photos, and only the seller uploads', async () => {
    const product = await aProduct().create(api, sellerToken);
    const png = await aPng(40, 30);
    for (let i = 0; i < 8; i++) expect((await upload(product.id, png)).status).toBe(201);
    const ninth = await upload<ApiError>(product.id, png);
    expect(ninth.status).toBe(409);
    expect(ninth.body.code).toBe('TOO_MANY_PHOTOS');
    const other = await aSeller().create(api);
    expect((await upload(product.id, png, {}, other.sellerToken)).status).toBe(404);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    await Promise.all(jobs.filter((j) => j.data.productId === product.id).map((j) => j.remove().catch(() => undefined)));
  });

  it('serves media without path traversal', async () => {
    for (const url of ['/api/media/../../etc/passwd', '/api/media/products/%2e%2e/%2e%2e/package.json', '/api/media/..%2F..%2Fpackage.json', '/api/media/x.txt']) {
      const res = await api.app.inject({ method: 'GET', url });
      expect([400, 404]).toContain(res.statusCode);
    }
  });
});

/** The storage key of a media URL (signed URLs carry `?exp=&sig=`). */
function keyOf(url: string): string {
  return url.replace('/api/media/', '').split('?')[0] as string;
}
