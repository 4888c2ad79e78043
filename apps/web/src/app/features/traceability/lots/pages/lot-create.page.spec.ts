import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import type { Product } from '../../../seller/data/seller.models';
import { LOTS_TEXTS } from '../i18n/lots.texts';
import type { Lot } from '../data/lots.models';
import { LotCreatePage, splitStandards } from './lot-create.page';

const SELLER = 's'.repeat(24);
const PRODUCT = 'p'.repeat(24);
const PHOTO = 'f'.repeat(24);

function aProductView(): Product {
  return {
    id: PRODUCT, name: 'Chè Tân Cương đặc biệt', unit: 'package', provinceCode: '19', communeCode: '05503',
    photos: [{ id: PHOTO, url: '/api/media/x', thumbUrl: '/api/media/x-320', displayUrl: '/api/media/x-1024', variants: [], status: 'ready', approved: true }],
  } as unknown as Product;
}

describe('splitStandards', () => {
  it('reads a comma-separated list', () => {
    expect(splitStandards(' VietGAP, OCOP ,, hữu cơ TCVN 11041 ')).toEqual(['VietGAP', 'OCOP', 'hữu cơ TCVN 11041']);
    expect(splitStandards('  ')).toEqual([]);
  });
});

describe('LotCreatePage', () => {
  it('records a lot of a household’s product for an agent, with the commune, unit and photo the product suggests', async () => {
    TestBed.configureTestingModule({ imports: [LotCreatePage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(LOTS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(LotCreatePage);
    fixture.componentRef.setInput('sellerId', SELLER);
    fixture.detectChanges();
    const products = http.expectOne((r) => r.url === '/api/seller/products');
    expect(products.request.params.get('sellerId')).toBe(SELLER);
    products.flush({ items: [aProductView()], total: 1, page: 1, pageSize: 100 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const set = (testid: string, value: string) => {
      const field = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement | HTMLSelectElement;
      field.value = value;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
    };

    // Required fields first: nothing is sent, each missing field says so.
    (el.querySelector('[data-testid=lot-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=field-error-code]')?.textContent).toContain('Bắt buộc');
    expect(el.querySelector('[data-testid=field-error-productId]')?.textContent).toContain('Bắt buộc');
    http.expectNone('/api/lots');

    set('lot-product', PRODUCT);
    http.expectOne('/api/admin-units/provinces/19/communes').flush([
      { code: '05503', name: 'Xã Tân Cương', provinceCode: '19' },
      { code: '05443', name: 'Phường Phan Đình Phùng', provinceCode: '19' },
    ]);
    await fixture.whenStable();
    expect((el.querySelector('[data-testid=lot-commune]') as HTMLSelectElement).value).toBe('05503');
    expect((el.querySelector('[data-testid=lot-unit]') as HTMLSelectElement).value).toBe('pack');
    set('lot-code', ' TC-2026-01 ');
    set('lot-quantity', '120.5');
    set('lot-unit', 'kg');
    set('lot-expires-on', '2027-03-15');
    set('lot-standards', 'VietGAP, OCOP');
    (el.querySelector(`[data-testid=lot-photo-${PHOTO}]`) as HTMLInputElement).click();
    (el.querySelector('[data-testid=lot-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();

    const create = http.expectOne('/api/lots');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({
      sellerId: SELLER,
      productId: PRODUCT,
      code: 'TC-2026-01',
      producedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      expiresOn: '2027-03-15',
      quantity: 120.5,
      unit: 'kg',
      communeCode: '05503',
      standards: ['VietGAP', 'OCOP'],
      photoIds: [PHOTO],
    });
    // The API's answer for a taken code sits next to the code field.
    create.flush(
      { statusCode: 409, code: 'LOT_CODE_TAKEN', message: 'Mã lô này đã được dùng', messageEn: 'Code taken' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=error-box]')?.getAttribute('data-code')).toBe('LOT_CODE_TAKEN');
    set('lot-code', 'TC-2026-02');
    (el.querySelector('[data-testid=lot-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const again = http.expectOne('/api/lots');
    again.flush({ id: 'a'.repeat(24) } as Lot, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['..', 'a'.repeat(24)], expect.objectContaining({ queryParams: { sellerId: SELLER } }));
    http.verify();
  });

  it('shows a field error the API names', async () => {
    TestBed.configureTestingModule({ imports: [LotCreatePage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(LOTS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LotCreatePage);
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/seller/products').flush({ items: [aProductView()], total: 1, page: 1, pageSize: 100 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const product = el.querySelector('[data-testid=lot-product]') as HTMLSelectElement;
    product.value = PRODUCT;
    product.dispatchEvent(new Event('change'));
    http.expectOne('/api/admin-units/provinces/19/communes').flush([{ code: '05503', name: 'Xã Tân Cương', provinceCode: '19' }]);
    await fixture.whenStable();
    for (const [testid, value] of [['lot-code', 'A1'], ['lot-quantity', '5']]) {
      const input = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    (el.querySelector('[data-testid=lot-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const create = http.expectOne('/api/lots');
    expect(create.request.body.sellerId).toBeUndefined();
    create.flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input',
        issues: [{ path: 'communeCode', message: 'Xã/phường không thuộc tỉnh của người bán / the commune is not in the seller’s province' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=field-error-communeCode]')?.textContent).toContain('Xã/phường không thuộc tỉnh của người bán');
    expect(el.querySelector('[data-testid=lot-commune]')?.getAttribute('aria-invalid')).toBe('true');
  });
});
