import { expect, test } from '@playwright/test';
import { phoneContext } from '../support/actors';

test.describe('storefront on a phone', () => {
  test('home shows the demo province’s OCOP products and works in English too', async ({ browser }) => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByText('Chè Thái Nguyên Tân Cương đặc biệt').first()).toBeVisible();
    // No horizontal scrolling at 360 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await context.close();
  });

  test('search ignores diacritics and case alike', async ({ browser }) => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    for (const query of ['che thai nguyen', 'CHE THAI NGUYEN', 'chè thái nguyên']) {
      await page.goto(`/search?q=${encodeURIComponent(query)}`);
      await expect(page.getByTestId('search-result').filter({ hasText: 'Chè Thái Nguyên Tân Cương đặc biệt' })).toHaveCount(1);
    }
    await context.close();
  });
});
