import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Page, SellerSummary } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../i18n/orders.texts';
import type { SellerStatement, StatementEntry } from '../data/orders.models';
import { recentMonths } from '../ui/statement-view.component';
import { StaffStatementPage } from './staff-statement.page';

const HOA = 'a'.repeat(24);
const HTX = 'b'.repeat(24);
const seller = (id: string, displayName: string, communeName: string): SellerSummary => ({
  id, type: 'household', displayName, representativeName: displayName, phoneMasked: '09******05', provinceCode: '19',
  communeCode: '05503', communeName, status: 'verified', onboardingSource: 'agent', createdAt: '2026-10-01T01:00:00.000Z',
});
const SELLERS: Page<SellerSummary> = { items: [seller(HOA, 'Hộ bà Hoàng Thị Hoa', 'Xã Tân Cương'), seller(HTX, 'HTX Chè Tân Cương', 'Xã Tân Cương')], total: 2, page: 1, pageSize: 50 };
const entry = (kind: 'sale' | 'commission', amountVnd: number, balanceAfterVnd: number): StatementEntry => ({
  id: `${kind}`.padEnd(24, '0'), kind, amountVnd, balanceAfterVnd, at: '2026-11-05T02:00:00.000Z', monthVn: '2026-11', orderId: null,
  orderCode: 'DHK7M2P9QX4A', refundId: null, payoutId: null, bankReference: null, note: null, commissionBps: kind === 'commission' ? 500 : null,
  description: kind === 'sale' ? 'Bán hàng, đơn DHK7M2P9QX4A' : 'Phí nền tảng 5%, đơn DHK7M2P9QX4A',
  descriptionEn: kind === 'sale' ? 'Sale, order DHK7M2P9QX4A' : '5% platform fee, order DHK7M2P9QX4A',
});
const STATEMENT: SellerStatement = {
  sellerId: HOA, sellerName: 'Hộ bà Hoàng Thị Hoa', provinceCode: '19', month: '2026-11', from: '2026-10-31T17:00:00.000Z',
  to: '2026-11-30T17:00:00.000Z', openingBalanceVnd: 76000, closingBalanceVnd: 243500,
  totals: { sale: 175000, commission: -7500, refund: 0, refund_commission: 0, payout: 0 },
  entries: [entry('sale', 175000, 251000), entry('commission', -7500, 243500)],
};

describe('StaffStatementPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [StaffStatementPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  async function open(query: { sellerId?: string; month?: string } = {}) {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(StaffStatementPage);
    if (query.sellerId) fixture.componentRef.setInput('sellerId', query.sellerId);
    if (query.month) fixture.componentRef.setInput('month', query.month);
    fixture.detectChanges();
    TestBed.tick();
    const list = http.expectOne((r) => r.url === '/api/sellers');
    expect(list.request.params.get('q')).toBeNull();
    list.flush(SELLERS);
    // Not whenStable() when the address names a seller: its statement request is pending (the tests answer it).
    if (query.sellerId) TestBed.tick();
    else await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const choose = (testid: string, value: string) => {
      const select = el.querySelector(`[data-testid=${testid}]`) as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      TestBed.tick();
    };
    return { fixture, el, choose, navigate };
  }

  it('asks for a seller first, then shows the chosen seller’s statement of the chosen month with every entry', async () => {
    const { fixture, el, choose, navigate } = await open();
    expect(el.querySelector('[data-testid=statement-pick]')?.textContent).toContain('Chọn người bán và tháng');
    expect(Array.from(el.querySelectorAll('[data-testid=statement-seller] option')).map((o) => o.textContent?.trim())).toEqual([
      '— Chọn —',
      'Hộ bà Hoàng Thị Hoa · Xã Tân Cương',
      'HTX Chè Tân Cương · Xã Tân Cương',
    ]);
    http.expectNone((r) => r.url.includes('/statements/'));

    choose('statement-seller', HOA);
    const current = recentMonths(new Date())[0];
    http.expectOne(`/api/sellers/${HOA}/statements/${current}`).flush({ ...STATEMENT, month: current, entries: [] });
    choose('statement-month', '2026-11');
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { sellerId: HOA, month: '2026-11' }, replaceUrl: true });
    http.expectOne(`/api/sellers/${HOA}/statements/2026-11`).flush(STATEMENT);
    await fixture.whenStable();
    const text = (testid: string) => el.querySelector(`[data-testid=${testid}]`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text('statement-heading')).toBe('Hộ bà Hoàng Thị Hoa — Tháng 11/2026');
    expect(text('statement-opening')).toBe('76.000 ₫');
    expect(text('statement-total-commission')).toBe('−7.500 ₫');
    expect(text('statement-closing')).toBe('243.500 ₫');
    expect(Array.from(el.querySelectorAll('[data-testid=statement-entry]')).map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Bán hàng, đơn DHK7M2P9QX4A+175.000 ₫05/11/2026 09:00 · Tiền bán hàng · số dư 251.000 ₫',
      'Phí nền tảng 5%, đơn DHK7M2P9QX4A−7.500 ₫05/11/2026 09:00 · Phí sàn · số dư 243.500 ₫',
    ]);
  });

  it('opens the seller and month named in the address, searches sellers by name, and downloads the CSV', async () => {
    const { fixture, el } = await open({ sellerId: HOA, month: '2026-11' });
    http.expectOne(`/api/sellers/${HOA}/statements/2026-11`).flush(STATEMENT);
    await fixture.whenStable();
    expect((el.querySelector('[data-testid=statement-seller]') as HTMLSelectElement).value).toBe(HOA);
    expect((el.querySelector('[data-testid=statement-month]') as HTMLSelectElement).value).toBe('2026-11');

    const q = el.querySelector('[data-testid=seller-q]') as HTMLInputElement;
    q.value = ' che tan cuong ';
    q.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=seller-search]') as HTMLButtonElement).click();
    TestBed.tick();
    const search = http.expectOne((r) => r.url === '/api/sellers');
    expect(search.request.params.get('q')).toBe('che tan cuong');
    search.flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=no-sellers]')).not.toBeNull();

    const createObjectURL = jest.fn(() => 'blob:statement');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    (el.querySelector('[data-testid=statement-csv]') as HTMLButtonElement).click();
    const csv = http.expectOne(`/api/sellers/${HOA}/statements/2026-11.csv`);
    expect(csv.request.responseType).toBe('blob');
    csv.flush(new Blob(['\uFEFFThời điểm,Loại\r\n'], { type: 'text/csv' }));
    expect(createObjectURL).toHaveBeenCalled();
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(`sao-ke-2026-11-${HOA}.csv`);
    click.mockRestore();
  });

  it('shows the API’s refusal for a seller of another province', async () => {
    const { fixture, el } = await open({ sellerId: HTX, month: '2026-11' });
    http
      .expectOne(`/api/sellers/${HTX}/statements/2026-11`)
      .flush({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy người bán', messageEn: 'Seller not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=error-box]')?.getAttribute('data-code')).toBe('NOT_FOUND');
    expect(el.querySelector('[data-testid=statement]')).toBeNull();
  });
});
