import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree, provideRouter, Router } from '@angular/router';
import { provideHttpClient } from '@angular/common/http';
import { AuthSession } from './auth-session';
import { requireRole } from './role.guard';

const run = (guard: ReturnType<typeof requireRole>, url = '/staff') =>
  TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));

describe('requireRole', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient()] });
  });

  it('sends anonymous users to login with a return URL', () => {
    const result = run(requireRole('province_staff')) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(result)).toBe('/auth/login?returnUrl=%2Fstaff');
  });

  it('lets the right role in and sends other roles home', () => {
    const session = TestBed.inject(AuthSession);
    const user = { id: 'u', phone: '0912345678', fullName: 'A', role: 'buyer' as const };
    session.start({ accessToken: 'a', refreshToken: 'r', expiresIn: 1, user });
    expect(TestBed.inject(Router).serializeUrl(run(requireRole('province_staff')) as UrlTree)).toBe('/?denied=1');
    session.start({ accessToken: 'a', refreshToken: 'r', expiresIn: 1, user: { ...user, role: 'province_staff' } });
    expect(run(requireRole('province_staff'))).toBe(true);
  });
});
