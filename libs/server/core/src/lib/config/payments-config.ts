import { z } from 'zod';

/**
 * Payments (payments domain): VNPay (merchant side), VietQR bank transfer and the bank-feed webhook. In development
 * (only) every secret has a published development value and the gateway points at the VNPay simulator; anywhere else
 * each secret must be given, the development values are refused, and no URL may point at this machine or be plain
 * http, so a production process can never take money through the simulator or trust a key printed in this file.
 * PUBLIC_API_URL (IPN and return base) and PUBLIC_WEB_URL (result page) are read from the shared schema.
 */
export const paymentsEnvShape = {
  /** The merchant's terminal code given by VNPay (8 characters). */
  VNPAY_TMN_CODE: z.string().regex(/^[A-Za-z0-9]{8}$/, 'must be the 8-character terminal code').optional(),
  /** The merchant's hash secret given by VNPay (HMAC-SHA512 key). */
  VNPAY_HASH_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  /** VNPay's base URL: pay page `{url}/paymentv2/vpcpay.html`, API `{url}/merchant_webapi/api/transaction`. */
  VNPAY_GATEWAY_URL: z.url().optional(),
  /** The receiving bank's 6-digit BIN (NAPAS), e.g. 970415 VietinBank. */
  PAYMENT_BANK_BIN: z.string().regex(/^\d{6}$/, 'must be a 6-digit bank BIN').optional(),
  /** The receiving account number. */
  PAYMENT_BANK_ACCOUNT: z.string().regex(/^[0-9A-Za-z]{4,19}$/, 'must be 4–19 letters or digits').optional(),
  /** The account holder's name as the bank shows it (ASCII, upper case). */
  PAYMENT_BANK_ACCOUNT_NAME: z.string().regex(/^[A-Z0-9 .-]{2,50}$/, 'must be 2–50 upper-case ASCII letters, digits or spaces').optional(),
  /** The key the bank feed (SePay-style) sends as `Authorization: Apikey <key>`, at least 16 characters (production: a long random one). */
  BANK_FEED_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
};

export interface PaymentsConfig {
  vnpayTmnCode: string;
  vnpayHashSecret: string;
  vnpayGatewayUrl: string;
  /** Base of the IPN and return URLs given to VNPay (no trailing slash). */
  publicApiUrl: string;
  /** Base of the web app's result page (no trailing slash). */
  publicWebUrl: string;
  bankBin: string;
  bankAccount: string;
  bankAccountName: string;
  bankFeedApiKey: string;
}

export const paymentsEnvSchema = z.object(paymentsEnvShape);
type PaymentsEnv = z.infer<typeof paymentsEnvSchema> & { PUBLIC_API_URL: string; PUBLIC_WEB_URL: string };

/** Development values: published here (and in the simulators' defaults), hence refused outside development. */
export const DEV_PAYMENTS = {
  VNPAY_TMN_CODE: 'NSSDEV01',
  VNPAY_HASH_SECRET: 'NSSDEVSECRETVNPAYSIMULATOR000001',
  VNPAY_GATEWAY_URL: 'http://127.0.0.1:7300',
  PAYMENT_BANK_BIN: '970415',
  PAYMENT_BANK_ACCOUNT: '0011001932418',
  PAYMENT_BANK_ACCOUNT_NAME: 'CONG TY NONG SAN SO',
  BANK_FEED_API_KEY: 'dev-bank-feed-api-key',
} as const;

/** Not secrets: the same account details may well be used in development and production. */
const NOT_SECRET: ReadonlyArray<keyof typeof DEV_PAYMENTS> = ['VNPAY_GATEWAY_URL', 'PAYMENT_BANK_BIN', 'PAYMENT_BANK_ACCOUNT', 'PAYMENT_BANK_ACCOUNT_NAME'];

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|.*\.localhost)$/i;

/** The payments settings, or the problems that stop the process (each naming its variable). */
export function resolvePaymentsConfig(env: PaymentsEnv, development: boolean): { config: PaymentsConfig; problems: string[] } {
  const problems: string[] = [];
  const value = (name: keyof typeof DEV_PAYMENTS): string => {
    const given = env[name];
    if (development) return given ?? DEV_PAYMENTS[name];
    if (!given) problems.push(`${name}: required outside development`);
    else if (given === DEV_PAYMENTS[name] && !NOT_SECRET.includes(name)) problems.push(`${name}: the development value is refused outside development`);
    return given ?? '';
  };
  const config: PaymentsConfig = {
    vnpayTmnCode: value('VNPAY_TMN_CODE'),
    vnpayHashSecret: value('VNPAY_HASH_SECRET'),
    vnpayGatewayUrl: value('VNPAY_GATEWAY_URL').replace(/\/+$/, ''),
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/+$/, ''),
    publicWebUrl: env.PUBLIC_WEB_URL.replace(/\/+$/, ''),
    bankBin: value('PAYMENT_BANK_BIN'),
    bankAccount: value('PAYMENT_BANK_ACCOUNT'),
    bankAccountName: value('PAYMENT_BANK_ACCOUNT_NAME'),
    bankFeedApiKey: value('BANK_FEED_API_KEY'),
  };
  if (!development) {
    const urls: Array<[string, string]> = [
      ['VNPAY_GATEWAY_URL', config.vnpayGatewayUrl],
      ['PUBLIC_WEB_URL', config.publicWebUrl],
    ];
    for (const [name, text] of urls) {
      if (!text) continue;
      const url = new URL(text);
      if (LOCAL_HOST.test(url.hostname)) problems.push(`${name}: points at this machine (the simulator?) outside development`);
      else if (url.protocol !== 'https:') problems.push(`${name}: must be https outside development`);
    }
  }
  return { config, problems };
}
