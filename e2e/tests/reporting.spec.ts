import { readFile } from 'node:fs/promises';
import { Page, expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO, phoneContext, signIn } from '../support/actors';

/**
 * The province dashboard (issue 8 § 5 and § 8) on a 360 px phone: the Sở staff member opens it from the staff tab bar,
 * sees the seeded demo province's figures for this month (the worker's rollups, so the page is reloaded until they
 * arrive), switches to the year, sorts the commune table, then asks for an XLSX export, watches it finish and downloads
 * it. The export part needs the export routes and worker job (branch h/exports).
 */

/** The numbers of a commune-table column, as shown (`1.354` → 1354). */
async function columnValues(page: Page, figure: string): Promise<number[]> {
  const cells = await page.locator(`[data-testid=commune-row] [data-figure=${figure}]`).allTextContents();
  return cells.map((text) => Number(text.trim().replace(/\./g, '').replace(',', '.')));
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto('/staff');
  await page.getByTestId('staff-nav-report').click();
  await expect(page).toHaveURL(/\/quan-ly\/bao-cao$/);
}

test('staff: dashboard of the demo province, period change, commune sort', async ({ browser }) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await signIn(page, DEMO.staff);
  await openDashboard(page);

  // The seed approved demo products this month: the rollups count them once the worker has ingested the events.
  const listed = page.locator('[data-testid=figure-card][data-figure=products_listed] [data-testid=figure-value]');
  await expect(async () => {
    await page.reload();
    await expect(listed).toHaveText(/^[1-9][\d.]*$/, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('report-summary')).toContainText('Trong tháng');
  await expect(page.locator('[data-testid=figure-card][data-figure=sellers_verified] [data-testid=figure-value]')).toHaveText(/^[1-9]/);
  // Nothing is wider than the phone's screen but the tables' own scroll boxes.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The Tân Cương cooperative's products are in its commune's row.
  await expect(page.locator('[data-testid=commune-row][data-key="05503"] [data-figure=products_listed]')).toHaveText(/^[1-9]/);

  // A year instead of a month (Material select): the period says so and the figures hold at least this month's.
  const monthValue = Number((await listed.textContent())?.replace(/\./g, ''));
  await page.getByTestId('report-kind').click();
  await page.getByRole('option', { name: 'Năm' }).click();
  await expect(page.getByTestId('report-period')).toHaveText(`năm ${new Date().getFullYear()}`);
  await expect(async () => {
    expect(Number((await listed.textContent())?.replace(/\./g, ''))).toBeGreaterThanOrEqual(monthValue);
  }).toPass();
  // The filter is in the URL: a reload (or a shared link) shows the same year.
  await expect(page).toHaveURL(/[?&]period=year\b/);
  await page.reload();
  await expect(page.getByTestId('report-period')).toHaveText(`năm ${new Date().getFullYear()}`);

  // Sorting the commune table by products listed: ascending, then descending.
  const header = page.getByTestId('sort-products_listed');
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await columnValues(page, 'products_listed');
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = await columnValues(page, 'products_listed');
  expect(descending).toEqual([...ascending].sort((a, b) => b - a));
  expect(descending[0]).toBeGreaterThan(0);
  await context.close();
});

test('staff: an XLSX export of the month is made with progress and downloaded (needs the h/exports branch)', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, DEMO.staff);
  await openDashboard(page);

  await page.locator('mat-button-toggle[data-format=xlsx] button').click();
  await page.getByTestId('export-request').click();
  const job = page.getByTestId('export-job');
  await expect(job).toBeVisible();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  if (!path) throw new Error('the export was not saved');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  // Several sheets (issue 8 § 6), the first opening with the report of the province.
  expect(workbook.worksheets.length).toBeGreaterThan(1);
  const firstSheet = workbook.worksheets[0];
  const text: string[] = [];
  firstSheet?.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value ?? ''))));
  expect(text.join(' ')).toContain('Trong tháng');
  // The new file is in the recent list.
  await expect(page.getByTestId('export-row').first()).toContainText('XLSX');
  await context.close();
});

test('admin: the national view, then a province picked', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  await page.goto('/staff');
  await page.getByTestId('staff-nav-report').click();
  await expect(page).toHaveURL(/\/quan-tri\/bao-cao$/);
  await expect(page.getByRole('heading', { name: 'Báo cáo toàn quốc' })).toBeVisible();
  await expect(page.locator('[data-testid=figure-card]').first()).toBeVisible();
  await page.getByTestId('report-province').click();
  await page.getByRole('option', { name: /Thái Nguyên/ }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo tỉnh' })).toBeVisible();
  await expect(page.locator('[data-testid=commune-row][data-key="05503"]')).toBeVisible();
  await context.close();
});
