import { Observable, delay, of, throwError } from 'rxjs';
import type { PaymentIntent, PaymentIntentStatus } from './payments.models';
import { pollPayment, rememberPayment, rememberedPayment } from './payment-status';

const intent = (status: PaymentIntentStatus): PaymentIntent => ({
  id: 'p1', checkoutId: 'c1', checkoutCode: 'TTABC', status, method: 'bank_transfer', amountVnd: 100000,
  nextAction: null, reason: null, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('pollPayment', () => {
  it('reads until the payment settles, skipping failed reads, and stops', () => {
    jest.useFakeTimers();
    const answers: Observable<PaymentIntent>[] = [
      of(intent('requires_action')),
      throwError(() => new Error('offline')),
      of(intent('requires_action')),
      of(intent('succeeded')),
      of(intent('succeeded')),
    ];
    let reads = 0;
    const seen: string[] = [];
    let completed = false;
    pollPayment(() => answers[reads++], 1000).subscribe({ next: (p) => seen.push(p.status), complete: () => (completed = true) });
    jest.advanceTimersByTime(10_000);
    expect(seen).toEqual(['requires_action', 'requires_action', 'succeeded']);
    expect(reads).toBe(4);
    expect(completed).toBe(true);
    jest.useRealTimers();
  });

  it('waits for a slow answer instead of cancelling it at the next tick', () => {
    jest.useFakeTimers();
    let reads = 0;
    const seen: string[] = [];
    pollPayment(() => (reads++, of(intent(reads === 1 ? 'requires_action' : 'succeeded')).pipe(delay(2500))), 1000).subscribe((p) =>
      seen.push(p.status),
    );
    jest.advanceTimersByTime(2600);
    expect(reads).toBe(1);
    expect(seen).toEqual(['requires_action']);
    jest.advanceTimersByTime(4000);
    expect(seen).toEqual(['requires_action', 'succeeded']);
    jest.useRealTimers();
  });

  it('gives up after the most polls allowed', () => {
    jest.useFakeTimers();
    let reads = 0;
    let completed = false;
    pollPayment(() => (reads++, of(intent('requires_action'))), 100, 3).subscribe({ complete: () => (completed = true) });
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(3);
    expect(completed).toBe(true);
    jest.useRealTimers();
  });

  it('remembers the payment of a checkout for the return from the gateway', () => {
    rememberPayment('c9', 'p9');
    expect(rememberedPayment('c9')).toBe('p9');
    expect(rememberedPayment('other')).toBeNull();
  });
});
