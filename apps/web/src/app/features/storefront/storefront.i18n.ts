import type { Dictionary } from '@nss/web-data-access';

export const STOREFRONT_TEXTS: Dictionary = {
  vi: { 'storefront.home.title': 'Nông sản OCOP' },
  en: { 'storefront.home.title': 'OCOP produce' },
};
