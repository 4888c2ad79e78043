import type { Dictionary } from '@nss/web-data-access';

export const STAFF_TEXTS: Dictionary = {
  vi: { 'staff.home.title': 'Cán bộ Sở' },
  en: { 'staff.home.title': 'Province staff' },
};
