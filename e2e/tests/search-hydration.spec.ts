import { expect, test } from '@playwright/test';

/**
 * The server-rendered search page hydrates without errors. Its no-JavaScript filter button used to sit in a
 * <noscript>, whose content a browser with scripting on parses as text: hydration then failed on it (TypeError
 * `hasAttribute is not a function`, seen by Lighthouse as a console error) and the page was not hydrated.
 */
test('the search page hydrates without errors; the no-JavaScript filter button goes once the app runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/search?q=che');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await expect(page.getByTestId('filter-apply')).toHaveCount(0);
  expect(errors).toEqual([]);
});
