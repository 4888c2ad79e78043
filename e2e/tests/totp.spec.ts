import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO, DEMO_PASSWORD, phoneContext, signIn } from '../support/actors';

/** A code of the authenticator app, `stepsAhead` 30-second windows from now (a code is accepted only once). */
const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

/**
 * Two-step sign-in for staff and admins, in the browser: the admin enrols an authenticator app from the TOTP page
 * (QR code and secret), and from then on a password alone does not sign in: the login page asks for the app's code.
 */
test('an admin enrols TOTP, then signing in on another phone asks for the authenticator code', async ({ browser }) => {
  const first = await (await phoneContext(browser)).newPage();
  await signIn(first, DEMO.admin);
  await first.goto('/auth/totp');
  await first.getByTestId('totp-start').click();
  await expect(first.getByTestId('totp-qr')).toBeVisible();
  const secret = ((await first.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await first.getByTestId('totp-code').fill(await codeOf(secret));
  await first.getByTestId('totp-confirm').click();
  await expect(first.getByTestId('totp-done')).toBeVisible();

  // Another phone: the password is right, but the session starts only with the code.
  const second = await (await phoneContext(browser)).newPage();
  await second.goto('/auth/login');
  await second.getByTestId('login-phone').fill(DEMO.admin);
  await second.getByTestId('login-password').fill(DEMO_PASSWORD);
  await second.getByTestId('login-submit').click();
  await expect(second.getByTestId('login-totp-form')).toBeVisible();
  await expect(second.getByTestId('account-menu')).toHaveCount(0);
  await second.getByTestId('login-totp-code').fill('000000');
  await second.getByTestId('login-totp-submit').click();
  await expect(second.getByTestId('account-menu')).toHaveCount(0);
  await second.getByTestId('login-totp-code').fill(await codeOf(secret, 1));
  await second.getByTestId('login-totp-submit').click();
  await expect(second.getByTestId('account-menu')).toBeVisible();
});
