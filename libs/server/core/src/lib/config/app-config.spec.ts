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

});
