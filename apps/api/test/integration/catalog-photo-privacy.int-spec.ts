import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ApiError, Product, ProductDetail } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aPng, aProduct, multipartFile } from '../support/catalog.factory';
import { aSeller, type CreatedSeller } from '../support/onboarding.factory';
import { startTestApi, TestApi } from '../support/test-api';

/** A JPEG as a phone writes it: EXIF with the camera and the GPS position of the farm. */
function aJpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 90, g: 150, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'NongSanPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 5678/100' },
    })
    .toBuffer();
}

/** Every file under a directory (relative paths). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('photos: re-encoded, private until approved, unguessable (real database and Redis)', () => {
  let api: TestApi;
  let agent: CreatedAccount;
  let managed: CreatedSeller;
  let owner: CreatedSeller;
  let staff: CreatedAccount;
  let otherStaff: CreatedAccount;
  let otherAgent: CreatedAccount;
  let admin: CreatedAccount;

  beforeAll(async () => {
    api = await startTestApi();
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
    managed = await aSeller().byAgent(agent).verified().create(api);
    owner = await aSeller().verified().create(api);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    otherStaff = await anAccount().withRole('province_staff').inProvince('01').create(api);
    otherAgent = await anAccount().withRole('agent').inProvince('19').create(api);
    admin = await anAccount().withRole('admin').create(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = (productId: string, data: Buffer, token: string, contentType = 'image/png') =>
    api.request({ method: 'POST', url: `/api/products/${productId}/photos`, token, ...multipartFile(data, { contentType, filename: 'anh' }) });
  const fetchMedia = (url: string) => api.app.inject({ method: 'GET', url });
  const editorView = async (productId: string, token: string) => api.request({ method: 'GET', url: `/api/seller/products/${productId}`, token });
  const withoutSignature = (url: string) => url.split('?')[0] as string;

  it('stores a re-encoded original without EXIF or GPS', async () => {
    const jpeg = await aJpegWithGps();
    const exif = (await sharp(jpeg).metadata()).exif;
    // The test image really carries a GPS IFD (tag 0x8825 points at it).
    expect(exif?.includes(Buffer.from([0x88, 0x25])) || exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const product = await aProduct().create(api, owner.sellerToken as string);
    const res = await upload(product.id, jpeg, owner.sellerToken as string, 'image/jpeg');
    expect(res.status).toBe(201);
    const photo = (res.body as Product).photos[0] as Product['photos'][number];
    const stored = await fetchMedia(photo.url);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 120, height: 90 });
    expect(meta.exif).toBeUndefined();
    expect(stored.rawPayload.includes(Buffer.from('NongSanPhone'))).toBe(false);
    expect(stored.rawPayload.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });

  it('refuses a file with the right magic bytes and garbage after with 415, leaving nothing on disk or in the product', async () => {
    const product = await aProduct().create(api, owner.sellerToken as string);
    const before = filesUnder(api.config.MEDIA_DIR);
    for (const [head, type] of [[(await aJpegWithGps()).subarray(0, 20), 'image/jpeg'], [(await aPng(10, 10)).subarray(0, 16), 'image/png']] as const) {
      const res = await upload(product.id, Buffer.concat([head, randomBytes(4000)]), owner.sellerToken as string, type);
      expect(res.status).toBe(415);
      const body = res.body as ApiError;
      expect(body.messageEn).toBeTruthy();
      expect(body.issues?.[0]?.path).toBe('file');
    }
    expect(filesUnder(api.config.MEDIA_DIR)).toEqual(before);
    const view = (await editorView(product.id, owner.sellerToken as string)).body as Product;
    expect(view.photos).toEqual([]);
    expect(view.moderation.pendingChanges).toBeUndefined();
  });

  it('serves a photo awaiting review only through the signed URLs of the owner, its agent, and staff and admins', async () => {
    const product = await aProduct().with({ sellerId: managed.seller.id }).create(api, agent.accessToken);
    const res = await upload(product.id, await aPng(80, 60), agent.accessToken);
    expect(res.status).toBe(201);
    const photo = (res.body as Product).photos[0] as Product['photos'][number];

    // The bare URL (what anyone who saw it once, or guessed it, would request) does not exist.
    expect((await fetchMedia(withoutSignature(photo.url))).statusCode).toBe(404);
    // A signature is bound to its key and cannot be forged or moved to another photo.
    const sig = new URL(photo.url, 'http://x').searchParams;
    expect((await fetchMedia(`${withoutSignature(photo.url)}?exp=${sig.get('exp')}&sig=${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await fetchMedia(`${withoutSignature(photo.url)}?exp=${Number(sig.get('exp')) + 1}&sig=${sig.get('sig')}`)).statusCode).toBe(404);

    for (const viewer of [agent, staff, admin]) {
      const view = await editorView(product.id, viewer.accessToken);
      expect(view.status).toBe(200);
      const url = ((view.body as Product).photos[0] as Product['photos'][number]).thumbUrl;
      const served = await fetchMedia(url);
      expect(served.statusCode).toBe(200);
      expect(served.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    }
    // Others never get a URL: the product does not exist for them.
    for (const stranger of [otherStaff, otherAgent]) expect((await editorView(product.id, stranger.accessToken)).status).toBe(404);
    expect((await editorView(product.id, owner.sellerToken as string)).status).toBe(404);
  });

  it('makes approved photos of approved listings public and cacheable, and keeps a newer photo private until reviewed', async () => {
    const product = await aProduct().create(api, owner.sellerToken as string);
    const first = ((await upload(product.id, await aPng(50, 40), owner.sellerToken as string)).body as Product).photos[0] as Product['photos'][number];
    const decided = await api.request({ method: 'POST', url: `/api/moderation/products/${product.id}`, token: staff.accessToken, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    const page = (await api.request({ method: 'GET', url: `/api/products/${product.id}` })).body as ProductDetail;
    const publicUrl = (page.photos[0] as ProductDetail['photos'][number]).url;
    expect(publicUrl).toBe(withoutSignature(first.url));
    const served = await fetchMedia(publicUrl);
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const second = ((await upload(product.id, await aPng(60, 40), owner.sellerToken as string)).body as Product).photos[1] as Product['photos'][number];
    expect((await fetchMedia(withoutSignature(second.url))).statusCode).toBe(404);
    expect((await fetchMedia(second.url)).statusCode).toBe(200);
  });

  it('gives media URLs that reveal neither the product nor the photo id', async () => {
    const product = await aProduct().create(api, owner.sellerToken as string);
    const a = ((await upload(product.id, await aPng(20, 20), owner.sellerToken as string)).body as Product).photos[0] as Product['photos'][number];
    const b = ((await upload(product.id, await aPng(20, 20), owner.sellerToken as string)).body as Product).photos[1] as Product['photos'][number];
    for (const photo of [a, b]) {
      expect(photo.url).not.toContain(product.id);
      expect(photo.url).not.toContain(photo.id);
      expect(withoutSignature(photo.url)).toMatch(/^\/api\/media\/photos\/[0-9a-f]{32}\.png$/);
    }
    expect(withoutSignature(a.url)).not.toBe(withoutSignature(b.url));
  });
});
