import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';
import { DEV_MESSAGING } from './messaging-config';

const base = {
  MONGODB_URI: 'mongodb://db.internal:27017/nss',
  REDIS_URL: 'redis://redis.internal:6379',
  JWT_ACCESS_SECRET: 'x'.repeat(40),
  MEDIA_DIR: '/srv/media',
};

const production = {
  ...base,
  NODE_ENV: 'production',
  ZALO_APP_ID: '1234567890',
  ZALO_APP_SECRET: 'real-app-secret',
  ZALO_OA_REFRESH_TOKEN: 'real-refresh-token',
  ZNS_TEMPLATE_OTP: '245001',
  ZNS_WEBHOOK_SECRET: 'real-webhook-secret',
  ESMS_API_KEY: 'real-key',
  ESMS_SECRET_KEY: 'real-secret',
  ESMS_BRANDNAME: 'NongSanSo',
  ESMS_CALLBACK_TOKEN: randomBytes(32).toString('base64url'),
  NOTIFICATIONS_DATA_KEY: randomBytes(32).toString('base64'),
  PUBLIC_API_URL: 'https://api.nongsanso.vn',
  CITIZEN_ID_HASH_SECRET: randomBytes(32).toString('hex'),
  CITIZEN_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  TRACE_SCAN_KEY: randomBytes(32).toString('hex'),
  // Payments outside development: the real VNPay over https, secrets of our own, a public web address.
  VNPAY_TMN_CODE: 'NSSPROD1',
  VNPAY_HASH_SECRET: 'vnpay-hash-secret-of-this-test',
  VNPAY_GATEWAY_URL: 'https://sandbox.vnpayment.vn',
  PUBLIC_WEB_URL: 'https://nongsanso.vn',
  PAYMENT_BANK_BIN: '970415',
  PAYMENT_BANK_ACCOUNT: '0011001932418',
  PAYMENT_BANK_ACCOUNT_NAME: 'CONG TY NONG SAN SO',
  BANK_FEED_API_KEY: 'bank-feed-api-key-of-this-test-0123',
};

function problems(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('messaging configuration', () => {
  it('runs development on the published development values', () => {
    const config = loadConfig({ ...base, NODE_ENV: 'development', ZNS_API_URL: 'http://127.0.0.1:7400' });
    expect(config.messaging.dataKey).toHaveLength(32);
    expect(config.messaging.esmsCallbackToken).toBe(DEV_MESSAGING.ESMS_CALLBACK_TOKEN);
  });

  it('accepts a production environment with real providers and its own secrets', () => {
    expect(problems(production)).toBe('');
  });

  it('refuses production pointed at the simulator or this machine', () => {
    for (const name of ['ZNS_API_URL', 'ZALO_OAUTH_URL', 'ESMS_API_URL']) {
      expect(problems({ ...production, [name]: 'http://127.0.0.1:7400' })).toContain(name);
      expect(problems({ ...production, [name]: 'http://localhost:7400' })).toContain(name);
    }
  });

  it('refuses production with a development key or token, or with a secret missing', () => {
    expect(problems({ ...production, NOTIFICATIONS_DATA_KEY: DEV_MESSAGING.NOTIFICATIONS_DATA_KEY })).toContain('NOTIFICATIONS_DATA_KEY');
    expect(problems({ ...production, ESMS_CALLBACK_TOKEN: DEV_MESSAGING.ESMS_CALLBACK_TOKEN })).toContain('ESMS_CALLBACK_TOKEN');
    expect(problems({ ...production, ZALO_APP_SECRET: DEV_MESSAGING.ZALO_APP_SECRET })).toContain('ZALO_APP_SECRET');
    expect(problems({ ...production, ZNS_WEBHOOK_SECRET: undefined })).toContain('ZNS_WEBHOOK_SECRET');
    expect(problems({ ...production, NOTIFICATIONS_DATA_KEY: 'c2hvcnQ=' })).toContain('32 bytes');
    expect(problems({ ...production, ESMS_SANDBOX: 'true' })).toContain('ESMS_SANDBOX');
  });
});
