import type { Lang } from '@nss/web-data-access';

/** "120,5 kg" (vi) / "120.5 kg" (en): a lot's quantity with its unit's label. */
export function formatAmount(quantity: number, unitLabel: string, lang: Lang): string {
  return `${quantity.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 3 })} ${unitLabel}`;
}
