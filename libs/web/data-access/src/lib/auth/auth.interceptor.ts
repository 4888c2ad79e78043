import { HttpErrorResponse, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE_URL } from '../api/api-client';
import { AuthSession } from './auth-session';

/** Public auth calls: never carry a token (a stale one must not confuse them) and never trigger a refresh. */
const PUBLIC_AUTH = /\/auth\/(login|register|refresh|phone-verification|password-reset\/[\w-]+)$/;
/** Logout carries the token but a 401 there is not worth a refresh. */
const NO_REFRESH = /\/auth\/logout$/;

/**
 * Adds `Authorization: Bearer …` to API calls. On a 401 it refreshes the tokens once and retries the request
 * once; if that fails too the session is cleared and the user is sent to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const base = inject(API_BASE_URL);
  if (!req.url.startsWith(base)) return next(req);

  const session = inject(AuthSession);
  const router = inject(Router);
  const path = req.url.split('?')[0];
  if (PUBLIC_AUTH.test(path)) return next(req);
  const skipRefresh = NO_REFRESH.test(path);
  const hadToken = session.accessToken() !== null;

  const expire = (error: unknown) => {
    session.clear();
    const returnUrl = router.url;
    if (!returnUrl.startsWith('/auth/')) void router.navigate(['/auth/login'], { queryParams: { returnUrl } });
    return throwError(() => error);
  };

  return send(req, next, session).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || skipRefresh || !hadToken) {
        return throwError(() => error);
      }
      if (!session.canRefresh()) return expire(error);
      return session.refresh().pipe(
        catchError(() => expire(error)),
        switchMap(() =>
          send(req, next, session).pipe(
            catchError((retryError: unknown) =>
              retryError instanceof HttpErrorResponse && retryError.status === 401
                ? expire(retryError)
                : throwError(() => retryError),
            ),
          ),
        ),
      );
    }),
  );
};

function send(req: HttpRequest<unknown>, next: HttpHandlerFn, session: AuthSession) {
  const token = session.accessToken();
  return next(token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req);
}
