import { ConfigError, PRODUCTION_RULES, isLocalUrl, loadConfig } from './app-config';

const valid = {
  NODE_ENV: 'development',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/nss',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'x'.repeat(40),
  MEDIA_DIR: '/tmp/media',
  CITIZEN_ID_HASH_SECRET: 'k'.repeat(40),
  CITIZEN_ID_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  TRACE_SCAN_KEY: 't'.repeat(40),
  // What messaging needs outside development (real providers over https, secrets of our own).
  PUBLIC_API_URL: 'https://api.nongsanso.vn',
  ZALO_APP_ID: 'app-123',
  ZALO_APP_SECRET: 's'.repeat(24),
  ZALO_OA_REFRESH_TOKEN: 'r'.repeat(24),
  ZNS_TEMPLATE_OTP: '245678',
  ZNS_WEBHOOK_SECRET: 'w'.repeat(24),
  ESMS_API_KEY: 'a'.repeat(24),
  ESMS_SECRET_KEY: 'b'.repeat(24),
  ESMS_BRANDNAME: 'NongSanSo',
  ESMS_CALLBACK_TOKEN: 'c'.repeat(40),
  NOTIFICATIONS_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
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

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.API_PORT).toBe(3000);
  });

  it('names every missing or malformed variable', () => {
    try {
      loadConfig({ ...valid, MONGODB_URI: undefined, API_PORT: 'eighty', JWT_ACCESS_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('MONGODB_URI');
      expect(message).toContain('API_PORT');
      expect(message).toContain('JWT_ACCESS_SECRET');
    }
  });

  it('refuses to run outside development without the citizen-ID hash and encryption keys (no default secrets)', () => {
    const withoutKeys = { ...valid, CITIZEN_ID_HASH_SECRET: undefined, CITIZEN_ID_ENCRYPTION_KEY: undefined };
    for (const NODE_ENV of ['production', 'test']) {
      expect(() => loadConfig({ ...withoutKeys, NODE_ENV })).toThrow(/CITIZEN_ID_HASH_SECRET[\s\S]*CITIZEN_ID_ENCRYPTION_KEY/);
    }
    expect(() => loadConfig({ ...valid, CITIZEN_ID_ENCRYPTION_KEY: 'c2hvcnQ=', NODE_ENV: 'production' })).toThrow(/CITIZEN_ID_ENCRYPTION_KEY/);
    expect(loadConfig(withoutKeys).CITIZEN_ID_HASH_SECRET).toBeUndefined();
  });

  it('refuses to run outside development without the key of the scanners\' address hashes; bounds the verdict rules', () => {
    expect(() => loadConfig({ ...valid, TRACE_SCAN_KEY: undefined, NODE_ENV: 'production' })).toThrow(/TRACE_SCAN_KEY: required outside development/);
    expect(() => loadConfig({ ...valid, TRACE_SCAN_KEY: 'short', NODE_ENV: 'production' })).toThrow(/TRACE_SCAN_KEY/);
    expect(loadConfig({ ...valid, TRACE_SCAN_KEY: undefined }).TRACE_SCAN_KEY).toBeUndefined();
    const config = loadConfig(valid);
    expect([config.TRACE_AUTO_APPROVE_MAX, config.TRACE_SUSPICIOUS_SCANS, config.TRACE_SUSPICIOUS_KM, config.TRACE_SUSPICIOUS_HOURS, config.TRACE_SCAN_RATE]).toEqual([1000, 50, 100, 24, 60]);
    expect(() => loadConfig({ ...valid, TRACE_SUSPICIOUS_SCANS: '1' })).toThrow(/TRACE_SUSPICIOUS_SCANS/);
    expect(config.TRACE_RANGE_SYNC_MAX).toBe(5000);
    expect(() => loadConfig({ ...valid, TRACE_RANGE_SYNC_MAX: '0' })).toThrow(/TRACE_RANGE_SYNC_MAX/);
    expect(() => loadConfig({ ...valid, TRACE_BASE_URL: 'not a url' })).toThrow(/TRACE_BASE_URL/);
  });

  it('allows order expiries of seconds in development only (tests), not in production', () => {
    const short = { ...valid, ORDER_EXPIRY_VNPAY_SECONDS: '2', ORDER_EXPIRY_BANK_TRANSFER_SECONDS: '2' };
    expect(() => loadConfig({ ...short, NODE_ENV: 'production' })).toThrow(/ORDER_EXPIRY_VNPAY_SECONDS: at least 60[\s\S]*ORDER_EXPIRY_BANK_TRANSFER_SECONDS: at least 300/);
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).ORDER_EXPIRY_VNPAY_SECONDS).toBe(900);
    expect(loadConfig({ ...short, NODE_ENV: 'development' }).ORDER_EXPIRY_BANK_TRANSFER_SECONDS).toBe(2);
  });

  it('has no default for NODE_ENV: a process started without it does not start', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: undefined })).toThrow(/NODE_ENV/);
  });

  it('treats anything but development as production: no public docs or health details, nothing dev-only', () => {
    for (const NODE_ENV of ['test', 'production', 'staging']) {
      const config = loadConfig({ ...valid, NODE_ENV });
      expect(config).toMatchObject({ isDevelopment: false, apiDocsPublic: false, healthDetailsPublic: false });
    }
    expect(loadConfig(valid)).toMatchObject({ isDevelopment: true, apiDocsPublic: true, healthDetailsPublic: true });
    expect(loadConfig({ ...valid, NODE_ENV: 'production', API_DOCS_PUBLIC: 'true' }).apiDocsPublic).toBe(true);
  });

  it('listens on the loopback address unless told otherwise', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).API_HOST).toBe('127.0.0.1');
    expect(loadConfig({ ...valid, API_HOST: '0.0.0.0' }).API_HOST).toBe('0.0.0.0');
    expect(() => loadConfig({ ...valid, API_HOST: 'http://x' })).toThrow(/API_HOST/);
  });

  it('refuses, outside development only, what a production rule forbids (e.g. a local provider URL)', () => {
    const rule = (c: { PUBLIC_WEB_URL: string }) => (isLocalUrl(c.PUBLIC_WEB_URL) ? 'PUBLIC_WEB_URL: points at this machine' : null);
    PRODUCTION_RULES.push(rule);
    try {
      expect(() => loadConfig({ ...valid, NODE_ENV: 'production', PUBLIC_WEB_URL: 'http://localhost:4200' })).toThrow(/PUBLIC_WEB_URL: points at this machine/);
      expect(loadConfig({ ...valid, NODE_ENV: 'production', PUBLIC_WEB_URL: 'https://nongsanso.vn' }).isDevelopment).toBe(false);
      expect(loadConfig(valid).isDevelopment).toBe(true);
    } finally {
      PRODUCTION_RULES.splice(PRODUCTION_RULES.indexOf(rule), 1);
    }
  });

  it('recognises URLs of this machine', () => {
    for (const url of ['http://localhost:4300/sms', 'http://127.0.0.1:1', 'http://[::1]:80', 'http://sim.localhost']) expect(isLocalUrl(url)).toBe(true);
    for (const url of ['https://business.openapi.zalo.me', 'https://10.0.0.5', 'not a url']) expect(isLocalUrl(url)).toBe(false);
  });

  it('trusts no proxy unless told, and accepts a hop count or a list of addresses and ranges', () => {
    expect(loadConfig(valid).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...valid, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(() => loadConfig({ ...valid, TRUST_PROXY: 'true' })).toThrow('TRUST_PROXY');
    expect(() => loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/99' })).toThrow('TRUST_PROXY');
  });

  it('reads named rate limits as points per seconds', () => {
    expect(loadConfig({ ...valid, RATE_LIMIT_AUTH: '5/10' }).RATE_LIMIT_AUTH).toEqual({ points: 5, seconds: 10 });
    expect(() => loadConfig({ ...valid, RATE_LIMIT_AUTH: '5 per minute' })).toThrow('RATE_LIMIT_AUTH');
  });

  it('refuses a TOTP key that is not 32 bytes, and required TOTP without a key', () => {
    expect(() => loadConfig({ ...valid, TOTP_ENCRYPTION_KEY: 'x'.repeat(40) })).toThrow('TOTP_ENCRYPTION_KEY');
    expect(() => loadConfig({ ...valid, TOTP_REQUIRED_FOR_STAFF: 'true' })).toThrow('TOTP_ENCRYPTION_KEY');
    expect(loadConfig({ ...valid, TOTP_ENCRYPTION_KEY: 'ab'.repeat(32) }).TOTP_ENCRYPTION_KEY).toBe('ab'.repeat(32));
  });
});
