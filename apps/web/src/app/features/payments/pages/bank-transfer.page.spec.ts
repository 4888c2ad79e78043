import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { PAYMENTS_TEXTS } from '../i18n/payments.texts';
import { PAYMENT_POLL_MS } from '../data/poll-interval';
import type { PaymentIntent } from '../data/payments.models';
import { BankTransferPage } from './bank-transfer.page';

const CHECKOUT = 'c'.repeat(24);
const PAYLOAD = '00020101021238570010A000000727012700069704360113001234567890208QRIBFTTA53037045406360000';
const intent = (status: PaymentIntent['status'], withQr = true): PaymentIntent => ({
  id: 'p'.repeat(24), checkoutId: CHECKOUT, checkoutCode: 'TTK7M2P9QX4A', status, method: 'bank_transfer', amountVnd: 360000,
  nextAction: withQr
    ? { type: 'vietqr', payload: PAYLOAD, bankBin: '970436', accountNumber: '0011234567890', accountName: 'CONG TY NONG SAN SO',
        amountVnd: 360000, purpose: 'TTK7M2P9QX4A' }
    : null,
  reason: null, createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z',
});

describe('BankTransferPage', () => {
  it('shows the VietQR code with amount, bank, account and purpose, and follows the status until paid', async () => {
    TestBed.configureTestingModule({
      imports: [BankTransferPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: PAYMENT_POLL_MS, useValue: 20 }],
    });
    TestBed.inject(I18n).register(PAYMENTS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BankTransferPage);
    fixture.componentRef.setInput('checkoutId', CHECKOUT);
    fixture.detectChanges();
    const create = http.expectOne('/api/payments');
    expect(create.request.body).toEqual({ checkoutId: CHECKOUT });
    expect(create.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    create.flush(intent('requires_action'));
    await new Promise((r) => setTimeout(r, 30));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=transfer-amount]')?.textContent).toContain('360.000 ₫');
    expect(el.querySelector('[data-testid=transfer-bank]')?.textContent).toContain('Vietcombank');
    expect(el.querySelector('[data-testid=transfer-account]')?.textContent).toContain('0011234567890');
    expect(el.querySelector('[data-testid=transfer-purpose]')?.textContent).toContain('TTK7M2P9QX4A');
    const img = el.querySelector('[data-testid=vietqr-image]') as HTMLImageElement;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(img.getAttribute('alt')).toContain('TTK7M2P9QX4A');
    expect(el.querySelector('[data-testid=payment-status]')?.getAttribute('data-status')).toBe('requires_action');

    http.expectOne(`/api/payments/${'p'.repeat(24)}`).flush(intent('requires_action', false));
    await new Promise((r) => setTimeout(r, 30));
    http.expectOne(`/api/payments/${'p'.repeat(24)}`).flush(intent('succeeded', false));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=payment-status]')?.getAttribute('data-status')).toBe('succeeded');
    expect(el.querySelector('[data-testid=transfer-done]')?.textContent).toContain('TTK7M2P9QX4A');
    expect(el.querySelector('[data-testid=vietqr-image]')).toBeNull();
    // Settled: no more reads.
    await new Promise((r) => setTimeout(r, 60));
    http.expectNone(`/api/payments/${'p'.repeat(24)}`);
    fixture.destroy();
  });
});
