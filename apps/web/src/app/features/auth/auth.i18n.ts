import type { Dictionary } from '@nss/web-data-access';

export const AUTH_TEXTS: Dictionary = {
  vi: { 'auth.login.title': 'Đăng nhập' },
  en: { 'auth.login.title': 'Log in' },
};
