import { ConfigError, loadConfig } from './app-config';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/nss',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'x'.repeat(40),
  MEDIA_DIR: '/tmp/media',
};

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.API_PORT).toBe(3000);
    expect(config.devOutboxEnabled).toBe(true);
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

  it('keeps the dev outbox off in production unless asked', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).devOutboxEnabled).toBe(false);
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
