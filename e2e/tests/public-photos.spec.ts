import { expect, test, type APIRequestContext } from '@playwright/test';
import { API_URL } from '../support/actors';

/** What these tests read of `GET /api/search` (libs/shared/contracts: ProductCard). */
interface PhotoVariant {
  url: string;
  width: number;
  height: number;
}
interface ProductCard {
  id: string;
  photoVariants: PhotoVariant[];
}

/**
 * Issue 9 § 3: photos are served in responsive sizes (srcset over the WebP sizes the worker makes) with long-lived
 * immutable URLs, explicit dimensions, lazy loading below the fold and the largest paint fetched first. Checked on the
 * server-rendered HTML (JavaScript off), as a phone on a slow network first gets it.
 */

/** A seeded product whose photo the worker has resized (it does so right after the seed; wait for it). */
async function resizedProduct(request: APIRequestContext): Promise<ProductCard> {
  let found: ProductCard | undefined;
  await expect(async () => {
    const res = await request.get(`${API_URL}/search?q=che`);
    expect(res.status()).toBe(200);
    found = ((await res.json()) as { items: ProductCard[] }).items.find((p) => p.photoVariants.length === 2);
    expect(found, 'a seeded product with its WebP sizes').toBeTruthy();
  }).toPass({ timeout: 60_000 });
  return found as ProductCard;
}

function srcsetOf(variants: PhotoVariant[]): string {
  return variants.map((v) => `${v.url} ${v.width}w`).join(', ');
}

test('a product page gives its photo in the WebP sizes with dimensions, fetched first, from immutable URLs', async ({ browser, request }) => {
  const card = await resizedProduct(request);
  const variants = card.photoVariants;
  expect(variants.map((v) => v.url)).toEqual([expect.stringMatching(/-320\.webp$/), expect.stringMatching(/-1024\.webp$/)]);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto(`/products/${card.id}`))?.status()).toBe(200);
  const img = page.getByTestId('product-photo');
  const large = variants[variants.length - 1] as PhotoVariant;
  expect(await img.getAttribute('srcset')).toBe(srcsetOf(variants));
  expect(await img.getAttribute('sizes')).toContain('100vw');
  expect(await img.getAttribute('width')).toBe(String(large.width));
  expect(await img.getAttribute('height')).toBe(String(large.height));
  expect(await img.getAttribute('fetchpriority')).toBe('high');
  expect(await img.getAttribute('loading')).toBe('eager');
  // Preloaded from the head, before the browser reaches the body.
  const preload = page.locator('head link[rel="preload"][as="image"]');
  expect(await preload.getAttribute('imagesrcset')).toBe(srcsetOf(variants));
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await context.close();

  for (const variant of variants) {
    const res = await request.get(variant.url.replace(/^\/api/, API_URL));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/webp');
    expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('product cards give srcset and dimensions; the first row loads eagerly, the rest lazily', async ({ browser, request }) => {
  await resizedProduct(request);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto('/search?q=che'))?.status()).toBe(200);
  const photos = page.locator('[data-testid="search-result"] img');
  const count = await photos.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const photo = photos.nth(i);
    if ((await photo.getAttribute('srcset')) === null) continue; // a photo the worker has not resized yet
    // Both sizes, or one when the original is no wider than the thumbnail.
    expect(await photo.getAttribute('srcset')).toMatch(/^\S+-320\.webp \d+w(, \S+-1024\.webp \d+w)?$/);
    expect(Number(await photo.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await photo.getAttribute('height'))).toBeGreaterThan(0);
    expect(await photo.getAttribute('loading')).toBe(i < 2 ? 'eager' : 'lazy');
    if (i < 2) expect(await photo.getAttribute('fetchpriority')).toBe('high');
  }
  await context.close();
});
