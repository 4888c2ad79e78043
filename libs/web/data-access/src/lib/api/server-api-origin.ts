import { PlatformLocation } from '@angular/common';
import { HttpInterceptorFn, HttpResponse, ɵHTTP_ROOT_INTERCEPTOR_FNS as HTTP_ROOT_INTERCEPTOR_FNS } from '@angular/common/http';
import { EnvironmentProviders, InjectionToken, inject, makeEnvironmentProviders } from '@angular/core';
import { map } from 'rxjs';
import { API_BASE_URL } from './api-client';

/** Where the server-side renderer reaches the API (e.g. http://127.0.0.1:3000); only provided on the server. */
export const SERVER_API_ORIGIN = new InjectionToken<string>('SERVER_API_ORIGIN');

/**
 * Server rendering only: a request to `/api/…` (relative, or already resolved against the page's own origin) goes
 * to the API directly. It runs among the root interceptors after the HTTP transfer cache, so the cache key stays
 * the relative URL the browser asks for, and the browser reuses the answer instead of fetching it again.
 *
 * The API's public reads say `Cache-Control: public, no-cache` (anyone may keep them, revalidating), which Angular's
 * transfer cache takes as "do not transfer". Their copy inside a rendered page is safe to reuse: the page itself is
 * revalidated by its own ETag, which changes with them. So that directive is dropped from public answers, here, on
 * the server only; `private` and `no-store` answers keep theirs and are never transferred.
 */
export const serverApiOriginInterceptor: HttpInterceptorFn = (req, next) => {
  const origin = inject(SERVER_API_ORIGIN).replace(/\/+$/, '');
  const base = inject(API_BASE_URL);
  const rewritten = rewriteApiUrl(req.url, base, origin, inject(PlatformLocation));
  return next(rewritten === req.url ? req : req.clone({ url: rewritten })).pipe(
    map((event) => (event instanceof HttpResponse && isPublicRevalidate(event.headers.get('cache-control')) ? event.clone({ headers: event.headers.delete('cache-control') }) : event)),
  );
};

/** `public, no-cache` (and nothing private or no-store). */
export function isPublicRevalidate(cacheControl: string | null): boolean {
  if (!cacheControl) return false;
  const directives = cacheControl.split(',').map((d) => d.split('=', 1)[0].trim().toLowerCase());
  return directives.includes('public') && !directives.includes('private') && !directives.includes('no-store');
}

/** `/api/x?y` (or `<page origin>/api/x?y`) → `<origin>/api/x?y`; any other URL unchanged. */
export function rewriteApiUrl(url: string, base: string, origin: string, page?: Pick<PlatformLocation, 'protocol' | 'hostname' | 'port'>): string {
  if (url === base || url.startsWith(base + '/') || url.startsWith(base + '?')) return origin + url;
  if (!page) return url;
  const pageOrigin = `${page.protocol}//${page.hostname}${page.port ? `:${page.port}` : ''}`;
  const rest = url.startsWith(pageOrigin) ? url.slice(pageOrigin.length) : null;
  if (rest !== null && (rest === base || rest.startsWith(base + '/') || rest.startsWith(base + '?'))) return origin + rest;
  return url;
}

/** Add to the server application's providers (app.config.server.ts). */
export function provideServerApiOrigin(origin: string): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: SERVER_API_ORIGIN, useValue: origin },
    { provide: HTTP_ROOT_INTERCEPTOR_FNS, useValue: serverApiOriginInterceptor, multi: true },
  ]);
}
