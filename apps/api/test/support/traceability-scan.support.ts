import sharp from 'sharp';
import type { Product } from '@nss/contracts';
import { CatalogVersion, PhotoThumbnailer, ProductWriter } from '@nss/catalog-api';
import { MediaStorage } from '@nss/server-core';
import { ScanWriter } from '@nss/traceability-api';
import { anAccount, type CreatedAccount } from './accounts.factory';
import { aProduct, multipartFile } from './catalog.factory';
import { aClientAddress } from './client-address';
import { aSeller, type CreatedSeller } from './onboarding.factory';
import { aStampedLot, type StampedLot } from './scans.factory';
import { startTestApi, type TestApi, type TestResponse } from './test-api';

/**
 * The world of the public scan tests (traceability-scan-*.int-spec.ts): a test API with small scan limits, a verified
 * seller of Tân Cương (Thái Nguyên, province 19) with its agent, the province's staff, one approved OCOP product and a
 * lot of 30 active stamps not yet sold.
 */

/** Scans a minute per client (TRACE_SCAN_RATE). */
export const RATE = 10;
/** Scans of one stamp above which it is suspicious (TRACE_SUSPICIOUS_SCANS). */
export const K = 3;
export const HANOI = { lat: 21.028511, lng: 105.854167 };
export const HCMC = { lat: 10.776889, lng: 106.700806 };

export interface ScanWorld {
  api: TestApi;
  writer: ScanWriter;
  /** Province staff of Thái Nguyên (19): approved the product. */
  staff: CreatedAccount;
  /** The agent managing the seller. */
  agent: CreatedAccount;
  seller: CreatedSeller;
  /** "Chè búp Tân Cương", OCOP 4 stars. */
  product: Product;
  lot: StampedLot;
}

/** A photo-like image (smooth colours, a little grain), the kind a seller uploads. */
async function aPhoto(): Promise<Buffer> {
  const [w, h] = [1200, 900];
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const grain = (Math.sin(x * 12.9898 + y * 78.233) * 43758.5453) % 1;
      raw[i] = 60 + ((x / w) * 120 + grain * 18) | 0;
      raw[i + 1] = 110 + ((y / h) * 90 + Math.sin(x / 40) * 20 + grain * 18) | 0;
      raw[i + 2] = 50 + (Math.cos((x + y) / 60) * 30 + grain * 18) | 0;
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/** Uploads a photo to the product and makes its thumbnail as the worker would (the scan page shows it). */
async function withPhoto(api: TestApi, productId: string, token: string): Promise<void> {
  const upload = await api.request<Product>({ method: 'POST', url: `/api/products/${productId}/photos`, token, ...multipartFile(await aPhoto(), { contentType: 'image/jpeg', filename: 'che.jpg' }) });
  const photo = upload.body.photos[0] as Product['photos'][number];
  const thumbnailer = new PhotoThumbnailer(api.app.get(ProductWriter), api.app.get(MediaStorage), api.app.get(CatalogVersion));
  await thumbnailer.run({ photoId: photo.id, storageKey: (photo.url.split('?')[0] as string).replace('/api/media/', ''), productId });
}

/**
 * Starts the world; `photo` gives the product a photo and its thumbnail (slower: only the page tests need it); `env`
 * adds to the test API's configuration (e.g. a database and Redis of the test's own).
 */
export async function startScanWorld(options: { photo?: boolean; env?: Record<string, string> } = {}): Promise<ScanWorld> {
  const api = await startTestApi({ TRACE_SCAN_RATE: String(RATE), TRACE_SUSPICIOUS_SCANS: String(K), TRACE_SUSPICIOUS_KM: '100', TRACE_SUSPICIOUS_HOURS: '24', ...options.env });
  const staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
  const agent = await anAccount().withRole('agent').inProvince('19').create(api);
  const seller = await aSeller().byAgent(agent).verified().create(api);
  const ocop = { productGroup: 'food', stars: 4, decisionNumber: '1234/QĐ-UBND', decisionDate: '2025-06-01', issuer: 'province' } as const;
  const created = await aProduct().with({ sellerId: seller.seller.id, name: 'Chè búp Tân Cương', ocop }).create(api, agent.accessToken);
  if (options.photo) await withPhoto(api, created.id, agent.accessToken);
  const approved = await api.request<Product>({ method: 'POST', url: `/api/moderation/products/${created.id}`, token: staff.accessToken, body: { decision: 'approve' } });
  const product = approved.body;
  const lot = await aStampedLot(api, product, { quantity: 30, soldAt: null });
  return { api, writer: api.app.get(ScanWriter), staff, agent, seller, product, lot };
}

/** `get(url, from?, headers?)`: a GET from a client address (a new one unless given), as a phone scanning would send it. */
export function scanRequests(api: () => TestApi) {
  return <T = string>(url: string, from = aClientAddress(), headers: Record<string, string> = {}) => api().request<T>({ method: 'GET', url, from, headers });
}

/** The body of a scan page. */
export const html = (res: TestResponse<unknown>) => String(res.body);
/** The verdict a scan page shows (its `data-verdict`). */
export const verdictOf = (res: TestResponse<unknown>) => /data-verdict="([a-z_]+)"/.exec(html(res))?.[1];
