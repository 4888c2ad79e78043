import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anAccount } from '../support/accounts.factory';
import { PRODUCTION_DEFAULTS } from '../support/production-env';
import { startTestApi, TestApi } from '../support/test-api';

const SERVE_WEB = join(__dirname, '../../../../tools/scripts/serve-web.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts tools/scripts/serve-web.mjs (the web server of `npm start` and the e2e run) and waits until it answers. */
async function startWebServer(apiPort: number, env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const root = mkdtempSync(join(tmpdir(), 'nss-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><nss-root></nss-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>');
  writeFileSync(join(root, 'main-ABCDEFGH.js'), 'console.log("app")');
  const port = await freePort();
  const child = spawn(process.execPath, [SERVE_WEB], {
    env: { ...process.env, WEB_PORT: String(port), WEB_HOST: '127.0.0.1', WEB_ROOT: root, API_URL: `http://127.0.0.1:${apiPort}`, ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then(() => true, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error('serve-web did not start');
}

describe('security headers of the web server (serve-web.mjs, in front of the real API)', () => {
  let api: TestApi;
  let apiPort: number;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', ...PRODUCTION_DEFAULTS });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    apiPort = Number(new URL(await api.app.getUrl()).port);
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await api.close();
  });

  it('sends a CSP, nosniff, frame protection and a referrer policy on the app shell, its files and its errors', async () => {
    const web = await startWebServer(apiPort);
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
    const web = await startWebServer(apiPort);
    children.push(web.child);
    const buyer = await anAccount().create(api);
    const me = await fetch(`${web.url}/api/auth/me`, { headers: { authorization: `Bearer ${buyer.accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('x-frame-options')).toBe('DENY');
    expect(me.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('sends HSTS when told the site is served over HTTPS', async () => {
    const web = await startWebServer(apiPort, { WEB_HSTS: 'true' });
    children.push(web.child);
    expect((await fetch(`${web.url}/`)).headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});
