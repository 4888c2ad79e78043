import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@nss/contracts';
import { AuthSession } from './auth-session';

/** The page each role lands on after login. */
export function homeForRole(role: Role | null): string {
  switch (role) {
    case 'seller':
      return '/seller';
    case 'agent':
      return '/agent';
    case 'province_staff':
    case 'admin':
      return '/staff';
    default:
      return '/';
  }
}

/**
 * `canActivate: [requireRole('province_staff')]`. Not signed in → login page (coming back afterwards);
 * signed in with another role → that role's home page. No roles given → any signed-in user.
 */
export function requireRole(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const session = inject(AuthSession);
    const router = inject(Router);
    if (!session.isLoggedIn()) {
      return router.createUrlTree(['/auth/login'], { queryParams: { returnUrl: state.url } });
    }
    if (roles.length === 0 || session.hasRole(...roles)) return true;
    return router.createUrlTree([homeForRole(session.role())], { queryParams: { denied: 1 } });
  };
}

/** Any signed-in user. */
export const requireLogin: CanActivateFn = (route, state) => requireRole()(route, state);
