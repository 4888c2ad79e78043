import { Browser, BrowserContext, Page, expect } from '@playwright/test';

export const DEMO_PASSWORD = 'NongSan@2026';
export const DEMO = { admin: '0901000001', staff: '0901000002', agent: '0901000003', buyer: '0901000009' } as const;

export const API_URL = process.env['E2E_API_URL'] ?? 'http://localhost:3000/api';
/** The messaging simulator (Zalo ZNS + SMS) that the worker delivers one-time codes to. */
export const SIM_URL = process.env['E2E_SIM_URL'] ?? 'http://localhost:7400';

/**
 * A new browser context (own storage, so its own signed-in user) on a phone-sized screen. The app's service worker is
 * blocked (playwright.config.ts) unless `serviceWorkers: 'allow'` is passed, as the offline tests do.
 */
export async function phoneContext(browser: Browser, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, ...options });
}

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, phone: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/auth/login');
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
}

/** A fresh Vietnamese mobile number and a 12-digit citizen ID, unique to this run. */
export function uniqueHousehold(): { phone: string; citizenId: string; suffix: string } {
  const n = Date.now() % 100_000_000;
  const digits = String(n).padStart(8, '0');
  return { phone: `097${digits.slice(1)}`.padEnd(10, '0').slice(0, 10), citizenId: `0191${digits}`, suffix: digits.slice(-4) };
}

/** A small valid PNG (a green square), made without any image library. */
export function greenPng(): Buffer {
  // 1×1 green pixel PNG.
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC',
    'base64',
  );
}
