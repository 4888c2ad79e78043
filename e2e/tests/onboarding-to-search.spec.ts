import { expect, test } from '@playwright/test';
import { API_URL, DEMO, SIM_URL, DEMO_PASSWORD, greenPng, phoneContext, signIn, uniqueHousehold } from '../support/actors';

/**
 * The walking skeleton end to end, on a 360 px phone screen: an agent registers a household (with its consent) and
 * lists its product; province staff approve both; the agent hands the account over and the household takes it with
 * the one-time code; the agent keeps no access; a buyer finds the product typing without diacritics.
 */
test('agent onboards a household, staff approve, household takes over, buyer finds the product', async ({ browser, request }) => {
  const household = uniqueHousehold();
  const productName = `Chè Đinh Hồng Thái ${household.suffix}`;
  const typedQuery = `che dinh hong thai ${household.suffix}`;
  const newPassword = 'HoDanMoi@2026';

  // 1. The agent registers the household with its recorded consent.
  const agentContext = await phoneContext(browser);
  const agent = await agentContext.newPage();
  await signIn(agent, DEMO.agent);
  await agent.goto('/agent/register');
  await agent.getByTestId('seller-type').selectOption('household');
  await agent.getByTestId('rep-name').fill('Lò Thị Mến');
  await agent.getByTestId('display-name').fill(`Hộ bà Lò Thị Mến ${household.suffix}`);
  await agent.getByTestId('seller-phone').fill(household.phone);
  await agent.getByTestId('citizen-id').fill(household.citizenId);
  await expect(agent.locator('[data-testid="commune-select"] option[value="05503"]')).toHaveCount(1);
  await agent.getByTestId('commune-select').selectOption('05503');
  await agent.getByTestId('address-text').fill('Xóm Nam Đồng, xã Tân Cương');
  await agent.getByTestId('register-submit').click();
  // Without consent the form is refused and says which field is missing.
  await expect(agent.getByTestId('field-error-consent.given')).toBeVisible();
  await agent.getByTestId('consent-given').check();
  await agent.getByTestId('register-submit').click();
  // The answer is a receipt that does not say whether the household was new (a duplicate would go to staff).
  await expect(agent.getByTestId('assisted-register-done')).toBeVisible();
  await agent.getByTestId('assisted-register-households').click();
  await agent.getByTestId('household-search').fill(household.suffix);
  await agent.getByTestId('household-search').press('Enter');
  const card = agent.locator('li[data-testid^="household-"]').filter({ hasText: `Hộ bà Lò Thị Mến ${household.suffix}` });
  await expect(card).toHaveCount(1);
  const sellerId = ((await card.getAttribute('data-testid')) ?? '').replace('household-', '');
  expect(sellerId).toMatch(/^[0-9a-f]{24}$/);

  // 2. ... and lists the household's product, with a photo.
  await agent.goto(`/agent/households/${sellerId}/products/new`);
  await agent.getByTestId('product-name').fill(productName);
  await agent.getByTestId('product-category').selectOption('che');
  await agent.getByTestId('product-unit').selectOption('package');
  await agent.getByTestId('product-weight').fill('200');
  await agent.getByTestId('product-price').fill('150000');
  await expect(agent.getByTestId('price-preview')).toContainText('150.000 ₫');
  await agent.getByTestId('product-stock').fill('25');
  await agent.getByTestId('product-description').fill('Chè búp sao tay, hái một tôm hai lá.');
  await agent.getByTestId('product-submit').click();
  await expect(agent).toHaveURL(/\/products\/[0-9a-f]{24}/);
  const productId = /\/products\/([0-9a-f]{24})/.exec(agent.url())?.[1] as string;
  await agent.getByTestId('photo-input').setInputFiles({ name: 'che.png', mimeType: 'image/png', buffer: greenPng() });
  await expect(agent.locator('[data-testid^="photo-"]:not([data-testid="photo-input"]):not([data-testid="photo-error"])').first()).toBeVisible();

  // Not approved yet: the public cannot find it.
  const before = await request.get(`${API_URL}/search?q=${encodeURIComponent(typedQuery)}`);
  expect((await before.json()).total).toBe(0);

  // 3. Province staff approve the household and the listing.
  const staffContext = await phoneContext(browser);
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO.staff);
  await staff.goto('/staff/sellers');
  await staff.getByTestId(`approve-seller-${sellerId}`).click();
  await expect(staff.getByTestId(`approve-seller-${sellerId}`)).toHaveCount(0);
  await staff.goto('/staff/products');
  await staff.getByTestId(`approve-product-${productId}`).click();
  await expect(staff.getByTestId(`approve-product-${productId}`)).toHaveCount(0);

  // 4. The agent hands the account over; the worker sends the code to the household's phone by Zalo ZNS (the
  //    messaging simulator here, which shows what the phone received).
  await agent.goto('/agent/households');
  await agent.getByTestId(`handover-${sellerId}`).click();
  await expect(agent.getByTestId(`handover-sent-${sellerId}`)).toBeVisible();

  const householdContext = await phoneContext(browser);
  const home = await householdContext.newPage();
  const row = home.locator(`[data-testid="sim-message-row"][data-phone="${household.phone}"][data-result="accepted"]`).first();
  await expect(async () => {
    await home.goto(`${SIM_URL}/?phone=${household.phone}`);
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toHaveAttribute('data-channel', 'zns');
  const code = ((await row.getByTestId('sim-message-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^\d{6}$/);

  // 5. The household claims its account and sees itself verified.
  await home.goto('/handover');
  await home.getByTestId('claim-phone').fill(household.phone);
  await home.getByTestId('claim-code').fill(code);
  await home.getByTestId('claim-password').fill(newPassword);
  await home.getByTestId('claim-submit').click();
  await expect(home).toHaveURL(/\/seller/);
  await expect(home.getByTestId('seller-status')).toHaveAttribute('data-status', 'verified');

  // 6. The agent keeps no access to the household's data.
  const agentLogin = await request.post(`${API_URL}/auth/login`, {
    data: { phone: DEMO.agent, password: DEMO_PASSWORD },
  });
  const agentToken = (await agentLogin.json()).accessToken as string;
  const afterHandover = await request.patch(`${API_URL}/products/${productId}`, {
    data: { stock: 1 },
    headers: { authorization: `Bearer ${agentToken}` },
  });
  expect([403, 404]).toContain(afterHandover.status());

  // 7. A buyer on a phone types without diacritics and finds the product.
  const buyerContext = await phoneContext(browser);
  const buyer = await buyerContext.newPage();
  await buyer.goto('/');
  await buyer.getByTestId('search-input').fill(typedQuery);
  await buyer.getByTestId('search-input').press('Enter');
  await expect(buyer).toHaveURL(/\/search\?q=/);
  const result = buyer.getByTestId('search-result').filter({ hasText: productName });
  await expect(result).toHaveCount(1);
  await result.click();
  await expect(buyer.getByTestId('product-title')).toHaveText(productName);
  await expect(buyer.getByTestId('product-price')).toContainText('150.000 ₫');
  await expect(buyer.getByTestId('product-origin')).toContainText('Tân Cương');

  for (const context of [agentContext, staffContext, householdContext, buyerContext]) await context.close();
});
