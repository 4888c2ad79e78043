import { Page, expect, request, test } from '@playwright/test';
import { API_URL, DEMO, phoneContext, signIn } from '../support/actors';

/**
 * Buying on a phone, through the real API and the payment simulators: a two-seller checkout paid at the VNPay
 * simulator (guest cart merged at sign-in), a cancelled VNPay payment that returns the stock, cash on delivery through
 * to completed (the seller's side included), and a bank transfer confirmed by the bank-feed simulator.
 * The simulators' URLs come from E2E_VNPAY_SIM_URL / E2E_BANK_FEED_SIM_URL (test-all.mjs starts both).
 */
const BANK_FEED_SIM_URL = process.env['E2E_BANK_FEED_SIM_URL'] ?? 'http://localhost:7310';
const SELLER_HTX = '0901000004';
const TEA = 'Chè Thái Nguyên Tân Cương đặc biệt'; // HTX Chè Tân Cương
const GREEN_TEA = 'Chè xanh Phú Lương'; // Hộ bà Hoàng Thị Hoa

interface Card {
  id: string;
  name: string;
  sellerName: string;
}

async function productId(name: string): Promise<string> {
  const api = await request.newContext();
  const answer = await api.get(`${API_URL}/search`, { params: { q: name, pageSize: 10 } });
  const page = (await answer.json()) as { items: Card[] };
  await api.dispose();
  const found = page.items.find((p) => p.name === name);
  if (!found) throw new Error(`demo product "${name}" not found`);
  return found.id;
}

async function stockOf(id: string): Promise<number> {
  const api = await request.newContext();
  const answer = await api.get(`${API_URL}/products/${id}`);
  const product = (await answer.json()) as { stock: number };
  await api.dispose();
  return product.stock;
}

async function addToCart(page: Page, id: string, quantity: number): Promise<void> {
  await page.goto(`/products/${id}`);
  await page.getByTestId('add-qty').fill(String(quantity));
  await page.getByTestId('add-qty').dispatchEvent('change');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
}

/** Fills a new delivery address (Thái Nguyên, the first commune) unless a saved one is already chosen. */
async function chooseAddress(page: Page): Promise<void> {
  await expect(page.getByTestId('saved-address').or(page.getByTestId('addr-name')).first()).toBeVisible();
  if (await page.getByTestId('saved-address').count()) return;
  await page.getByTestId('addr-name').fill('Nguyễn Thị Lan');
  await page.getByTestId('addr-phone').fill('0912345678');
  await page.getByTestId('addr-province').selectOption('19');
  const commune = page.getByTestId('addr-commune');
  await expect(commune.locator('option').nth(1)).toBeAttached();
  await commune.selectOption({ index: 1 });
  await page.getByTestId('addr-street').fill('Số 12, đường Hoàng Văn Thụ');
}

async function checkout(page: Page, method: 'vnpay' | 'bank_transfer' | 'cod'): Promise<void> {
  await page.goto('/thanh-toan');
  await chooseAddress(page);
  await page.getByTestId(`method-${method}`).check();
  await page.getByTestId('place-order').click();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Each order row of the checkout answer shows its code (a link) and its total side by side on a 360 px phone without
 * one covering the other (an order code of wide letters once sat under the amount, and the link could not be tapped).
 */
async function orderRowsReadable(page: Page): Promise<void> {
  const rows = page.getByTestId('checkout-order');
  for (let i = 0; i < (await rows.count()); i += 1) {
    const link = await rows.nth(i).locator('a').boundingBox();
    const price = await rows.nth(i).getByTestId('price').boundingBox();
    expect(link && price).toBeTruthy();
    if (!link || !price) return;
    const apart =
      link.x + link.width <= price.x || price.x + price.width <= link.x ||
      link.y + link.height <= price.y || price.y + price.height <= link.y;
    expect(apart, `order link ${JSON.stringify(link)} overlaps its total ${JSON.stringify(price)}`).toBe(true);
  }
}

test.describe('buying on a phone', () => {
  test('one checkout with two sellers, paid through the VNPay simulator; the guest cart is merged at sign-in', async ({ browser }) => {
    const [tea, greenTea] = [await productId(TEA), await productId(GREEN_TEA)];
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await addToCart(page, tea, 2);
    await addToCart(page, greenTea, 1);
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await page.getByTestId('nav-cart').click();
    await expect(page.getByTestId('cart-group')).toHaveCount(2);
    await noHorizontalScroll(page);
    await page.getByTestId('cart-checkout').click();
    // A guest signs in first; the cart comes along.
    await page.getByTestId('login-phone').fill(DEMO.buyer);
    await page.getByTestId('login-password').fill('NongSan@2026');
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/thanh-toan$/);
    await chooseAddress(page);
    await page.getByTestId('method-vnpay').check();
    await noHorizontalScroll(page);
    await page.getByTestId('place-order').click();
    await expect(page.getByTestId('checkout-order')).toHaveCount(2);
    await orderRowsReadable(page);
    await noHorizontalScroll(page);
    const codes = (await page.getByTestId('checkout-order').locator('a').allTextContents()).map((c) => c.trim());
    await page.getByTestId('pay-vnpay').click();
    // The simulator's payment page, then back through the API's return URL to the result page.
    await page.getByTestId('sim-pay-success').click();
    await expect(page).toHaveURL(/\/thanh-toan\/ket-qua\?/);
    await expect(page.getByTestId('payment-result')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await page.getByTestId('result-orders').click();
    for (const code of codes) {
      await expect(page.locator(`[data-testid=order-row][data-code="${code}"]`)).toHaveAttribute('data-state', 'paid');
    }
    await context.close();
  });

  test('a cancelled VNPay payment cancels the orders and returns the stock', async ({ browser }) => {
    const tea = await productId(TEA);
    const before = await stockOf(tea);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signIn(page, DEMO.buyer);
    await addToCart(page, tea, 2);
    await checkout(page, 'vnpay');
    await expect(page.getByTestId('checkout-order')).toHaveCount(1);
    expect(await stockOf(tea)).toBe(before - 2);
    await page.getByTestId('pay-vnpay').click();
    await page.getByTestId('sim-pay-cancel').click();
    await expect(page.getByTestId('payment-result')).toHaveAttribute('data-status', 'canceled', { timeout: 30_000 });
    await expect.poll(() => stockOf(tea), { timeout: 15_000 }).toBe(before);
    await context.close();
  });

  test('cash on delivery: the seller accepts, packs, ships, delivers and collects; the order completes', async ({ browser }) => {
    const tea = await productId(TEA);
    const buyer = await phoneContext(browser);
    const page = await buyer.newPage();
    await signIn(page, DEMO.buyer);
    await addToCart(page, tea, 1);
    await checkout(page, 'cod');
    await expect(page.getByTestId('cod-confirmed')).toBeVisible();
    await orderRowsReadable(page);
    const orderLink = page.getByTestId('checkout-order').locator('a');
    const code = (await orderLink.textContent())?.trim() ?? '';
    await orderLink.click();
    await expect(page.getByTestId('order-detail')).toHaveAttribute('data-state', 'cod_confirmed');
    const orderUrl = page.url();

    const sellerContext = await phoneContext(browser);
    const seller = await sellerContext.newPage();
    await signIn(seller, SELLER_HTX);
    await seller.goto('/nguoi-ban/don-hang');
    await seller.locator(`[data-testid=order-row][data-code="${code}"]`).click();
    const detail = seller.getByTestId('order-detail');
    await seller.getByTestId('action-accept').click();
    await expect(detail).toHaveAttribute('data-state', 'accepted');
    await seller.getByTestId('action-pack').click();
    await expect(detail).toHaveAttribute('data-state', 'packed');
    await seller.getByTestId('action-ship').click();
    await seller.getByTestId('ship-carrier').selectOption('GHN');
    await seller.getByTestId('ship-tracking').fill('GHN-2026-0001');
    await seller.getByTestId('ship-submit').click();
    await expect(detail).toHaveAttribute('data-state', 'shipped');
    await noHorizontalScroll(seller);
    await seller.getByTestId('action-deliver').click();
    await expect(detail).toHaveAttribute('data-state', 'delivered');
    await seller.getByTestId('action-collect').click();
    await expect(detail).toHaveAttribute('data-state', 'completed');
    // The completed sale reaches the seller's ledger (the worker books it from the order event).
    await expect(async () => {
      await seller.goto('/nguoi-ban/so-du');
      await expect(seller.getByTestId('ledger-entry').filter({ hasText: code }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await noHorizontalScroll(seller);
    await sellerContext.close();

    await page.goto(orderUrl);
    await expect(page.getByTestId('order-detail')).toHaveAttribute('data-state', 'completed');
    await expect(page.getByTestId('order-tracking-code')).toHaveText('GHN-2026-0001');
    await expect(page.getByTestId('order-timeline').locator('li:not(.future)')).toHaveCount(6);
    // The buyer rates the product once (a second run on the same database gets 409: one review per buyer and product).
    const text = `Chè thơm, nước xanh, giao hàng nhanh (${Date.now()}).`;
    const review = page.getByTestId('review-form');
    await expect(review).toHaveCount(1);
    await review.getByTestId('review-star-5').check({ force: true });
    await review.getByTestId('review-text').fill(text);
    const answer = page.waitForResponse((r) => r.url().endsWith('/reviews') && r.request().method() === 'POST');
    await review.getByTestId('review-submit').click();
    const status = (await answer).status();
    expect([201, 409]).toContain(status);
    await expect(page.getByTestId('review-sent')).toBeVisible();
    await buyer.close();

    const staffContext = await phoneContext(browser);
    const staff = await staffContext.newPage();
    await signIn(staff, DEMO.staff);
    // Staff pay the seller part of what the platform owes it.
    await staff.goto('/quan-ly/thanh-toan');
    await staff.getByTestId('pay-tab-payout').click();
    const htx = staff.getByTestId('payout-seller').locator('option', { hasText: 'HTX Chè Tân Cương' });
    await expect(htx).toBeAttached();
    await staff.getByTestId('payout-seller').selectOption((await htx.getAttribute('value')) ?? '');
    await expect(staff.getByTestId('payout-balance')).toBeVisible();
    const balanceBefore = Number((await staff.getByTestId('payout-balance').textContent())?.replace(/[^\d-]/g, ''));
    expect(balanceBefore).toBeGreaterThanOrEqual(10_000);
    await staff.getByTestId('payout-amount').fill('10000');
    await staff.getByTestId('payout-bank-ref').fill(`FT${Date.now()}`);
    await staff.getByTestId('payout-submit').click();
    await expect(staff.getByTestId('pay-staff-done')).toBeVisible();
    await expect
      .poll(async () => Number((await staff.getByTestId('payout-balance').textContent())?.replace(/[^\d-]/g, '')))
      .toBe(balanceBefore - 10_000);

    if (status === 201) {
      // Province staff approve the new review; the product page then shows it.
      await staff.goto('/quan-ly/danh-gia');
      await staff.getByTestId('moderation-review').filter({ hasText: text }).getByTestId('moderation-approve').click();
      await expect(staff.getByTestId('moderation-done')).toBeVisible();
      await staff.goto(`/products/${tea}`);
      await expect(staff.getByTestId('review-item').filter({ hasText: text })).toHaveCount(1);
      await expect(staff.getByTestId('reviews-summary')).toBeVisible();
    }
    await staffContext.close();
  });

  test('a bank transfer is confirmed by the bank-feed simulator while the VietQR page watches', async ({ browser }) => {
    const greenTea = await productId(GREEN_TEA);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signIn(page, DEMO.buyer);
    await addToCart(page, greenTea, 1);
    await checkout(page, 'bank_transfer');
    await expect(page).toHaveURL(/\/thanh-toan\/chuyen-khoan\//);
    await expect(page.getByTestId('vietqr-image')).toBeVisible();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'requires_action');
    await noHorizontalScroll(page);
    const purpose = (await page.getByTestId('transfer-purpose').locator('strong').textContent())?.trim() ?? '';
    const amount = Number((await page.getByTestId('transfer-amount').textContent())?.replace(/\D/g, ''));
    const bank = await request.newContext();
    const sent = await bank.post(`${BANK_FEED_SIM_URL}/sim/transfers`, {
      data: { content: `CHUYEN TIEN ${purpose} NONG SAN`, transferAmount: amount },
    });
    expect(sent.status()).toBe(201);
    await bank.dispose();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
    await expect(page.getByTestId('transfer-done')).toBeVisible();
    await context.close();
  });
});
