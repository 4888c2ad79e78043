import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthSession, I18n } from '@nss/web-data-access';
import { STOREFRONT_TEXTS } from '../../storefront/storefront.i18n';
import { AddToCartComponent } from './add-to-cart.component';
import { ProductReviewsComponent } from './product-reviews.component';

const PRODUCT = 'a'.repeat(24);

@Component({
  imports: [AddToCartComponent, ProductReviewsComponent],
  template: `<nss-add-to-cart [productId]="id" [stock]="5" /><nss-product-reviews [productId]="id" />`,
})
class ProductHost {
  id = PRODUCT;
}

describe('product page: add to cart and reviews', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(STOREFRONT_TEXTS);
  });

  it('shows the average rating, the count and the approved reviews', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProductHost);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne((r) => r.url === `/api/products/${PRODUCT}/reviews`).flush({
      productId: PRODUCT, averageStars: 4.5, count: 2, page: 1, pageSize: 10,
      items: [
        { id: 'r1'.padEnd(24, '0'), stars: 5, text: 'Chè thơm, nước xanh.', reviewerName: 'Lan N.', createdAt: '2026-12-01T01:00:00.000Z' },
        { id: 'r2'.padEnd(24, '0'), stars: 4, text: 'Ngon, giao hơi chậm.', reviewerName: 'Minh T.', createdAt: '2026-11-30T01:00:00.000Z' },
      ],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=reviews-summary]')?.textContent).toContain('4,5');
    expect(el.querySelector('[data-testid=reviews-summary]')?.textContent).toContain('2 đánh giá');
    expect(el.querySelectorAll('[data-testid=review-item]').length).toBe(2);
    expect(el.querySelector('[data-testid=review-item]')?.textContent).toContain('Lan N.');
    expect(el.querySelector('[data-testid=add-to-cart]')).not.toBeNull();
  });

  it('offers no cart to people who do not buy (a seller)', async () => {
    TestBed.inject(AuthSession).start({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', role: 'seller', fullName: 'HTX' } } as never);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProductHost);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne((r) => r.url === `/api/products/${PRODUCT}/reviews`).flush({ productId: PRODUCT, averageStars: null, count: 0, items: [], page: 1, pageSize: 10 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=add-to-cart]')).toBeNull();
    expect(el.querySelector('[data-testid=reviews-none]')).not.toBeNull();
  });
});
