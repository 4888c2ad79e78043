import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthSession, authInterceptor } from '@nss/web-data-access';
import { CartStore } from './cart.store';
import type { CartView } from './orders.models';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';
const cart = (quantity: number): CartView => ({
  groups: [
    {
      sellerId: 's1', sellerName: 'HTX Chè Tân Cương', provinceName: 'Thái Nguyên', subtotalVnd: 120000 * quantity,
      lines: [{ productId: 'p1', name: 'Chè', thumbnailUrl: null, unit: 'kg', netWeightGrams: 1000, quantity,
        unitPriceVnd: 120000, addedPriceVnd: 120000, lineTotalVnd: 120000 * quantity, stock: 10, flags: [] }],
    },
  ],
  itemsTotalVnd: 120000 * quantity,
  hasIssues: false,
});
const buyerTokens = {
  accessToken: 'a', refreshToken: 'r',
  user: { id: 'u1', role: 'buyer', fullName: 'Lan', phone: '0901000009', sellerId: null, provinceCode: null },
};

describe('CartStore', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('gives a guest a cart on the first add and sends its token, never a bearer token', () => {
    const store = TestBed.inject(CartStore);
    TestBed.tick();
    expect(store.count()).toBe(0);
    http.expectNone('/api/cart');

    store.add('p1', 2).subscribe();
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/carts').flush({ cartToken: TOKEN });
    const put = http.expectOne('/api/cart/items/p1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ quantity: 2 });
    expect(put.request.headers.get('X-Cart-Token')).toBe(TOKEN);
    expect(put.request.headers.has('Authorization')).toBe(false);
    put.flush(cart(2));
    expect(localStorage.getItem('nss.cartToken')).toBe(TOKEN);
    expect(store.count()).toBe(2);

    // The next add reuses the cart and adds to the line's quantity.
    store.add('p1', 1).subscribe();
    const again = http.expectOne('/api/cart/items/p1');
    expect(again.request.body).toEqual({ quantity: 3 });
    // A write that answers without the cart is followed by a read.
    again.flush(null);
    const read = http.expectOne('/api/cart');
    expect(read.request.headers.get('X-Cart-Token')).toBe(TOKEN);
    read.flush(cart(3));
    expect(store.count()).toBe(3);
  });

  it('merges the guest cart into the buyer’s once at sign-in, then forgets the token', () => {
    localStorage.setItem('nss.cartToken', TOKEN);
    const store = TestBed.inject(CartStore);
    TestBed.tick();
    http.expectOne('/api/cart').flush(cart(1));

    TestBed.inject(AuthSession).start(buyerTokens as never);
    TestBed.tick();
    const merge = http.expectOne('/api/cart/merge');
    expect(merge.request.method).toBe('POST');
    expect(merge.request.headers.get('X-Cart-Token')).toBe(TOKEN);
    expect(merge.request.headers.get('Authorization')).toBe('Bearer a');
    merge.flush(cart(4));
    const read = http.expectOne('/api/cart');
    expect(read.request.headers.has('X-Cart-Token')).toBe(false);
    read.flush(cart(4));
    expect(localStorage.getItem('nss.cartToken')).toBeNull();
    expect(store.count()).toBe(4);
  });

  it('starts over when the server no longer knows the guest cart', () => {
    localStorage.setItem('nss.cartToken', TOKEN);
    const store = TestBed.inject(CartStore);
    TestBed.tick();
    http.expectOne('/api/cart').flush({ statusCode: 404, code: 'CART_NOT_FOUND', message: 'x', messageEn: 'x' }, { status: 404, statusText: 'Not Found' });
    expect(localStorage.getItem('nss.cartToken')).toBeNull();
    expect(store.loaded()).toBe(true);
    expect(store.count()).toBe(0);
  });
});
