import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { SearchPage } from './search.page';
import { STOREFRONT_TEXTS } from './storefront.i18n';

describe('SearchPage', () => {
  it('passes the URL filters to GET /api/search and shows the cards', async () => {
    TestBed.configureTestingModule({
      imports: [SearchPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(STOREFRONT_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SearchPage);
    fixture.componentRef.setInput('q', 'che thai nguyen');
    fixture.componentRef.setInput('ocopStars', '4');
    // Not whenStable(): a pending resource keeps the fixture unstable until the request is answered.
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne('/api/categories').flush([{ id: 'che', slug: 'che', name: 'Chè', nameEn: 'Tea' }]);
    http.expectOne('/api/admin-units/provinces').flush([{ code: '19', name: 'Thái Nguyên', fullName: 'Tỉnh Thái Nguyên', era: '2025' }]);
    const req = http.expectOne((r) => r.url === '/api/search');
    expect(req.request.params.get('q')).toBe('che thai nguyen');
    expect(req.request.params.get('ocopStars')).toBe('4');
    expect(req.request.params.has('provinceCode')).toBe(false);
    req.flush({
      items: [
        { id: 'p1', name: 'Chè Thái Nguyên', priceVnd: 120000, unit: 'kg', thumbUrl: null, photoVariants: [], sellerId: 's1', sellerName: 'HTX',
          provinceName: 'Thái Nguyên', communeName: 'Tân Cương', ocopStars: 4 },
      ],
      total: 1, page: 1, pageSize: 20,
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const card = el.querySelector('[data-testid=search-result]');
    expect(card?.getAttribute('href')).toBe('/products/p1');
    expect(card?.textContent).toContain('120.000 ₫');
    expect(el.querySelector('h1')?.textContent).toContain('che thai nguyen');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const select = el.querySelector('[data-testid=filter-province]') as HTMLSelectElement;
    select.value = '19';
    select.dispatchEvent(new Event('change'));
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { page: null, provinceCode: '19' }, queryParamsHandling: 'merge' });
  });
});

describe('SearchPage paging', () => {
  it('pages with links that keep the filters (they work without JavaScript)', async () => {
    TestBed.configureTestingModule({
      imports: [SearchPage],
      providers: [provideRouter([{ path: 'search', children: [] }]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(STOREFRONT_TEXTS);
    await TestBed.inject(Router).navigateByUrl('/search?q=mat%20ong&page=2');
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SearchPage);
    fixture.componentRef.setInput('q', 'mat ong');
    fixture.componentRef.setInput('page', '2');
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne('/api/categories').flush([]);
    http.expectOne('/api/admin-units/provinces').flush([]);
    const card = { id: 'p1', name: 'Mật ong', priceVnd: 120000, unit: 'jar', thumbUrl: null, photoVariants: [], sellerId: 's1', sellerName: 'HTX',
      provinceName: 'Thái Nguyên', communeName: 'Tân Cương' };
    http.expectOne((r) => r.url === '/api/search').flush({ items: [card], total: 45, page: 2, pageSize: 20 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const next = el.querySelector('[data-testid=search-page-next]') as HTMLAnchorElement;
    const prev = el.querySelector('[data-testid=search-page-prev]') as HTMLAnchorElement;
    expect(next.tagName).toBe('A');
    expect(next.getAttribute('href')).toBe('/search?q=mat%20ong&page=3');
    expect(prev.getAttribute('href')).toBe('/search?q=mat%20ong'); // page 1 is the address without `page`
    expect(el.querySelector('[data-testid=search-page-info]')?.textContent).toBe('2/3');
  });
});
