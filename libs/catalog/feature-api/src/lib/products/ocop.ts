import type { Ocop, OcopInput, OcopState } from '@nss/contracts';
import { addMonthsUtc, vnDayKey } from '@nss/util-vn';

/** An OCOP certificate is valid for 36 months from its decision date. */
export const OCOP_VALIDITY_MONTHS = 36;
/** A certificate within this many days of lapsing is shown as "expiring" so the seller can renew in time. */
export const OCOP_EXPIRING_DAYS = 90;

export interface StoredOcop extends OcopInput {
  /** Calendar date "YYYY-MM-DD" on which the certificate lapses. */
  expiresAt: string;
}

export function ocopExpiry(decisionDate: string): string {
  const start = new Date(`${decisionDate}T00:00:00.000Z`);
  return addMonthsUtc(start, OCOP_VALIDITY_MONTHS).toISOString().slice(0, 10);
}

export function toStoredOcop(input: OcopInput): StoredOcop {
  return { ...input, expiresAt: ocopExpiry(input.decisionDate) };
}

const DAY_MS = 86_400_000;

/** The state on the Vietnam calendar day of `now`: computed at read time, never stored. */
export function ocopState(expiresAt: string, now: Date = new Date()): OcopState {
  const today = vnDayKey(now);
  if (today >= expiresAt) return 'expired';
  const daysLeft = (Date.parse(`${expiresAt}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS;
  return daysLeft <= OCOP_EXPIRING_DAYS ? 'expiring' : 'valid';
}

export function ocopView(stored: StoredOcop, now: Date = new Date()): Ocop {
  return {
    productGroup: stored.productGroup,
    stars: stored.stars,
    decisionNumber: stored.decisionNumber,
    decisionDate: stored.decisionDate,
    issuer: stored.issuer,
    ...(stored.issuerName ? { issuerName: stored.issuerName } : {}),
    expiresAt: stored.expiresAt,
    state: ocopState(stored.expiresAt, now),
  };
}
