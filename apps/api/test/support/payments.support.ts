import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CheckoutResult, PaymentIntent, PaymentMethod } from '@nss/contracts';
import { signParams } from '@nss/vnpay';
import { anAccount, aPhone, type CreatedAccount } from './accounts.factory';
import { aProduct } from './catalog.factory';
import { aSeller, COMMUNES, type CreatedSeller } from './onboarding.factory';
import { startSimulator, type RunningSimulator } from './simulators';
import { startTestApi, type TestApi } from './test-api';

/** The merchant credentials a test API and its VNPay simulator share (not the development ones: a test's own). */
export const TEST_TMN = 'NSSTEST1';
export const TEST_SECRET = `test-secret-${randomBytes(8).toString('hex')}`;
export const TEST_FEED_KEY = `feed-key-${randomBytes(12).toString('hex')}`;

export interface PaymentsWorld {
  api: TestApi;
  sim: RunningSimulator;
  /** The API's own address on 127.0.0.1 (the simulator sends IPNs there). */
  apiUrl: string;
  close(): Promise<void>;
}

/**
 * A test API wired to its own VNPay simulator: the API listens on a free port, the simulator sends its IPNs there
 * (retrying every `ipnRetryMs`, VNPay's policy at test speed).
 */
export async function startPaymentsWorld(options: { ipnRetryMs?: number; ipnMaxAttempts?: number; env?: Record<string, string> } = {}): Promise<PaymentsWorld> {
  const sim = await startSimulator('vnpay-sim', {
    VNPAY_SIM_TMN_CODE: TEST_TMN,
    VNPAY_SIM_HASH_SECRET: TEST_SECRET,
    VNPAY_SIM_IPN_RETRY_MS: String(options.ipnRetryMs ?? 300),
    VNPAY_SIM_IPN_MAX_ATTEMPTS: String(options.ipnMaxAttempts ?? 10),
    VNPAY_SIM_IPN_TIMEOUT_MS: '5000',
  });
  const api = await startTestApi({
    VNPAY_TMN_CODE: TEST_TMN,
    VNPAY_HASH_SECRET: TEST_SECRET,
    VNPAY_GATEWAY_URL: sim.url,
    BANK_FEED_API_KEY: TEST_FEED_KEY,
    PUBLIC_API_URL: 'http://127.0.0.1:7531',
    PUBLIC_WEB_URL: 'http://127.0.0.1:7532',
    ...options.env,
  });
  await api.app.listen(0, '127.0.0.1');
  const port = (api.app.getHttpServer().address() as AddressInfo).port;
  const apiUrl = `http://127.0.0.1:${port}`;
  await simControls(sim, { ipnUrl: `${apiUrl}/api/payments/vnpay/ipn` });
  return {
    api,
    sim,
    apiUrl,
    async close() {
      await api.close();
      await sim.stop();
    },
  };
}

export async function simControls(sim: RunningSimulator, controls: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(controls) });
  if (!res.ok) throw new Error(`simulator refused the controls: ${res.status} ${await res.text()}`);
}

export interface SimIpnLogEntry {
  txnRef: string;
  rspCode?: string;
  [key: string]: unknown;
}

export async function simIpnLog(sim: RunningSimulator, txnRef: string): Promise<SimIpnLogEntry[]> {
  const res = await fetch(`${sim.url}/sim/ipn-log?txnRef=${encodeURIComponent(txnRef)}`);
  return (await res.json()) as SimIpnLogEntry[];
}

export type SimOutcome = 'success' | 'cancel' | 'insufficient_funds' | 'suspicious' | 'timeout';

/**
 * The buyer at VNPay's page: opens the pay URL, picks an outcome, and gets the redirect back to our return URL.
 * Returns that return URL's path and query (to call on the test API).
 */
export async function payAtSim(payUrl: string, outcome: SimOutcome): Promise<string> {
  const page = await fetch(payUrl);
  const html = await page.text();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !session) throw new Error(`the simulator did not show a pay page: ${page.status} ${html.slice(0, 300)}`);
  const origin = new URL(payUrl).origin;
  const res = await fetch(`${origin}/paymentv2/sim/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, outcome }).toString(),
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`the simulator did not redirect back: ${res.status}`);
  const back = new URL(location);
  return `${back.pathname}${back.search}`;
}

/** Polls until `check` holds (IPNs arrive asynchronously). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An IPN query as VNPay would send it, signed with `secret` (a wrong secret forges it). */
export function signedIpn(fields: Record<string, string>, secret = TEST_SECRET): Record<string, string> {
  const params = {
    vnp_TmnCode: TEST_TMN,
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: 'VNP14422574',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan don hang',
    vnp_PayDate: '20261201091806',
    vnp_TransactionNo: '14422574',
    vnp_ResponseCode: '00',
    vnp_TransactionStatus: '00',
    ...fields,
  };
  return { ...params, vnp_SecureHash: signParams(params, secret) };
}

export function ipnPath(query: Record<string, string>): string {
  return `/api/payments/vnpay/ipn?${new URLSearchParams(query).toString()}`;
}

export interface Shop {
  seller: CreatedSeller;
  agent: CreatedAccount;
  staff: CreatedAccount;
  productId: string;
  priceVnd: number;
}

/** A verified seller managed by an agent, with one approved product in stock (province of Tân Cương). */
export async function aShop(api: TestApi, options: { stock?: number; priceVnd?: number; commune?: { provinceCode: string; communeCode: string } } = {}): Promise<Shop> {
  const place = options.commune ?? COMMUNES.tanCuong;
  const agent = await anAccount().withRole('agent').inProvince(place.provinceCode).create(api);
  const staff = await anAccount().withRole('province_staff').inProvince(place.provinceCode).create(api);
  const seller = await aSeller().inCommune(place.provinceCode, place.communeCode).byAgent(agent).verified().create(api);
  const priceVnd = options.priceVnd ?? 120_000;
  const product = await aProduct()
    .with({ sellerId: seller.seller.id, priceVnd, stock: options.stock ?? 50 })
    .approved(staff)
    .create(api, agent.accessToken);
  return { seller, agent, staff, productId: product.id, priceVnd };
}

/** A buyer's checkout of `quantity` units of the shop's product, paid by `method`, through `POST /api/checkout`. */
export async function aCheckout(api: TestApi, shop: Shop, method: PaymentMethod, options: { quantity?: number; buyer?: CreatedAccount } = {}) {
  const buyer = options.buyer ?? (await anAccount().create(api));
  const res = await api.request<CheckoutResult>({
    method: 'POST',
    url: '/api/checkout',
    token: buyer.accessToken,
    headers: { 'idempotency-key': `checkout-${randomBytes(8).toString('hex')}` },
    body: {
      paymentMethod: method,
      items: [{ productId: shop.productId, quantity: options.quantity ?? 1 }],
      address: { recipientName: 'Nguyễn Văn Mua', phone: aPhone(), street: 'Số 5 ngõ 12 phố Chùa Bộc', provinceCode: COMMUNES.thucPhan.provinceCode, communeCode: COMMUNES.thucPhan.communeCode },
    },
  });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { buyer, checkout: res.body };
}

/** `POST /api/payments` for the checkout, with a fresh Idempotency-Key. */
export async function aPaymentIntent(api: TestApi, buyer: CreatedAccount, checkoutId: string, key = `pay-${randomBytes(8).toString('hex')}`) {
  const res = await api.request<PaymentIntent>({ method: 'POST', url: '/api/payments', token: buyer.accessToken, headers: { 'idempotency-key': key }, body: { checkoutId } });
  if (res.status !== 201) throw new Error(`payment creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The product's stock as the storefront shows it. */
export async function stockOf(api: TestApi, productId: string): Promise<number> {
  const doc = await api.connection.collection('products').findOne({ _id: new (await import('mongoose')).Types.ObjectId(productId) });
  return Number(doc?.['stock']);
}
