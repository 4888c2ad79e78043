/**
 * The web app's server side (Angular SSR): renders the public pages (app.routes.server.ts) per request, with
 * validators a CDN can use, plus `/sitemap.xml` and `/robots.txt`.
 *
 * Two ways to run it:
 * - in production and `npm start`, tools/scripts/serve-web.mjs imports this bundle (dist/apps/web/server/server.mjs)
 *   and calls `handlePage` for page requests; it keeps serving the static files, proxying /api, /t and /01 to the
 *   API and sending the security headers (CSP…) on everything;
 * - on its own (`node dist/apps/web/server/server.mjs`, or `ng serve` through `reqHandler`): an Express app serving
 *   the browser build and the pages, without the API proxy.
 *
 * Environment: API_URL (where the renderer reads the API; default http://127.0.0.1:3000), PUBLIC_WEB_URL (the
 * site's public address, for canonical URLs, the sitemap and robots.txt), NG_ALLOWED_HOSTS (extra Host names the
 * renderer answers to; the PUBLIC_WEB_URL host, localhost and 127.0.0.1 always are), PORT (standalone only).
 */
import { AngularNodeAppEngine, createNodeRequestHandler, isMainModule } from '@angular/ssr/node';
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerPage, isServerRenderedPath } from './server/page-response';
import { buildRobotsTxt, buildSitemapXml, fetchSitemapEntries } from './server/sitemap';

const apiUrl = (process.env['API_URL'] || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const publicWebUrl = (process.env['PUBLIC_WEB_URL'] || 'http://localhost:4200').replace(/\/+$/, '');

function allowedHosts(): string[] {
  const hosts = new Set(['localhost', '127.0.0.1']);
  try {
    hosts.add(new URL(publicWebUrl).hostname);
  } catch {
    // An unparsable PUBLIC_WEB_URL: the API refuses to start with it anyway.
  }
  for (const h of (process.env['NG_ALLOWED_HOSTS'] ?? '').split(',')) if (h.trim()) hosts.add(h.trim());
  return [...hosts];
}

// Proxy headers (X-Forwarded-*) are accepted (and validated): nginx or a CDN may stand in front. Nothing here is
// built from the Host: absolute URLs come from PUBLIC_WEB_URL, the API from API_URL.
const engine = new AngularNodeAppEngine({ allowedHosts: allowedHosts(), trustProxyHeaders: true });

/**
 * Renders the page for `req` (a server-rendered public page, or the client-rendered shell for any other route) and
 * answers it: weak ETag over the body, `Cache-Control: public, no-cache` for the public pages (a CDN may keep them
 * and revalidates), 304 when the client's copy is current, gzip when accepted. `extraHeaders` (the security
 * headers) go on every answer. Resolves false when Angular has no page for the request.
 */
export async function handlePage(req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string> = {}): Promise<boolean> {
  const response = await engine.handle(req);
  if (!response) return false;
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  answerPage(req, res, {
    status: response.status,
    headers: { ...headers, ...extraHeaders },
    body,
    cacheControl: isServerRenderedPath(pathname) ? 'public, no-cache' : 'no-cache',
  });
  return true;
}

/** `/sitemap.xml` (approved products, freshly read from the API: a moderation decision shows at once) and `/robots.txt`. */
export async function handleSeoFile(req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string> = {}): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  if (pathname === '/robots.txt') {
    answerPage(req, res, {
      status: 200,
      headers: { ...extraHeaders, 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.from(buildRobotsTxt(publicWebUrl)),
      cacheControl: 'public, max-age=3600',
    });
    return true;
  }
  if (pathname === '/sitemap.xml') {
    const entries = await fetchSitemapEntries(apiUrl);
    answerPage(req, res, {
      status: 200,
      headers: { ...extraHeaders, 'content-type': 'application/xml; charset=utf-8' },
      body: Buffer.from(buildSitemapXml(publicWebUrl, entries)),
      // Short: crawlers come back rarely, and a product taken down by moderation must leave the list at once.
      cacheControl: 'public, max-age=60',
    });
    return true;
  }
  return false;
}

/** Standalone: the browser build's files, then the SEO files and the pages. No API proxy (serve-web.mjs has it). */
export function createApp(): express.Express {
  const browserDist = resolve(dirname(fileURLToPath(import.meta.url)), '../browser');
  const app = express();
  app.disable('x-powered-by');
  app.use(express.static(browserDist, { maxAge: '1y', index: false, redirect: false }));
  app.use((req, res, next) => {
    handleSeoFile(req, res)
      .then((done) => (done ? undefined : handlePage(req, res).then((found) => (found ? undefined : next()))))
      .catch(next);
  });
  return app;
}

if (isMainModule(import.meta.url) || process.env['pm_id']) {
  const port = Number(process.env['PORT'] || 4000);
  createApp().listen(port, (error) => {
    if (error) throw error;
    console.warn(`web SSR server listening on http://localhost:${port} (no API proxy: serve-web.mjs has it)`);
  });
}

/** Used by the Angular CLI (dev server, build-time route extraction). */
export const reqHandler = createNodeRequestHandler(createApp());
