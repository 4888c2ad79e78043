import type { Dictionary } from '@nss/web-data-access';

export const DEV_TEXTS: Dictionary = {
  vi: { 'dev.outbox.title': 'Hộp thư thử nghiệm' },
  en: { 'dev.outbox.title': 'Dev outbox' },
};
