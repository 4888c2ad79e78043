#!/usr/bin/env node
// Static server for the built Angular app, with a reverse proxy for the API, so the browser only ever talks to one
// origin (no CORS, cookies just work, uploads go through it), and the server-side renderer of the public pages.
//
//   WEB_PORT        port to listen on (default 4200)
//   WEB_HOST        address to bind (default 127.0.0.1; use 0.0.0.0 to expose it)
//   WEB_ROOT        directory to serve (default dist/apps/web/browser)
//   WEB_SSR_ENTRY   the Angular SSR bundle (default <WEB_ROOT>/../server/server.mjs); when it exists, page requests are
//                   rendered by it (public pages on the server, the others as the client-rendered shell) and it
//                   answers /sitemap.xml and /robots.txt; it reads API_URL and PUBLIC_WEB_URL too
//   API_URL         where proxied requests go (default http://127.0.0.1:3000)
//   PROXY_PREFIXES  comma-separated path prefixes to proxy (default /api,/t,/01: the API and the stamps' scan page)
//   WEB_ACCESS_LOG  1 to log every request
//   WEB_HSTS        true when the site is reached over HTTPS (sends Strict-Transport-Security)
//
// Pages: extension-less paths and HTML requests that are not a file go to the SSR bundle (handlePage: weak ETag over
// the rendered HTML, `public, no-cache` on the public pages, 304 on If-None-Match); without an SSR build, the
// SPA fallback to index.html as before.
// Static files: hashed
// build files (main-ABCD1234.js) are cached for a year, everything else revalidates (ETag): so does the Angular
// service worker's `ngsw-worker.js` and `ngsw.json` (names without a hash), so a new app version is found at once;
// text-like files are gzipped once and kept in memory.
// Security headers on everything served from here (the API sends its own): a CSP the built app runs under
// (scripts and styles from this origin; inline styles for Angular's component styles; photos and API on this
// origin), nosniff, no framing, a referrer policy, HSTS when WEB_HSTS=true.
// Proxy: method, headers and bodies are streamed both ways (multipart uploads, SSE, downloads);
// WebSocket upgrades are tunnelled too. The original Host is kept; X-Forwarded-* are added.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.resolve(process.env.WEB_ROOT ?? path.join(repoRoot, 'dist/apps/web/browser'));
const PORT = Number(process.env.WEB_PORT ?? 4200);
const HOST = process.env.WEB_HOST ?? '127.0.0.1';
const API = new URL(process.env.API_URL ?? 'http://127.0.0.1:3000');
// `/t/<serial>` and `/01/<gtin>/10/<lot>/21/<serial>` (GS1 Digital Link) are the URLs printed in stamps' QR codes:
// the API renders their page.
const PREFIXES = (process.env.PROXY_PREFIXES ?? '/api,/t,/01').split(',').map((p) => p.trim().replace(/\/$/, '')).filter(Boolean);
const ACCESS_LOG = process.env.WEB_ACCESS_LOG === '1';
const HSTS = process.env.WEB_HSTS === 'true' || process.env.WEB_HSTS === '1';
const SSR_ENTRY = path.resolve(process.env.WEB_SSR_ENTRY ?? path.join(ROOT, '../server/server.mjs'));
/** The SSR bundle's exports (handlePage, handleSeoFile), or null for a browser-only build. */
const ssr = fs.existsSync(SSR_ENTRY) ? await import(pathToFileURL(SSR_ENTRY).href) : null;

/** The CSP of the app (docker/web.Dockerfile runs this server too). */
const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const SECURITY_HEADERS = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), geolocation=(), microphone=()',
  'cross-origin-opener-policy': 'same-origin',
  ...(HSTS ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.avif': 'image/avif', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.pdf': 'application/pdf',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.txt', '.xml', '.svg', '.webmanifest', '.wasm', '.ico', '.ttf']);
/** Angular's esbuild output names: main-ABCD1234.js, chunk-XYZ98765.js, media/logo-ABCD1234.png. */
const HASHED = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
const MAX_MEMORY_FILE = 8 * 1024 * 1024; // bigger files are streamed, uncompressed
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate'];

/** path -> { mtimeMs, size, etag, body?: Buffer, gz?: Buffer } */
const cache = new Map();

function fileEntry(file, stat) {
  let e = cache.get(file);
  if (e && e.mtimeMs === stat.mtimeMs && e.size === stat.size) return e;
  e = { mtimeMs: stat.mtimeMs, size: stat.size, etag: `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"` };
  if (stat.size <= MAX_MEMORY_FILE) e.body = fs.readFileSync(file);
  cache.set(file, e);
  return e;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** Serve one existing file. `spaShell` marks index.html served for a client-side route. */
function serveFile(req, res, file, stat, spaShell = false) {
  const ext = path.extname(file).toLowerCase();
  const entry = fileEntry(file, stat);
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    etag: entry.etag,
    'cache-control': !spaShell && HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const compressible = COMPRESSIBLE.has(ext) && entry.body && entry.size >= 1024;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  if (!entry.body) {
    res.writeHead(200, { ...headers, 'content-length': entry.size });
    if (req.method === 'HEAD') return res.end();
    return fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }
  let body = entry.body;
  if (compressible && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    entry.gz ??= zlib.gzipSync(entry.body, { level: 9 });
    body = entry.gz;
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function statOrNull(file) {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function serveStatic(req, res, pathname) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed\n');
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'Bad Request\n');
  }
  if (rel.includes('\0')) return send(res, 400, 'Bad Request\n');
  let file = path.join(ROOT, path.normalize(rel));
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) return send(res, 403, 'Forbidden\n');
  let stat = statOrNull(file);
  if (stat?.isDirectory()) {
    file = path.join(file, 'index.html');
    stat = statOrNull(file);
  }
  if (stat?.isFile()) return serveFile(req, res, file, stat);
  if (ssr && (rel === '/sitemap.xml' || rel === '/robots.txt')) return renderWith(ssr.handleSeoFile, req, res);
  // SPA fallback: client-side routes have no extension, or are navigations that accept HTML.
  const wantsHtml = (req.headers.accept ?? '').includes('text/html');
  if (ssr && (path.extname(rel) === '' || wantsHtml)) return renderWith(ssr.handlePage, req, res);
  if (path.extname(rel) === '' || wantsHtml) {
    const index = path.join(ROOT, 'index.html');
    const indexStat = statOrNull(index);
    if (indexStat) return serveFile(req, res, index, indexStat, true);
    return send(res, 503, `The web app is not built: ${index} is missing (run: npx nx build web)\n`);
  }
  return send(res, 404, 'Not Found\n');
}

/** A page or file made by the SSR bundle; an error is a 500 (logged without the query: it may hold a search). */
function renderWith(handler, req, res) {
  handler(req, res, SECURITY_HEADERS).then(
    (handled) => {
      if (!handled && !res.headersSent) send(res, 404, 'Not Found\n');
    },
    (err) => {
      console.error(`serve-web: rendering ${(req.url ?? '/').split('?')[0]} failed:`, err);
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    },
  );
}

const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function forwardedHeaders(req) {
  const headers = { ...req.headers };
  for (const h of HOP_BY_HOP) delete headers[h];
  // Set, never appended: what the client claims is dropped, the API sees the address this proxy saw.
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  return headers;
}

/** Stream a request to the API and its answer back. */
function proxy(req, res) {
  const upReq = http.request(
    { hostname: API.hostname, port: API.port || 80, method: req.method, path: req.url, headers: forwardedHeaders(req), agent: upstreamAgent },
    (upRes) => {
      const headers = { ...upRes.headers };
      for (const h of HOP_BY_HOP) delete headers[h];
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, headers);
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    },
  );
  upReq.on('error', (err) => {
    if (!res.headersSent) {
      send(res, 502, JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: `API unreachable at ${API.origin}: ${err.code ?? err.message}` }), 'application/json; charset=utf-8');
    } else res.destroy();
  });
  // Client went away (or the upload was aborted): abandon the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upReq.destroy();
  });
  req.pipe(upReq);
}

/** Tunnel a WebSocket (or any Upgrade) request to the API. */
function proxyUpgrade(req, socket, head) {
  const upstream = net.connect(Number(API.port || 80), API.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head?.length) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', close);
  socket.on('error', close);
}

const isProxied = (pathname) => PREFIXES.some((p) => pathname === p || pathname.startsWith(p + '/'));

const server = http.createServer((req, res) => {
  const started = Date.now();
  if (ACCESS_LOG) res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
  const pathname = (req.url ?? '/').split('?')[0];
  try {
    if (isProxied(pathname)) return proxy(req, res);
    return serveStatic(req, res, pathname);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
    else res.destroy();
  }
});
server.on('upgrade', (req, socket, head) => {
  if (isProxied((req.url ?? '/').split('?')[0])) proxyUpgrade(req, socket, head);
  else socket.destroy();
});
server.requestTimeout = 15 * 60_000; // large photo uploads over slow links
server.headersTimeout = 60_000;
server.keepAliveTimeout = 65_000;

server.on('error', (err) => {
  console.error(`serve-web: cannot listen on ${HOST}:${PORT}: ${err.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  if (!ssr && !fs.existsSync(path.join(ROOT, 'index.html'))) console.error(`serve-web: warning: ${ROOT}/index.html does not exist`);
  const pages = ssr ? `, rendering pages with ${SSR_ENTRY}` : '';
  console.log(`serve-web: http://${HOST}:${PORT} serving ${ROOT}${pages}, proxying ${PREFIXES.join(', ')} to ${API.origin}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
