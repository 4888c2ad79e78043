import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { PAYMENTS_TEXTS } from '../i18n/payments.texts';
import type { PaymentReview } from '../data/payments.models';
import { StaffPaymentsPage } from './staff-payments.page';

const REVIEW: PaymentReview = {
  id: 'r'.repeat(24), intentId: 'p'.repeat(24), checkoutId: 'c'.repeat(24), checkoutCode: 'TTK7M2P9QX4A', amountVnd: 360000,
  reason: 'vnpay_07', provinceCodes: ['19'],
  vnpay: { txnRef: 'T1', transactionNo: '14226112', responseCode: '07', transactionStatus: '07', bankCode: 'NCB' },
  status: 'open', decision: null, outcome: null, note: null, createdAt: '2026-12-01T01:00:00.000Z', resolvedAt: null,
};

describe('StaffPaymentsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [StaffPaymentsPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(PAYMENTS_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  it('resolves a suspicious VNPay payment with a note and reads the queue again', async () => {
    const fixture = TestBed.createComponent(StaffPaymentsPage);
    fixture.detectChanges();
    TestBed.tick();
    const list = http.expectOne((r) => r.url === '/api/payments/reviews');
    expect(list.request.params.get('status')).toBe('open');
    list.flush({ items: [REVIEW], total: 1, page: 1, pageSize: 20 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=payment-review]')?.textContent).toContain('VNPay báo giao dịch nghi ngờ (mã 07)');
    const note = el.querySelector('[data-testid=review-note]') as HTMLInputElement;
    note.value = 'Ngân hàng NCB xác nhận giao dịch';
    note.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=review-accept]') as HTMLButtonElement).click();
    const resolve = http.expectOne(`/api/payments/reviews/${REVIEW.id}/resolve`);
    expect(resolve.request.body).toEqual({ decision: 'accept', note: 'Ngân hàng NCB xác nhận giao dịch' });
    resolve.flush({ ...REVIEW, status: 'resolved', decision: 'accept' });
    TestBed.tick();
    http.expectOne((r) => r.url === '/api/payments/reviews').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=pay-staff-done]')?.textContent).toContain('TTK7M2P9QX4A');
  });

  it('opens the refund form for the order it was sent from and records a bank-transfer refund', async () => {
    const fixture = TestBed.createComponent(StaffPaymentsPage);
    fixture.componentRef.setInput('refundOrder', 'o'.repeat(24));
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectNone('/api/payments/reviews');
    const el = fixture.nativeElement as HTMLElement;
    expect((el.querySelector('[data-testid=refund-order]') as HTMLInputElement).value).toBe('o'.repeat(24));
    const set = (id: string, v: string) => {
      const input = el.querySelector(`[data-testid=${id}]`) as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event('input'));
    };
    set('refund-amount', '120.000');
    set('refund-reason', 'Hàng hỏng khi giao');
    set('refund-bank-ref', 'FT26335123456');
    (el.querySelector('[data-testid=refund-submit]') as HTMLButtonElement).click();
    const refund = http.expectOne('/api/payments/refunds');
    expect(refund.request.body).toEqual({ orderId: 'o'.repeat(24), amountVnd: 120000, reason: 'Hàng hỏng khi giao', bankReference: 'FT26335123456' });
    refund.flush({});
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=pay-staff-done]')?.textContent).toContain('Đã ghi nhận hoàn tiền');
  });
});
