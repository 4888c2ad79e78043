import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../i18n/orders.texts';
import type { SellerLedger, SellerStatement } from '../data/orders.models';
import { BalancePage, recentMonths } from './balance.page';

const SELLER = 's'.repeat(24);
const entry = (kind: 'sale' | 'commission', amountVnd: number) => ({
  id: `${kind}`.padEnd(24, '0'), kind, amountVnd, at: '2026-11-30T18:00:00.000Z', monthVn: '2026-12', orderId: null, orderCode: 'DHK7M2P9QX4A',
  refundId: null, payoutId: null, bankReference: null, note: null, commissionBps: kind === 'commission' ? 500 : null,
  description: kind === 'sale' ? 'Bán đơn DHK7M2P9QX4A' : 'Phí sàn 5% đơn DHK7M2P9QX4A',
  descriptionEn: kind === 'sale' ? 'Sale of DHK7M2P9QX4A' : '5% fee on DHK7M2P9QX4A',
});

describe('recentMonths', () => {
  it('counts Vietnam-time months back across a year end', () => {
    // 2026-12-31 18:00 UTC is already 1 January 2027 in Vietnam.
    expect(recentMonths(new Date('2026-12-31T18:00:00Z'), 3)).toEqual(['2027-01', '2026-12', '2026-11']);
  });
});

describe('BalancePage', () => {
  it('shows the balance, the entries and a month’s statement for the household an agent manages, and downloads its CSV', async () => {
    TestBed.configureTestingModule({ imports: [BalancePage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BalancePage);
    fixture.componentRef.setInput('sellerId', SELLER);
    fixture.detectChanges();
    TestBed.tick();
    const ledger = http.expectOne((r) => r.url === '/api/seller/ledger');
    expect(ledger.request.params.get('sellerId')).toBe(SELLER);
    ledger.flush({ sellerId: SELLER, sellerName: 'Hộ bà Hoa', balanceVnd: 85500,
      entries: { items: [entry('sale', 95000), entry('commission', -9500)], total: 2, page: 1, pageSize: 20 } } satisfies SellerLedger);
    const statement = http.expectOne((r) => r.url.startsWith('/api/seller/statements/') && !r.url.endsWith('.csv'));
    expect(statement.request.params.get('sellerId')).toBe(SELLER);
    statement.flush({ sellerId: SELLER, sellerName: 'Hộ bà Hoa', provinceCode: '19', month: '2026-12', from: '2026-11-30T17:00:00.000Z',
      to: '2026-12-31T17:00:00.000Z', openingBalanceVnd: 0, closingBalanceVnd: 85500,
      totals: { sale: 95000, commission: -9500, refund: 0, refund_commission: 0, payout: 0 }, entries: [] } satisfies SellerStatement);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=balance-amount]')?.textContent).toContain('85.500 ₫');
    expect(Array.from(el.querySelectorAll('[data-testid=ledger-entry]')).map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Bán đơn DHK7M2P9QX4A+95.000 ₫01/12/2026 01:00 · Tiền bán hàng',
      'Phí sàn 5% đơn DHK7M2P9QX4A−9.500 ₫01/12/2026 01:00 · Phí sàn',
    ]);
    expect(el.querySelector('[data-testid=statement-closing]')?.textContent).toContain('85.500 ₫');

    const createObjectURL = jest.fn(() => 'blob:statement');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    (el.querySelector('[data-testid=statement-csv]') as HTMLButtonElement).click();
    const csv = http.expectOne((r) => r.url.endsWith('.csv'));
    expect(csv.request.responseType).toBe('blob');
    expect(csv.request.params.get('sellerId')).toBe(SELLER);
    csv.flush(new Blob(['\uFEFFngày,loại,số tiền\n'], { type: 'text/csv' }));
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });
});
