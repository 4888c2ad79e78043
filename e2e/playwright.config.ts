/**
 * Playwright configuration for the end-to-end tests (e2e/tests/**).
 *
 * `npm test` (tools/scripts/test-all.mjs, stage "e2e") starts a fresh, seeded stack on free ports and
 * sets, for the tests:
 *   E2E_WEB_URL  the web app (serve-web.mjs: SSR build + static files + /api proxy), e.g. http://127.0.0.1:41234 — the baseURL
 *   E2E_API_URL  the API *including* its /api prefix, e.g. http://127.0.0.1:41235/api
 *   MONGODB_URI, REDIS_URL  the stack's database and Redis (for assertions or fixtures)
 * Running by hand against `npm start`:
 *   E2E_WEB_URL=http://localhost:4200 E2E_API_URL=http://localhost:3000/api npx playwright test -c e2e/playwright.config.ts
 *
 * The browser is Debian's Chromium (/usr/bin/chromium): Playwright's own browser downloads are not
 * reachable from these machines (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 at install).
 */
import { defineConfig } from '@playwright/test';

const webUrl = process.env['E2E_WEB_URL'] ?? 'http://localhost:4200';

export default defineConfig({
  testDir: './tests',
  outputDir: '../test-results', // screenshots of failed tests land here (git-ignored)
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A bound on a hung test, not a speed target: the long buyer flows (sign-up → order) take ~50 s on a loaded 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list']], // test-all.mjs passes --reporter=list,json
  use: {
    baseURL: webUrl,
    browserName: 'chromium',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // The production build registers a service worker that prefetches the whole app (~90 files) in every new context.
    // The suite passed with it in every context (Dec 2026), but it is work on every context of 2 busy cores; the
    // tests that are about it (offline-diary.spec.ts) allow it: `phoneContext(browser, { serviceWorkers: 'allow' })`.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
