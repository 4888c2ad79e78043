import type { AppConfig } from '@nss/server-core';
import { LocalDiskStorage } from '@nss/server-core';
import { PhotoUrls } from './photo-urls';

const config = { JWT_ACCESS_SECRET: 's'.repeat(40), MEDIA_URL_TTL_SECONDS: 900 } as AppConfig;
const KEY = 'photos/0123456789abcdef0123456789abcdef.jpg';

function partsOf(url: string): { key: string; exp: string | null; sig: string | null } {
  const parsed = new URL(url, 'http://x');
  return { key: parsed.pathname.replace('/api/media/', ''), exp: parsed.searchParams.get('exp'), sig: parsed.searchParams.get('sig') };
}

describe('PhotoUrls', () => {
  const urls = new PhotoUrls(config, new LocalDiskStorage('/tmp/nss-unused'));
  afterEach(() => jest.useRealTimers());

  it('signs a key for one to two TTLs, then the signature stops working', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T03:00:00Z') });
    const { key, exp, sig } = partsOf(urls.signed(KEY));
    expect(key).toBe(KEY);
    const left = urls.verify(KEY, exp, sig);
    expect(left).toBeGreaterThan(900);
    expect(left).toBeLessThanOrEqual(1800);
    jest.setSystemTime(Date.now() + 1800 * 1000);
    expect(urls.verify(KEY, exp, sig)).toBeNull();
  });

  it('binds the signature to the key, the expiry and the secret', () => {
    const { exp, sig } = partsOf(urls.signed(KEY));
    expect(urls.verify(KEY.replace('0123', '3210'), exp, sig)).toBeNull();
    expect(urls.verify(KEY, String(Number(exp) + 900), sig)).toBeNull();
    const other = new PhotoUrls({ ...config, JWT_ACCESS_SECRET: 't'.repeat(40) }, new LocalDiskStorage('/tmp/nss-unused'));
    expect(other.verify(KEY, exp, sig)).toBeNull();
    expect(urls.verify(KEY, undefined, sig)).toBeNull();
    expect(urls.verify(KEY, '1e99', sig)).toBeNull();
  });

  it('gives the same URL within a period, so browsers can cache it', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T03:00:10Z') });
    const first = urls.signed(KEY);
    jest.setSystemTime(new Date('2026-12-01T03:10:00Z'));
    expect(urls.signed(KEY)).toBe(first);
    expect(urls.public(KEY)).toBe(`/api/media/${KEY}`);
  });
});
