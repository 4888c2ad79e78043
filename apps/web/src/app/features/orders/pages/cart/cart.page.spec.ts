import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../../i18n/orders.texts';
import type { CartView } from '../../data/orders.models';
import { CartPage } from './cart.page';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';
const flagged: CartView = {
  groups: [
    { sellerId: 's1', sellerName: 'HTX Chè Tân Cương', provinceName: 'Thái Nguyên', subtotalVnd: 400000, lines: [
      { productId: 'p1', name: 'Chè', thumbnailUrl: null, unit: 'kg', netWeightGrams: 1000, quantity: 2, unitPriceVnd: 200000,
        addedPriceVnd: 180000, lineTotalVnd: 400000, stock: 10, flags: ['price_changed'] }] },
    { sellerId: 's2', sellerName: 'Hộ bà Hoa', provinceName: 'Thái Nguyên', subtotalVnd: 90000, lines: [
      { productId: 'p2', name: 'Gạo', thumbnailUrl: null, unit: 'bag', netWeightGrams: 5000, quantity: 3, unitPriceVnd: 30000,
        addedPriceVnd: 30000, lineTotalVnd: 90000, stock: 1, flags: ['insufficient_stock'] }] },
  ],
  itemsTotalVnd: 490000,
  hasIssues: true,
};

describe('CartPage', () => {
  it('groups lines by seller, shows the flags, accepts new prices and changes quantities', async () => {
    localStorage.clear();
    localStorage.setItem('nss.cartToken', TOKEN);
    TestBed.configureTestingModule({ imports: [CartPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CartPage);
    fixture.detectChanges();
    TestBed.tick();
    for (const req of http.match('/api/cart')) req.flush(flagged);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('[data-testid=cart-group]').length).toBe(2);
    expect(el.querySelector('[data-testid=flag-price_changed]')?.textContent).toContain('Giá đã thay đổi');
    expect(el.querySelector('[data-testid=flag-insufficient_stock]')?.textContent).toContain('Chỉ còn 1');
    expect(el.querySelector('[data-testid=cart-total]')?.textContent).toContain('490.000 ₫');
    const checkout = el.querySelector('[data-testid=cart-checkout]') as HTMLButtonElement;
    expect(checkout.disabled).toBe(true);

    (el.querySelector('[data-testid=cart-accept-changes]') as HTMLButtonElement).click();
    const accept = http.expectOne('/api/cart/accept-changes');
    expect(accept.request.headers.get('X-Cart-Token')).toBe(TOKEN);
    const fixedPrice: CartView = { ...flagged, groups: [{ ...flagged.groups[0], lines: [{ ...flagged.groups[0].lines[0], flags: [], addedPriceVnd: 200000 }] }] };
    accept.flush({ ...fixedPrice, itemsTotalVnd: 400000, hasIssues: false });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=cart-issues]')).toBeNull();

    (el.querySelector('[data-testid=qty-minus]') as HTMLButtonElement).click();
    const put = http.expectOne('/api/cart/items/p1');
    expect(put.request.body).toEqual({ quantity: 1 });
    put.flush({ ...fixedPrice, hasIssues: false });
    await fixture.whenStable();

    // A guest goes through sign-in to check out, and comes back.
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (el.querySelector('[data-testid=cart-checkout]') as HTMLButtonElement).click();
    expect(navigate).toHaveBeenCalledWith(['/auth/login'], { queryParams: { returnUrl: '/thanh-toan' } });
  });
});
