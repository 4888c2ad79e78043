import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthSession, I18n, authInterceptor } from '@nss/web-data-access';
import { BrowserLocation } from '../../../payments/data/payments.api';
import { ORDERS_TEXTS } from '../../i18n/orders.texts';
import { MAX_SELLER_NOTE as API_MAX_SELLER_NOTE } from '@nss/contracts';
import { MAX_SELLER_NOTE, type CartView, type CheckoutResult } from '../../data/orders.models';
import { CheckoutPage } from './checkout.page';

const ADDRESS = { id: 'a'.repeat(24), recipientName: 'Lan', phone: '0912345678', street: '12 Hoàng Văn Thụ',
  provinceCode: '19', provinceName: 'Thái Nguyên', communeCode: '05500', communeName: 'Phan Đình Phùng', adminEra: '2025', isDefault: true };
const CART: CartView = {
  groups: [
    { sellerId: 's1', sellerName: 'HTX Chè Tân Cương', provinceName: 'Thái Nguyên', subtotalVnd: 240000, lines: [
      { productId: 'p1', name: 'Chè', thumbnailUrl: null, unit: 'kg', netWeightGrams: 1000, quantity: 2, unitPriceVnd: 120000,
        addedPriceVnd: 120000, lineTotalVnd: 240000, stock: 10, flags: [] }] },
    { sellerId: 's2', sellerName: 'Hộ bà Hoa', provinceName: 'Thái Nguyên', subtotalVnd: 90000, lines: [
      { productId: 'p2', name: 'Gạo', thumbnailUrl: null, unit: 'bag', netWeightGrams: 5000, quantity: 1, unitPriceVnd: 90000,
        addedPriceVnd: 90000, lineTotalVnd: 90000, stock: 3, flags: [] }] },
  ],
  itemsTotalVnd: 330000,
  hasIssues: false,
};
const order = (id: string, sellerName: string, totalVnd: number, shippingFeeVnd: number) => ({
  id, code: `DH${id.toUpperCase()}`, sellerId: id, sellerName, state: 'awaiting_payment' as const, paymentMethod: 'vnpay' as const,
  paymentStatus: 'unpaid' as const, itemsTotalVnd: totalVnd - shippingFeeVnd, shippingFeeVnd, totalVnd, itemCount: 1,
  createdAt: '2026-12-01T01:00:00.000Z',
});
const RESULT: CheckoutResult = {
  checkoutId: 'c'.repeat(24), code: 'TTK7M2P9QX4A', paymentMethod: 'vnpay', totalVnd: 360000, expiresAt: '2026-12-01T01:15:00.000Z',
  orders: [order('o1', 'HTX Chè Tân Cương', 240000, 0), order('o2', 'Hộ bà Hoa', 120000, 30000)],
};
const error = (status: number, code: string) => ({ statusCode: status, code, message: `lỗi ${code}`, messageEn: code });

describe('CheckoutPage', () => {
  let http: HttpTestingController;
  const assign = jest.fn();

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    assign.mockReset();
    TestBed.configureTestingModule({
      imports: [CheckoutPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: BrowserLocation, useValue: { assign } },
      ],
    });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    TestBed.inject(AuthSession).start({
      accessToken: 'a', refreshToken: 'r',
      user: { id: 'u1', role: 'buyer', fullName: 'Lan', phone: '0901000009' },
    } as never);
    http = TestBed.inject(HttpTestingController);
  });

  async function open() {
    const fixture = TestBed.createComponent(CheckoutPage);
    fixture.detectChanges();
    TestBed.tick();
    for (const req of http.match('/api/cart')) req.flush(CART);
    http.expectOne('/api/me/addresses').flush({ items: [ADDRESS] });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const click = async (testid: string) => {
      (el.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      await fixture.whenStable();
    };
    return { fixture, el, click };
  }

  it('places the order with the saved address and one Idempotency-Key per attempt, reused only on retry', async () => {
    const { fixture, el, click } = await open();
    expect(el.querySelectorAll('[data-testid=saved-address]').length).toBe(1);
    await click('method-cod');
    await click('place-order');
    const first = http.expectOne('/api/checkout');
    expect(first.request.body).toEqual({ addressId: ADDRESS.id, paymentMethod: 'cod' });
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    first.error(new ProgressEvent('error'));
    await fixture.whenStable();
    await click('place-order');
    const retry = http.expectOne('/api/checkout');
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush(error(409, 'CART_CHANGED'), { status: 409, statusText: 'Conflict' });
    for (const req of http.match('/api/cart')) req.flush(CART);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=error-box]')?.getAttribute('data-code')).toBe('CART_CHANGED');
    expect(el.querySelector('[data-testid=back-to-cart]')).not.toBeNull();
    await click('place-order');
    expect(el.querySelector('[data-testid=error-box]')).toBeNull();
    const fresh = http.expectOne('/api/checkout');
    expect(fresh.request.headers.get('Idempotency-Key')).not.toBe(key);
    fresh.flush({ ...RESULT, paymentMethod: 'cod', expiresAt: null });
    const cod = http.expectOne('/api/payments');
    expect(cod.request.body).toEqual({ checkoutId: RESULT.checkoutId });
    cod.flush({ id: 'p'.repeat(24), checkoutId: RESULT.checkoutId, checkoutCode: RESULT.code, status: 'processing', method: 'cod',
      amountVnd: 360000, nextAction: null, reason: null, createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z' });
    for (const req of http.match('/api/cart')) req.flush({ groups: [], itemsTotalVnd: 0, hasIssues: false });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=cod-confirmed]')).not.toBeNull();
    expect(el.querySelectorAll('[data-testid=checkout-order]').length).toBe(2);
    expect(el.querySelector('[data-testid=checkout-total]')?.textContent).toContain('360.000 ₫');
  });

  it('sends one optional note per seller group (blank ones left out) and shows the API’s complaint under that note', async () => {
    expect(MAX_SELLER_NOTE).toBe(API_MAX_SELLER_NOTE);
    const { fixture, el, click } = await open();
    const notes = Array.from(el.querySelectorAll('[data-testid=seller-note]')) as HTMLTextAreaElement[];
    expect(notes.map((n) => n.getAttribute('maxlength'))).toEqual(['500', '500']);
    expect(Array.from(el.querySelectorAll('[data-testid=seller-group] label')).map((l) => l.textContent?.trim())).toEqual([
      'Ghi chú cho HTX Chè Tân Cương (không bắt buộc)',
      'Ghi chú cho Hộ bà Hoa (không bắt buộc)',
    ]);
    notes[0]!.value = '  Gọi trước khi giao ';
    notes[0]!.dispatchEvent(new Event('input'));
    notes[1]!.value = '   ';
    notes[1]!.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=seller-group] .hint')?.textContent?.trim()).toBe('21/500 ký tự. Chỉ người bán này thấy ghi chú.');
    await click('method-cod');
    await click('place-order');
    const req = http.expectOne('/api/checkout');
    expect(req.request.body).toEqual({ addressId: ADDRESS.id, paymentMethod: 'cod', notes: { s1: 'Gọi trước khi giao' } });
    req.flush({ ...error(400, 'VALIDATION_FAILED'), issues: [{ path: 'notes.s1', message: 'Ghi chú tối đa 500 ký tự / a note has at most 500 characters' }] },
      { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="field-error-notes.s1"]')?.textContent).toContain('Ghi chú tối đa 500 ký tự');
    // Shown under the note, not again in the box above the form.
    expect(el.querySelector('[data-testid=error-box]')?.textContent ?? '').not.toContain('Ghi chú tối đa');
  });

  it('preselects the default saved address and links to the address book', async () => {
    const { el } = await open();
    expect((el.querySelector('[data-testid=saved-address]') as HTMLInputElement).checked).toBe(true);
    expect(el.querySelector('[data-testid=address-choice]')?.textContent).toContain('(Mặc định)');
    expect(el.querySelector('[data-testid=manage-addresses]')?.getAttribute('href')).toBe('/tai-khoan/dia-chi');
  });

  it('shows the API’s per-seller shipping, then pays through VNPay by leaving for the redirect URL', async () => {
    const { fixture, el, click } = await open();
    await click('place-order');
    http.expectOne('/api/checkout').flush(RESULT);
    for (const req of http.match('/api/cart')) req.flush({ groups: [], itemsTotalVnd: 0, hasIssues: false });
    await fixture.whenStable();
    const shipping = Array.from(el.querySelectorAll('[data-testid=order-shipping]')).map((e) => e.textContent?.trim());
    expect(shipping).toEqual(['Miễn phí', '30.000 ₫']);
    await click('pay-vnpay');
    const pay = http.expectOne('/api/payments');
    expect(pay.request.body).toEqual({ checkoutId: RESULT.checkoutId, locale: 'vn' });
    expect(pay.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    pay.flush({ id: 'p'.repeat(24), checkoutId: RESULT.checkoutId, checkoutCode: RESULT.code, status: 'requires_action',
      method: 'vnpay', amountVnd: 360000, nextAction: { type: 'redirect', url: 'http://127.0.0.1:7551/paymentv2/vpcpay.html?x=1' },
      reason: null, createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z' });
    expect(assign).toHaveBeenCalledWith('http://127.0.0.1:7551/paymentv2/vpcpay.html?x=1');
    expect(sessionStorage.getItem(`nss.payment.${RESULT.checkoutId}`)).toBe('p'.repeat(24));
  });

  it('sends a bank-transfer buyer to the VietQR page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { click } = await open();
    await click('method-bank_transfer');
    await click('place-order');
    http.expectOne('/api/checkout').flush({ ...RESULT, paymentMethod: 'bank_transfer' });
    expect(navigate).toHaveBeenCalledWith(['/thanh-toan/chuyen-khoan', RESULT.checkoutId]);
  });
});
