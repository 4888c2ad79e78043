import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { Observable } from 'rxjs';

/** Where the API lives; `/api` on the same origin (the dev server and the static server proxy it). */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', { factory: () => '/api' });

/** Query values; `undefined`, `null` and `''` are left out so optional filters can be passed as they are. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Extra request headers (`X-Cart-Token`, `Idempotency-Key`); the bearer token is added by the interceptor. */
export type RequestHeaders = Record<string, string>;

/**
 * Typed wrapper around HttpClient for the Nông Sàn Số API. Paths are relative to `/api`
 * (`api.get<Me>('/auth/me')`). Errors arrive as HttpErrorResponse; turn them into `ApiError` with `toApiError`.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  get<T>(path: string, query?: QueryParams, headers?: RequestHeaders): Observable<T> {
    return this.http.get<T>(this.url(path), { params: toParams(query), headers });
  }

  post<T>(path: string, body: unknown = {}, headers?: RequestHeaders): Observable<T> {
    return this.http.post<T>(this.url(path), body, { headers });
  }

  patch<T>(path: string, body: unknown, headers?: RequestHeaders): Observable<T> {
    return this.http.patch<T>(this.url(path), body, { headers });
  }

  put<T>(path: string, body: unknown, headers?: RequestHeaders): Observable<T> {
    return this.http.put<T>(this.url(path), body, { headers });
  }

  delete<T = void>(path: string, headers?: RequestHeaders): Observable<T> {
    return this.http.delete<T>(this.url(path), { headers });
  }

  /** A file the API generates (a CSV statement), as a Blob the page can offer for download. */
  download(path: string, query?: QueryParams): Observable<Blob> {
    return this.http.get(this.url(path), { params: toParams(query), responseType: 'blob' });
  }

  /** Multipart upload of one file (`field` defaults to `file`, as `POST /products/:id/photos` expects). */
  upload<T>(path: string, file: Blob, field = 'file'): Observable<T> {
    const form = new FormData();
    form.append(field, file);
    return this.http.post<T>(this.url(path), form);
  }

  url(path: string): string {
    return `${this.base}${path.startsWith('/') ? path : `/${path}`}`;
  }
}

export function toParams(query?: QueryParams): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
