import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { PAYMENTS_TEXTS } from '../i18n/payments.texts';
import { PAYMENT_POLL_MS } from '../data/poll-interval';
import type { PaymentIntent } from '../data/payments.models';
import { PaymentResultPage } from './payment-result.page';

const PAYMENT = 'p'.repeat(24);
const intent = (status: PaymentIntent['status']): PaymentIntent => ({
  id: PAYMENT, checkoutId: 'c'.repeat(24), checkoutCode: 'TTK7M2P9QX4A', status, method: 'vnpay', amountVnd: 360000,
  nextAction: null, reason: null, createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z',
});

describe('PaymentResultPage', () => {
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [PaymentResultPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: PAYMENT_POLL_MS, useValue: 20 }],
    });
    TestBed.inject(I18n).register(PAYMENTS_TEXTS);
  });

  it('trusts the API, not the query: waits for the IPN to settle the payment, then shows it', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PaymentResultPage);
    fixture.componentRef.setInput('checkout', 'c'.repeat(24));
    fixture.componentRef.setInput('payment', PAYMENT);
    fixture.componentRef.setInput('status', 'succeeded');
    fixture.detectChanges();
    await new Promise((r) => setTimeout(r, 5));
    http.expectOne(`/api/payments/${PAYMENT}`).flush(intent('requires_action'));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=payment-result]')?.getAttribute('data-status')).toBe('requires_action');
    await new Promise((r) => setTimeout(r, 1100));
    http.expectOne(`/api/payments/${PAYMENT}`).flush(intent('canceled'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=payment-result]')?.getAttribute('data-status')).toBe('canceled');
    expect(el.querySelector('[data-testid=payment-result-text]')?.textContent).toContain('không thành công');
    fixture.destroy();
  });

  it('falls back to the gateway’s word when it does not know the payment', async () => {
    const fixture = TestBed.createComponent(PaymentResultPage);
    fixture.componentRef.setInput('status', 'invalid');
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=payment-result]')?.getAttribute('data-status')).toBe('unknown');
    expect(el.textContent).toContain('Giao dịch chưa thành công');
  });
});
