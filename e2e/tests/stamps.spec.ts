import { readFile } from 'node:fs/promises';
import { APIRequestContext, Download, expect, request, test } from '@playwright/test';
import { API_URL, DEMO, DEMO_PASSWORD, phoneContext, signIn } from '../support/actors';

/**
 * Stamp batches end to end (issue 7 § 2): the seller asks for 1,200 stamps for a lot (above the automatic limit of
 * 1,000), the province staff approves them on /quan-ly/tem, the seller watches the worker make them, downloads the
 * label PDF and the printer CSV, activates a first print run by seq range, voids a damaged roll (confirmed, with a
 * reason), activates the rest, and a buyer's phone without JavaScript opens a stamp's scan page and reads "genuine"
 * and the product's name, and "void" on a voided one.
 */
const SELLER_HTX = '0901000004';
const QUANTITY = 1200;

async function sellerApi(): Promise<APIRequestContext> {
  const anonymous = await request.newContext();
  const login = await anonymous.post(`${API_URL}/auth/login`, { data: { phone: SELLER_HTX, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  await anonymous.dispose();
  return request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

/** A new lot of the seller's first product, made through the API; its id and the product's name. */
async function aLot(api: APIRequestContext): Promise<{ lotId: string; productName: string }> {
  const products = await api.get(`${API_URL}/seller/products`, { params: { pageSize: 10 } });
  expect(products.status()).toBe(200);
  const [product] = ((await products.json()) as { items: { id: string; name: string; communeCode: string }[] }).items;
  if (!product) throw new Error('the demo seller has no product');
  // Yesterday in Vietnam (UTC+7): never "after today" whatever the hour.
  const producedOn = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const created = await api.post(`${API_URL}/lots`, {
    data: { productId: product.id, code: `TEM-${Date.now() % 1_000_000_000}`, producedOn, quantity: 500, unit: 'kg', communeCode: product.communeCode },
  });
  expect(created.status()).toBe(201);
  return { lotId: ((await created.json()) as { id: string }).id, productName: product.name };
}

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error(`download ${download.suggestedFilename()} was not saved`);
  return readFile(path);
}

test('stamps: request above the limit → staff approves → progress to 100% → PDF and CSV → activate a range, void a range, activate the rest → genuine and void on the scan page', async ({ browser }) => {
  test.setTimeout(150_000);
  const api = await sellerApi();
  const { lotId, productName } = await aLot(api);

  // The seller opens the lot, follows its link to the stamps page and asks for 1,200 stamps.
  const sellerContext = await phoneContext(browser);
  const seller = await sellerContext.newPage();
  await signIn(seller, SELLER_HTX);
  await seller.goto(`/nguoi-ban/lo-hang/${lotId}`);
  await seller.getByTestId('lot-stamps').click();
  await expect(seller).toHaveURL(new RegExp(`/nguoi-ban/tem\\?lotId=${lotId}`));
  await expect(seller.getByTestId('stamp-empty')).toBeVisible();
  await seller.getByTestId('stamp-quantity').fill(String(QUANTITY));
  await seller.getByTestId('stamp-request-submit').click();
  await expect(seller.getByTestId('stamp-notice')).toHaveText('Đã gửi yêu cầu 1.200 tem; chờ cán bộ Sở duyệt.');
  const batch = seller.getByTestId('stamp-batch');
  await expect(batch).toHaveCount(1);
  await expect(batch).toHaveAttribute('data-status', 'requested');
  const batchId = (await batch.getAttribute('data-id')) ?? '';
  expect(batchId).toMatch(/^[0-9a-f]{24}$/);

  // The province's staff finds it on /quan-ly/tem (a tab of the staff area) and approves it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO.staff);
  await staff.goto('/quan-ly/tem');
  await expect(staff.getByTestId('staff-nav-stamps')).toHaveAttribute('aria-current', 'page');
  const row = staff.locator(`[data-testid=stamp-staff-row][data-id="${batchId}"]`);
  await expect(row).toContainText(productName);
  await expect(row).toContainText('1.200');
  await row.getByTestId('stamp-approve').click();
  await expect(staff.getByTestId('stamp-staff-notice')).toContainText('Đã duyệt đợt tem');
  await expect(row).toHaveCount(0);
  await staffContext.close();

  // The seller's page follows the batch (asked again every 2 s) until it is ready at 100%.
  await seller.reload();
  await expect(batch).toHaveAttribute('data-status', /approved|generating|ready/);
  await expect(batch).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(batch.getByTestId('stamp-progress')).toHaveAttribute('data-percent', '100');
  await expect(batch.getByTestId('stamp-progress')).toContainText('1.200/1.200 tem · 100%');

  // The label sheets: a PDF fetched with the token and saved by the browser.
  const [pdf] = await Promise.all([seller.waitForEvent('download'), batch.getByTestId('stamp-pdf-1').click()]);
  expect(pdf.suggestedFilename()).toMatch(/^tem-.+-1\.pdf$/);
  expect((await saved(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The printer CSV: one row a stamp, the serial first.
  const [csv] = await Promise.all([seller.waitForEvent('download'), batch.getByTestId('stamp-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^tem-.+\.csv$/);
  const lines = (await saved(csv)).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toBe('serial,url,product,producer,lot');
  expect(lines.length).toBe(QUANTITY + 1);
  const serial = lines[1]?.split(',')[0] ?? '';
  expect(serial).toMatch(/^[2-9A-HJKMNP-Z]{14}$/);

  // A first print run: the seller activates stamps 0–99 only, by seq range, with a name for the run.
  await batch.getByTestId('stamp-range-from').fill('0');
  await batch.getByTestId('stamp-range-to').fill('99');
  await batch.getByTestId('stamp-range-print-run').fill('Lần in 1');
  await batch.getByTestId('stamp-range-submit').click();
  await expect(seller.getByTestId('stamp-notice')).toContainText('Đã kích hoạt 100 tem');
  await expect(batch.getByTestId('stamp-activated')).toHaveText('Đã kích hoạt 100/1.200 tem');

  // A damaged roll: stamps 1,100–1,199 are voided, with a reason, once the seller confirms.
  await batch.getByTestId('stamp-range-void').check();
  await batch.getByTestId('stamp-range-from').fill('1100');
  await batch.getByTestId('stamp-range-to').fill('1199');
  await batch.getByTestId('stamp-range-reason').fill('Cuộn tem bị rách khi in');
  await batch.getByTestId('stamp-range-submit').click();
  await expect(batch.getByTestId('stamp-void-confirm')).toContainText('Huỷ vĩnh viễn 100 tem (số 1.100 – 1.199)');
  await batch.getByTestId('stamp-void-confirm-yes').click();
  await expect(seller.getByTestId('stamp-notice')).toHaveText('Đã huỷ 100 tem.');

  // Printed: the seller activates all the others (void stays void).
  await batch.getByTestId('stamp-activate').click();
  await expect(seller.getByTestId('stamp-notice')).toContainText('Đã kích hoạt 1.000 tem');
  await expect(batch.getByTestId('stamp-activated')).toHaveText('Đã kích hoạt 1.100/1.200 tem');
  await sellerContext.close();
  const voidSerial = lines[1 + 1150]?.split(',')[0] ?? '';

  // A buyer scans the stamp with a plain phone browser: the server-rendered page needs no JavaScript.
  const buyerContext = await browser.newContext({ javaScriptEnabled: false });
  const buyer = await buyerContext.newPage();
  const answer = await buyer.goto(`/t/${serial}`);
  expect(answer?.status()).toBe(200);
  await expect(buyer.locator('#verdict')).toHaveAttribute('data-verdict', 'genuine_first');
  await expect(buyer.locator('#verdict h1')).toHaveText('Tem chính hãng — lần quét đầu tiên');
  await expect(buyer.locator('body')).toContainText(productName);
  await buyer.goto(`/t/${voidSerial}`);
  await expect(buyer.locator('#verdict')).toHaveAttribute('data-verdict', 'void');
  await buyerContext.close();
  await api.dispose();
});
