import { ConfigError, loadConfig } from './app-config';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/nss',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'x'.repeat(40),
  MEDIA_DIR: '/tmp/media',
};

const citizenIdSecrets = { CITIZEN_ID_HASH_SECRET: 'k'.repeat(40), CITIZEN_ID_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };

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
    expect(loadConfig({ ...valid, ...citizenIdSecrets, NODE_ENV: 'production' }).devOutboxEnabled).toBe(false);
  });

  it('refuses to run in production without the citizen-ID hash and encryption keys (no default secrets)', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/CITIZEN_ID_HASH_SECRET[\s\S]*CITIZEN_ID_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...valid, ...citizenIdSecrets, CITIZEN_ID_ENCRYPTION_KEY: 'c2hvcnQ=', NODE_ENV: 'production' })).toThrow(
      /CITIZEN_ID_ENCRYPTION_KEY/,
    );
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).CITIZEN_ID_HASH_SECRET).toBeUndefined();
  });
});
