// What the benchmarks need to run the built API and worker as in production: one set of secrets for the seed and the
// processes (the seed seals citizen IDs with them), the production settings, and a database name in a URI.
import { randomBytes } from 'node:crypto';

const SECRETS = {
  JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
  CITIZEN_ID_HASH_SECRET: randomBytes(32).toString('hex'),
  CITIZEN_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  TRACE_SCAN_KEY: randomBytes(32).toString('hex'),
  NOTIFICATIONS_DATA_KEY: randomBytes(32).toString('base64'),
  VNPAY_HASH_SECRET: randomBytes(24).toString('hex'),
  BANK_FEED_API_KEY: randomBytes(24).toString('hex'),
  ...Object.fromEntries(
    ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_REFRESH_TOKEN', 'ZNS_WEBHOOK_SECRET', 'ESMS_API_KEY', 'ESMS_SECRET_KEY', 'ESMS_CALLBACK_TOKEN'].map((name) => [
      name,
      randomBytes(24).toString('base64url'),
    ]),
  ),
};

/** The environment of the built API / worker in production mode (`extra` adds or overrides settings). */
export function productionEnv({ apiPort, mongoUri, redisUrl, mediaDir, extra = {} }) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    API_PORT: String(apiPort),
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    ...SECRETS,
    ZNS_TEMPLATE_OTP: '245001',
    ESMS_BRANDNAME: 'NongSanSo',
    PUBLIC_API_URL: 'https://api.bench.invalid',
    PUBLIC_WEB_URL: 'https://bench.invalid',
    // Payments are not what the benchmarks call; production requires them configured.
    VNPAY_TMN_CODE: 'NSSBENCH',
    VNPAY_GATEWAY_URL: 'https://sandbox.vnpayment.vn',
    PAYMENT_BANK_BIN: '970415',
    PAYMENT_BANK_ACCOUNT: '0011001932418',
    PAYMENT_BANK_ACCOUNT_NAME: 'CONG TY NONG SAN SO',
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The same server with another database name. */
export function withDatabase(uri, db) {
  const url = new URL(uri);
  url.pathname = `/${db}`;
  return url.toString();
}
