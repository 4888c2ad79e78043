import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const SERVE_WEB = join(__dirname, '../../../../tools/scripts/serve-web.mjs');

export interface RunningWebServer {
  url: string;
  child: ChildProcess;
}

/**
 * Starts tools/scripts/serve-web.mjs (the web server of `npm start` and the e2e run) in front of the API at `apiUrl`,
 * serving a stand-in app shell (index.html and one hashed script), and waits until it answers.
 */
export async function startWebServer(apiUrl: string, env: Record<string, string> = {}): Promise<RunningWebServer> {
  const root = mkdtempSync(join(tmpdir(), 'nss-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><nss-root></nss-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>');
  writeFileSync(join(root, 'main-ABCDEFGH.js'), 'console.log("app")');
  const port = await freePort();
  const child = spawn(process.execPath, [SERVE_WEB], {
    env: { ...process.env, WEB_PORT: String(port), WEB_HOST: '127.0.0.1', WEB_ROOT: root, API_URL: apiUrl, ...env },
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
