import { isPublicRevalidate, rewriteApiUrl } from './server-api-origin';

describe('server-side API address', () => {
  const page = { protocol: 'https:', hostname: 'nongsanso.vn', port: '' };

  it('sends /api reads to the API directly, relative or resolved against the page', () => {
    expect(rewriteApiUrl('/api/products/1?x=2', '/api', 'http://api:3000')).toBe('http://api:3000/api/products/1?x=2');
    expect(rewriteApiUrl('https://nongsanso.vn/api/search?q=che', '/api', 'http://api:3000', page)).toBe('http://api:3000/api/search?q=che');
  });

  it('leaves other addresses alone (another site, a path that only starts like /api)', () => {
    expect(rewriteApiUrl('https://example.com/api/x', '/api', 'http://api:3000', page)).toBe('https://example.com/api/x');
    expect(rewriteApiUrl('/apix/y', '/api', 'http://api:3000', page)).toBe('/apix/y');
    expect(rewriteApiUrl('/assets/a.json', '/api', 'http://api:3000', page)).toBe('/assets/a.json');
  });

  it('lets only public answers travel with the page', () => {
    expect(isPublicRevalidate('public, no-cache')).toBe(true);
    expect(isPublicRevalidate('private, no-store')).toBe(false);
    expect(isPublicRevalidate('no-store')).toBe(false);
    expect(isPublicRevalidate('public, no-store')).toBe(false);
    expect(isPublicRevalidate(null)).toBe(false);
  });
});
