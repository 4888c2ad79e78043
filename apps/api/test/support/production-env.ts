/**
 * What an operator sets for a non-development NODE_ENV: the development conveniences the test API opts into are left
 * at their defaults (off), and messaging names the real providers over https with secrets of its own (nothing is
 * sent in these tests; outside development the configuration refuses the simulator and development secrets).
 */
export const PRODUCTION_DEFAULTS = {
  API_DOCS_PUBLIC: undefined,
  HEALTH_DETAILS_PUBLIC: undefined,
  // Messaging outside development: the real providers over https and secrets of our own (nothing is sent here).
  ZNS_API_URL: 'https://business.openapi.zalo.me',
  ZALO_OAUTH_URL: 'https://oauth.zaloapp.com',
  ESMS_API_URL: 'https://rest.esms.vn',
  PUBLIC_API_URL: 'https://api.nongsanso.vn',
  ZALO_APP_SECRET: 'app-secret-of-this-test',
  ZALO_OA_REFRESH_TOKEN: 'oa-refresh-token-of-this-test',
  ZNS_TEMPLATE_OTP: '245001',
  ZNS_WEBHOOK_SECRET: 'webhook-secret-of-this-test',
  ESMS_API_KEY: 'esms-key-of-this-test',
  ESMS_SECRET_KEY: 'esms-secret-of-this-test',
  ESMS_BRANDNAME: 'NongSanSo',
  ESMS_CALLBACK_TOKEN: 'callback-token-of-this-test-0123456789abcdef',
  NOTIFICATIONS_DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
  // Payments outside development: the real VNPay over https, secrets of our own, a public web address.
  VNPAY_TMN_CODE: 'NSSPROD1',
  VNPAY_HASH_SECRET: 'vnpay-hash-secret-of-this-test',
  VNPAY_GATEWAY_URL: 'https://sandbox.vnpayment.vn',
  PUBLIC_WEB_URL: 'https://nongsanso.vn',
  // Traceability outside development: a key of our own for the scanners' address hashes.
  TRACE_SCAN_KEY: 'trace-scan-key-of-this-test-0123456789abcdef',
  PAYMENT_BANK_BIN: '970415',
  PAYMENT_BANK_ACCOUNT: '0011001932418',
  PAYMENT_BANK_ACCOUNT_NAME: 'CONG TY NONG SAN SO',
  BANK_FEED_API_KEY: 'bank-feed-api-key-of-this-test-0123',
};
