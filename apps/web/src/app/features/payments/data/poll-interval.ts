import { InjectionToken } from '@angular/core';

/** How often a waiting page reads a payment's status again (a few seconds: the bank feed is fast, phones are not). */
export const POLL_INTERVAL_MS = 4000;
export const PAYMENT_POLL_MS = new InjectionToken<number>('PAYMENT_POLL_MS', { factory: () => POLL_INTERVAL_MS });
