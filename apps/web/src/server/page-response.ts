import fresh from 'fresh';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** The public pages the server renders (keep in step with app.routes.server.ts). */
const SERVER_RENDERED = [/^\/$/, /^\/search\/?$/, /^\/products\/[^/]+\/?$/, /^\/cua-hang\/[^/]+\/?$/];

export function isServerRenderedPath(pathname: string): boolean {
  return SERVER_RENDERED.some((re) => re.test(pathname));
}

/** A weak validator over the bytes of a rendered body (the same page renders to the same bytes). */
export function weakEtag(body: Buffer | string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  cacheControl: string;
}

/** Headers that describe the body as sent, recomputed here. */
const BODY_HEADERS = ['content-length', 'content-encoding', 'etag', 'cache-control', 'vary', 'transfer-encoding'];

/**
 * Writes a generated answer with validators: a weak ETag over the body, the given Cache-Control, 304 without a body
 * when `If-None-Match` matches (jshttp `fresh`, as Express and the API's conditional GET), gzip when accepted.
 */
export function answerPage(req: IncomingMessage, res: ServerResponse, answer: PageAnswer): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.headers)) if (!BODY_HEADERS.includes(k.toLowerCase())) headers[k.toLowerCase()] = v;
  headers['cache-control'] = answer.cacheControl;
  headers['vary'] = 'Accept-Encoding';
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok) {
    headers['etag'] = weakEtag(answer.body);
    if (fresh(req.headers, { etag: headers['etag'] })) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  let body = answer.body;
  if (body.length >= 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
