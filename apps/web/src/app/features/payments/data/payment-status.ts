import { EMPTY, Observable, catchError, exhaustMap, takeWhile, timer } from 'rxjs';
import type { PaymentIntent, PaymentIntentStatus } from './payments.models';

/** Statuses after which nothing more will happen without a person (the buyer paying again, or staff). */
const SETTLED: readonly PaymentIntentStatus[] = ['succeeded', 'canceled', 'requires_review'];

export function isSettled(status: PaymentIntentStatus): boolean {
  return SETTLED.includes(status);
}

/**
 * Reads a payment every `intervalMs` until it settles (the last answer included), at most `maxPolls` times.
 * A failed read is skipped (the next tick tries again): a phone losing the network for a moment must not end it.
 */
export function pollPayment(
  read: () => Observable<PaymentIntent>,
  intervalMs: number,
  maxPolls = 400,
): Observable<PaymentIntent> {
  let polls = 0;
  return timer(0, intervalMs).pipe(
    takeWhile(() => polls++ < maxPolls),
    // exhaustMap: a slow answer (3G) is waited for, not cancelled by the next tick.
    exhaustMap(() => read().pipe(catchError(() => EMPTY))),
    takeWhile((intent) => !isSettled(intent.status), true),
  );
}

const STORAGE_PREFIX = 'nss.payment.';

/**
 * The payment started for a checkout in this tab, so the VNPay return page can read its real status
 * (`GET /api/payments/:id`) after the round trip through the gateway.
 */
export function rememberPayment(checkoutId: string, paymentId: string): void {
  try {
    sessionStorage.setItem(STORAGE_PREFIX + checkoutId, paymentId);
  } catch {
    // Storage unavailable: the result page falls back to the gateway's answer.
  }
}

export function rememberedPayment(checkoutId: string): string | null {
  try {
    return sessionStorage.getItem(STORAGE_PREFIX + checkoutId);
  } catch {
    return null;
  }
}
