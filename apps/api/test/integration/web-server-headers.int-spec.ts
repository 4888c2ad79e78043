import type { ChildProcess } from 'node:child_process';
import { anAccount } from '../support/accounts.factory';
import { PRODUCTION_DEFAULTS } from '../support/production-env';
import { startTestApi, TestApi } from '../support/test-api';
import { startWebServer } from '../support/web-server';

describe('security headers of the web server (serve-web.mjs, in front of the real API)', () => {
  let api: TestApi;
  let apiUrl: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', ...PRODUCTION_DEFAULTS });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = await api.app.getUrl();
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await api.close();
  });

  it('sends a CSP, nosniff, frame protection and a referrer policy on the app shell, its files and its errors', async () => {
    const web = await startWebServer(apiUrl);
    children.push(web.child);
    for (const path of ['/', '/san-pham/abc', '/main-ABCDEFGH.js', '/missing.png']) {
      const res = await fetch(`${web.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      // Plain HTTP: no HSTS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it("passes the API's own headers through, with no-store on personal answers", async () => {
    const web = await startWebServer(apiUrl);
    children.push(web.child);
    const buyer = await anAccount().create(api);
    const me = await fetch(`${web.url}/api/auth/me`, { headers: { authorization: `Bearer ${buyer.accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('x-frame-options')).toBe('DENY');
    expect(me.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('sends HSTS when told the site is served over HTTPS', async () => {
    const web = await startWebServer(apiUrl, { WEB_HSTS: 'true' });
    children.push(web.child);
    expect((await fetch(`${web.url}/`)).headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});
