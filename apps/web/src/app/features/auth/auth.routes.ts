import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { AUTH_TEXTS } from './auth.i18n';
import { LoginPage } from './login.page';

export const AUTH_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(AUTH_TEXTS)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'login' },
      { path: 'login', title: 'auth.login.title', component: LoginPage },
      {
        path: 'register',
        title: 'auth.register.title',
        loadComponent: () => import('./register.page').then((m) => m.RegisterPage),
      },
      {
        path: 'totp',
        title: 'auth.totp.title',
        canActivate: [requireRole('province_staff', 'admin')],
        loadComponent: () => import('./totp.page').then((m) => m.TotpPage),
      },
      {
        path: 'reset',
        title: 'auth.reset.title',
        loadComponent: () => import('./reset-password.page').then((m) => m.ResetPasswordPage),
      },
    ],
  },
];
