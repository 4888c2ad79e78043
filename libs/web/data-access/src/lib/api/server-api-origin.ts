import { PlatformLocation } from '@angular/common';
import { HttpInterceptorFn, ɵHTTP_ROOT_INTERCEPTOR_FNS as HTTP_ROOT_INTERCEPTOR_FNS } from '@angular/common/http';
import { EnvironmentProviders, InjectionToken, inject, makeEnvironmentProviders } from '@angular/core';
import { API_BASE_URL } from './api-client';

/** Where the server-side renderer reaches the API (e.g. http://127.0.0.1:3000); only provided on the server. */
export const SERVER_API_ORIGIN = new InjectionToken<string>('SERVER_API_ORIGIN');

/**
 * Server rendering only: a request to `/api/…` (relative, or already resolved against the page's own origin) goes
 * to the API directly. It runs among the root interceptors after the HTTP transfer cache, so the cache key stays
 * the relative URL the browser asks for, and the browser reuses the answer instead of fetching it again.
 */
export const serverApiOriginInterceptor: HttpInterceptorFn = (req, next) => {
  const origin = inject(SERVER_API_ORIGIN).replace(/\/+$/, '');
  const base = inject(API_BASE_URL);
  const rewritten = rewriteApiUrl(req.url, base, origin, inject(PlatformLocation));
  return next(rewritten === req.url ? req : req.clone({ url: rewritten }));
};

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
