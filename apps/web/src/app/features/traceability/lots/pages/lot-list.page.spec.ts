import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { LOTS_TEXTS } from '../i18n/lots.texts';
import type { Lot, LotPage } from '../data/lots.models';
import { LotListPage } from './lot-list.page';

const SELLER = 's'.repeat(24);
function aLotView(overrides: Partial<Lot> = {}): Lot {
  return {
    id: 'a'.repeat(24), code: 'TC-2026-01', productId: 'p'.repeat(24), productName: 'Chè Tân Cương đặc biệt', sellerId: SELLER,
    sellerName: 'HTX Chè Tân Cương', provinceCode: '19', communeCode: '05503', communeName: 'Xã Tân Cương', adminEra: '2025',
    producedOn: '2026-03-15', expiresOn: '2027-03-15', shelfLifeDays: null, quantity: 120.5, unit: 'kg', standards: ['VietGAP'],
    photoIds: [], note: null, status: 'open', createdAt: '2026-03-15T02:00:00.000Z', updatedAt: '2026-03-15T02:00:00.000Z',
    ...overrides,
  };
}

describe('LotListPage', () => {
  it('lists the household’s lots for an agent, filters by status and links to each lot and to a new one', async () => {
    TestBed.configureTestingModule({ imports: [LotListPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(LOTS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LotListPage);
    fixture.componentRef.setInput('sellerId', SELLER);
    fixture.detectChanges();
    TestBed.tick();
    const first = http.expectOne((r) => r.url === '/api/lots');
    expect(first.request.params.get('sellerId')).toBe(SELLER);
    expect(first.request.params.has('status')).toBe(false);
    first.flush({ items: [aLotView(), aLotView({ id: 'b'.repeat(24), code: 'TC-2025-09', status: 'closed', quantity: 3, unit: 'box' })], total: 2, page: 1, pageSize: 20 } satisfies LotPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Lô hàng của hộ');
    const items = Array.from(el.querySelectorAll('[data-testid=lot-item]'));
    expect(items.map((i) => i.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'TC-2026-01Đang mởChè Tân Cương đặc biệtSản xuất 15/03/2026 · 120,5 kg · Xã Tân Cương',
      'TC-2025-09Đã đóngChè Tân Cương đặc biệtSản xuất 15/03/2026 · 3 hộp · Xã Tân Cương',
    ]);
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe(`/${'a'.repeat(24)}?sellerId=${SELLER}`);
    expect(el.querySelector('[data-testid=lot-add]')?.getAttribute('href')).toBe(`/moi?sellerId=${SELLER}`);

    const filter = el.querySelector('[data-testid=lot-status-filter]') as HTMLSelectElement;
    filter.value = 'closed';
    filter.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    TestBed.tick();
    const closed = http.expectOne((r) => r.url === '/api/lots');
    expect(closed.request.params.get('status')).toBe('closed');
    closed.flush({ items: [], total: 0, page: 1, pageSize: 20 } satisfies LotPage);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=lot-empty]')?.textContent).toContain('Chưa có lô hàng nào');
    http.verify();
  });
});
