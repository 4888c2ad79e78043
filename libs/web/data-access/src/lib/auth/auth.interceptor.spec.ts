import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiClient } from '../api/api-client';
import { toApiError } from '../api/api-error';
import { AuthSession } from './auth-session';
import { authInterceptor } from './auth.interceptor';
import { AuthTokens } from './auth.models';

const tokens = (n: number): AuthTokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user: { id: 'u1', phone: '0912345678', fullName: 'Lan', role: 'province_staff', provinceCode: '19' },
});

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let api: ApiClient;
  let session: AuthSession;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(ApiClient);
    session = TestBed.inject(AuthSession);
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('adds the bearer token', () => {
    session.start(tokens(1));
    api.get('/auth/me').subscribe();
    expect(http.expectOne('/api/auth/me').request.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('refreshes once on 401 and retries with the new token; concurrent 401s share the refresh', () => {
    session.start(tokens(1));
    const results: unknown[] = [];
    api.get('/sellers').subscribe((r) => results.push(r));
    api.get('/moderation/products').subscribe((r) => results.push(r));
    http.expectOne('/api/sellers').flush({}, { status: 401, statusText: 'Unauthorized' });
    http.expectOne('/api/moderation/products').flush({}, { status: 401, statusText: 'Unauthorized' });
    const refresh = http.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(tokens(2));
    const retried = http.expectOne('/api/sellers');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer access-2');
    retried.flush({ ok: 1 });
    http.expectOne('/api/moderation/products').flush({ ok: 2 });
    expect(results).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(JSON.parse(localStorage.getItem('nss.session') ?? '{}').refreshToken).toBe('refresh-2');
  });

  it('logs out when the refresh fails', () => {
    session.start(tokens(1));
    let status = -1;
    api.get('/sellers').subscribe({ error: (e) => (status = toApiError(e).statusCode) });
    http.expectOne('/api/sellers').flush({}, { status: 401, statusText: 'Unauthorized' });
    http.expectOne('/api/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(status).toBe(401);
    expect(session.isLoggedIn()).toBe(false);
    expect(localStorage.getItem('nss.session')).toBeNull();
  });

  // With a session open (a stale token in storage), a wrong password answers 401: that must neither carry the
  // token nor set off a refresh (the PUBLIC_AUTH rule). A 423 would not have exercised the rule at all.
  it('neither sends the token with a sign-in nor refreshes when it fails with 401', () => {
    session.start(tokens(1));
    let code = '';
    session.login('0912345678', 'bad').subscribe({ error: (e) => (code = toApiError(e).code) });
    const login = http.expectOne('/api/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush(
      { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Sai mật khẩu', messageEn: 'Wrong password' },
      { status: 401, statusText: 'Unauthorized' },
    );
    http.expectNone('/api/auth/refresh');
    expect(code).toBe('INVALID_CREDENTIALS');
  });
});
