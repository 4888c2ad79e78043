import { expect, test, type APIRequestContext } from '@playwright/test';
import { API_URL, DEMO, DEMO_PASSWORD, greenPng } from '../support/actors';

/**
 * Issue 9 § 1, § 2, § 3, § 5: the public pages are rendered on the server. A buyer on a cheap phone (or with
 * JavaScript off), a chat app making a link preview and a search engine all get a complete page: a product's name,
 * price, photo and seller, its Open Graph / Zalo preview tags and schema.org Product, canonical and hreflang links;
 * search works as a plain form with paging links; pages revalidate with their ETag (304); sitemap.xml lists what is
 * approved and nothing pending; robots.txt keeps portals and the API out.
 */
const SELLER_HTX = '0901000004';
const RUN = Date.now().toString(36);
const APPROVED_NAME = `Mật ong bạc hà SSR ${RUN}`;
const PENDING_NAME = `Mật ong chờ duyệt SSR ${RUN}`;

async function login(request: APIRequestContext, phone: string): Promise<string> {
  const res = await request.post(`${API_URL}/auth/login`, { data: { phone, password: DEMO_PASSWORD } });
  expect(res.status(), `sign-in of ${phone}`).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function createProduct(request: APIRequestContext, token: string, name: string, priceVnd: number): Promise<string> {
  const res = await request.post(`${API_URL}/products`, {
    headers: { authorization: `Bearer ${token}` },
    data: { categoryId: 'che', name, description: 'Mật ong hoa bạc hà, quay mật tự nhiên.', unit: 'jar', netWeightGrams: 500, priceVnd, stock: 30, certifications: [] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

let approvedId = '';
let pendingId = '';
let sellerId = '';

test.beforeAll(async ({ request }) => {
  const seller = await login(request, SELLER_HTX);
  approvedId = await createProduct(request, seller, APPROVED_NAME, 245_000);
  const photo = await request.post(`${API_URL}/products/${approvedId}/photos`, {
    headers: { authorization: `Bearer ${seller}` },
    multipart: { file: { name: 'honey.png', mimeType: 'image/png', buffer: greenPng() } },
  });
  expect(photo.status(), await photo.text()).toBe(201);
  pendingId = await createProduct(request, seller, PENDING_NAME, 99_000);
  const staff = await login(request, DEMO.staff);
  const approve = await request.post(`${API_URL}/moderation/products/${approvedId}`, {
    headers: { authorization: `Bearer ${staff}` },
    data: { decision: 'approve' },
  });
  expect(approve.status(), await approve.text()).toBe(200);
  const detail = await request.get(`${API_URL}/products/${approvedId}`);
  sellerId = ((await detail.json()) as { sellerId: string }).sellerId;
});

test.describe('public pages rendered on the server', () => {
  test('a product page without JavaScript shows name, price, photo and seller, with preview tags and JSON-LD', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`/products/${approvedId}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['cache-control']).toBe('public, no-cache');
    // The CSP still holds on a rendered page: no inline script allowed.
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res?.headers()['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);

    await expect(page.getByTestId('product-title')).toHaveText(APPROVED_NAME);
    await expect(page.getByTestId('product-price')).toContainText('245.000');
    await expect(page.getByTestId('product-seller')).toContainText('HTX');
    const img = page.getByTestId('product-photo');
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);

    const head = page.locator('head');
    const meta = (property: string) => head.locator(`meta[property="${property}"]`).getAttribute('content');
    expect(await meta('og:title')).toContain(APPROVED_NAME);
    expect(await meta('og:title')).toContain('245.000 ₫');
    expect(await meta('og:type')).toBe('product');
    expect(await meta('og:description')).toContain('HTX');
    expect(await meta('og:description')).toContain('Thái Nguyên');
    const ogImage = (await meta('og:image')) ?? '';
    expect(ogImage).toMatch(/^https?:\/\/[^/]+\/api\/media\//);
    expect(await meta('product:price:amount')).toBe('245000');
    expect(await meta('product:price:currency')).toBe('VND');
    expect(await head.locator('meta[name="description"]').getAttribute('content')).toContain('245.000 ₫');
    await expect(page).toHaveTitle(new RegExp(APPROVED_NAME));

    const canonical = await head.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(new RegExp(`^https?://[^/]+/products/${approvedId}$`));
    expect(await head.locator('link[rel="alternate"][hreflang="vi"]').getAttribute('href')).toBe(canonical);
    expect(await head.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href')).toBe(`${canonical}?lang=en`);

    const ld = JSON.parse((await head.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld['@type']).toBe('Product');
    expect(ld.name).toBe(APPROVED_NAME);
    expect(ld.offers).toMatchObject({ '@type': 'Offer', price: 245000, priceCurrency: 'VND' });
    expect(ld.offers.seller.name).toContain('HTX');
    // Adding to the cart needs the app: the rendered form stays disabled rather than take a quantity it would lose.
    await expect(page.getByTestId('add-qty')).toBeDisabled();
    await expect(page.getByTestId('add-to-cart')).toBeDisabled();
    await context.close();
  });

  test('the English variant is rendered in English and canonical to itself', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/products/${approvedId}?lang=en`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('product-seller')).toContainText('Cooperative');
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toMatch(/\?lang=en$/);
    await context.close();
  });

  test('with JavaScript the page hydrates without fetching the product again, and stays usable', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const productReads: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === `/api/products/${approvedId}`) productReads.push(req.url());
    });
    await page.goto(`/products/${approvedId}`);
    await expect(page.getByTestId('product-title')).toHaveText(APPROVED_NAME);
    // Once hydrated, the add-to-cart form is enabled (orders.spec.ts adds quantities through it).
    await expect(page.getByTestId('add-qty')).toBeEnabled();
    // Hydrated: a client-side link works (no full page load), and the read the server made was reused.
    await page.getByTestId('product-shop-link').click();
    await expect(page.getByTestId('shop-name')).toContainText('HTX');
    expect(productReads).toEqual([]);
    await context.close();
  });

  test('a second request with the ETag gets 304 and no body', async ({ request }) => {
    const first = await request.get(`/products/${approvedId}`);
    expect(first.status()).toBe(200);
    const etag = first.headers()['etag'];
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await request.get(`/products/${approvedId}`, { headers: { 'if-none-match': etag } });
    expect(again.status()).toBe(304);
    expect((await again.body()).length).toBe(0);
    // A product that does not exist is a 404 page, not a 200 a search engine would index.
    expect((await request.get('/products/0123456789abcdef01234567')).status()).toBe(404);
    // Pages for one person stay uncached by intermediaries: the cart is the client-rendered shell.
    expect((await request.get('/gio-hang')).headers()['cache-control']).not.toContain('public');
  });

  test('search works without JavaScript: the form submits to the results page, paging is links', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByTestId('featured-product').first()).toBeVisible();
    await page.getByTestId('search-input').fill('mật ong');
    await page.getByTestId('search-submit').click();
    await expect(page).toHaveURL(/\/search\?q=m/);
    await expect(page.getByTestId('search-result').filter({ hasText: APPROVED_NAME })).toHaveCount(1);
    await expect(page.getByTestId('search-result').filter({ hasText: PENDING_NAME })).toHaveCount(0);

    // More results than one page: the next page is a plain link.
    await page.goto('/search?pageSize=2');
    const next = page.getByTestId('search-page-next');
    await expect(next).toHaveAttribute('href', /page=2/);
    await next.click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId('search-page-info')).toHaveText(/^2\//);
    await expect(page.getByTestId('search-page-prev')).toBeVisible();
    await context.close();
  });

  test("the seller's shop page lists its approved products, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/products/${approvedId}`);
    await page.getByTestId('product-shop-link').click();
    await expect(page).toHaveURL(new RegExp(`/cua-hang/${sellerId}`));
    await expect(page.getByTestId('shop-name')).toContainText('HTX');
    await expect(page.getByTestId('shop-place')).toContainText('Thái Nguyên');
    await expect(page.getByTestId('shop-product').filter({ hasText: APPROVED_NAME })).toHaveCount(1);
    await expect(page.getByTestId('shop-product').filter({ hasText: PENDING_NAME })).toHaveCount(0);
    await context.close();
  });

  test('sitemap.xml lists the approved product and its shop, not the pending one; robots.txt keeps portals out', async ({ request }) => {
    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.status()).toBe(200);
    expect(sitemap.headers()['content-type']).toContain('xml');
    const xml = await sitemap.text();
    expect(xml).toContain(`/products/${approvedId}</loc>`);
    expect(xml).toContain(`/cua-hang/${sellerId}</loc>`);
    expect(xml).not.toContain(pendingId);

    const robots = await request.get('/robots.txt');
    expect(robots.status()).toBe(200);
    const text = await robots.text();
    for (const path of ['/api/', '/seller/', '/agent/', '/staff/', '/quan-ly/']) expect(text).toContain(`Disallow: ${path}`);
    expect(text).toMatch(/Sitemap: https?:\/\/.+\/sitemap\.xml/);
  });
});
