import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MAT_NATIVE_DATE_FORMATS } from '@angular/material/core';
import type { ReportFiguresDto } from '@nss/contracts';
import { addDays, periodContaining, vnDay } from '@nss/report-figures';
import { AuthSession, I18n } from '@nss/web-data-access';
import { SCANS_TEXTS } from '../../traceability/scans/scans.i18n';
import { REPORTING_TEXTS } from '../reporting.i18n';
import { settle } from '../reporting.testing';
import { VnDateAdapter } from '../vn-date-adapter';
import { ReportDashboardPage } from './report-dashboard.page';

const thisMonth = () => periodContaining('month', vnDay(new Date()));

function figures(values: Record<string, [number, number]>): ReportFiguresDto {
  const period = thisMonth();
  return {
    provinceCode: '19',
    period,
    previousPeriod: periodContaining('month', addDays(period.from, -1)),
    figures: Object.entries(values).map(([name, [value, previous]]) => ({ name, label: { vi: name, en: name }, value, previous })),
    summary: { vi: 'Trong tháng này, toàn tỉnh đã tập huấn cho 1.354 hộ…', en: 'This month the province trained 1,354 households…' },
  };
}

function setUp(role: 'province_staff' | 'admin') {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  const user = { id: 'u1', role, fullName: 'Lê Thu Hà', phone: '0901000002', provinceCode: role === 'admin' ? undefined : '19' };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthSession, useValue: { user: signal(user), role: signal(role) } },
      { provide: DateAdapter, useClass: VnDateAdapter },
      { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
      { provide: MAT_DATE_LOCALE, useValue: 'vi-VN' },
    ],
  });
  const i18n = TestBed.inject(I18n);
  i18n.register(REPORTING_TEXTS);
  i18n.register(SCANS_TEXTS);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ReportDashboardPage);
  fixture.detectChanges();
  TestBed.tick();
  return { http, fixture, el: fixture.nativeElement as HTMLElement };
}

const one = (http: HttpTestingController, url: string): TestRequest => http.expectOne((r) => r.url === `/api${url}`);
const params = (req: TestRequest) => Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));

describe('ReportDashboardPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    TestBed.inject(I18n).setLang('vi');
  });

  it("staff: asks for this month of their own province, shows the cards with the change, and follows the period they pick", async () => {
    const { http, fixture, el } = setUp('province_staff');
    const month = thisMonth().key;
    const f = one(http, '/reports/figures');
    // No province in the query: the API holds staff to theirs.
    expect(params(f)).toEqual({ period: 'month', at: month });
    expect(params(one(http, '/reports/communes'))).toEqual({ period: 'month', at: month });
    expect(params(one(http, '/reports/series'))).toEqual({ period: 'month', at: month, figure: 'orders_sold', granularity: 'day' });
    expect(params(one(http, '/reports/funnel'))).toEqual({ by: 'commune' });
    expect(params(one(http, '/reports/top'))).toEqual({ period: 'month', at: month, by: 'product', limit: '10' });
    expect(params(one(http, '/scans/suspicious'))).toEqual({ page: '1', pageSize: '10' });
    one(http, '/reports/exports');
    one(http, '/admin-units/provinces/19/communes').flush([{ code: '05503', name: 'Xã Tân Cương', provinceCode: '19' }]);

    f.flush(figures({ orders_sold: [120, 100], orders_cancelled: [6, 3], stamps_suspicious: [0, 2], households_trained: [5, 0] }));
    await settle(fixture);
    const card = (name: string) => el.querySelector(`[data-testid=figure-card][data-figure=${name}]`) as HTMLElement;
    expect(el.querySelector('[data-testid=report-summary]')?.textContent).toContain('toàn tỉnh đã tập huấn cho 1.354 hộ');
    expect(card('orders_sold').querySelector('[data-testid=figure-value]')?.textContent).toBe('120');
    const trend = card('orders_sold').querySelector('[data-testid=figure-trend]') as HTMLElement;
    expect(trend.getAttribute('data-direction')).toBe('up');
    expect(trend.textContent).toContain('▲ +20%');
    expect(trend.textContent).toContain('tăng 20% so với kỳ trước (100)');
    expect(trend.className).toContain('good');
    // More cancellations is bad news; fewer suspicious stamps is good news; nothing before: no percent.
    expect(card('orders_cancelled').querySelector('[data-testid=figure-trend]')?.className).toContain('bad');
    expect(card('stamps_suspicious').querySelector('[data-testid=figure-trend]')?.className).toContain('good');
    expect(card('households_trained').querySelector('[data-testid=figure-trend]')?.textContent).toContain('kỳ trước: 0');

    // "Previous period" asks for last month, everywhere.
    (el.querySelector('[data-testid=report-prev]') as HTMLButtonElement).click();
    fixture.detectChanges();
    TestBed.tick();
    const previous = periodContaining('month', addDays(thisMonth().from, -1)).key;
    expect(params(one(http, '/reports/figures'))).toEqual({ period: 'month', at: previous });
    expect(params(one(http, '/reports/top'))['at']).toBe(previous);
    expect(params(one(http, '/reports/series'))['at']).toBe(previous);
    expect(params(one(http, '/reports/communes'))['at']).toBe(previous);
    expect(el.querySelector('[data-testid=report-period]')?.textContent).toContain(`tháng ${Number(previous.slice(5))}/${previous.slice(0, 4)}`);

    // The kind picker (Material select): a year, with the series by month.
    (el.querySelector('[data-testid=report-kind] .mat-mdc-select-trigger') as HTMLElement).click();
    fixture.detectChanges();
    (document.querySelector('mat-option[data-kind=year]') as HTMLElement).click();
    fixture.detectChanges();
    TestBed.tick();
    const year = previous.slice(0, 4);
    expect(params(one(http, '/reports/figures'))).toEqual({ period: 'year', at: year });
    expect(params(one(http, '/reports/series'))).toMatchObject({ period: 'year', at: year, granularity: 'month' });
    one(http, '/reports/communes');
    one(http, '/reports/top');
    // The funnel and the suspicious stamps are not per period: not asked again.
    http.expectNone((r) => r.url === '/api/reports/funnel' || r.url === '/api/scans/suspicious');
  });

  it('a section whose route fails shows its error and leaves the others working', async () => {
    const { http, fixture, el } = setUp('province_staff');
    one(http, '/reports/top').flush({ code: 'NOT_FOUND', message: 'Không tìm thấy', messageEn: 'Not found' }, { status: 404, statusText: 'Not Found' });
    one(http, '/reports/exports').flush({ code: 'NOT_FOUND', message: 'Không tìm thấy', messageEn: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    const period = thisMonth();
    one(http, '/reports/communes').flush({
      provinceCode: '19',
      period,
      communes: [{ key: '05503', name: { vi: 'Xã Tân Cương', en: 'Tân Cương' }, former: false, values: { products_listed: 3 } }],
    });
    one(http, '/reports/figures').flush(figures({ products_listed: [3, 1] }));
    await settle(fixture);
    expect(el.querySelectorAll('[data-testid=error-box]').length).toBe(2);
    expect(el.querySelector('[data-testid=commune-row][data-key="05503"] [data-figure=products_listed]')?.textContent?.trim()).toBe('3');
    expect(el.querySelector('[data-testid=figure-card][data-figure=products_listed] [data-testid=figure-value]')?.textContent).toBe('3');
  });

  it('admin: the whole country until a province is picked; then its communes, funnel and suspicious stamps', async () => {
    const { http, fixture, el } = setUp('admin');
    const month = thisMonth().key;
    expect(params(one(http, '/reports/figures'))).toEqual({ period: 'month', at: month });
    one(http, '/reports/series');
    one(http, '/reports/top');
    one(http, '/reports/exports');
    expect(params(one(http, '/scans/suspicious'))).toEqual({ page: '1', pageSize: '10' });
    one(http, '/admin-units/provinces').flush([{ code: '19', name: 'Thái Nguyên', fullName: 'Tỉnh Thái Nguyên', era: '2025' }]);
    http.expectNone((r) => r.url === '/api/reports/communes' || r.url === '/api/reports/funnel');
    await settle(fixture);
    expect(el.querySelector('h2')?.textContent).toContain('Báo cáo toàn quốc');

    (el.querySelector('[data-testid=report-province] .mat-mdc-select-trigger') as HTMLElement).click();
    fixture.detectChanges();
    const option = Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.includes('Thái Nguyên')) as HTMLElement;
    option.click();
    fixture.detectChanges();
    TestBed.tick();
    expect(params(one(http, '/reports/figures'))).toEqual({ period: 'month', at: month, province: '19' });
    expect(params(one(http, '/reports/communes'))['province']).toBe('19');
    expect(params(one(http, '/reports/funnel'))).toEqual({ province: '19', by: 'commune' });
    expect(params(one(http, '/scans/suspicious'))['provinceCode']).toBe('19');
    one(http, '/reports/series');
    one(http, '/reports/top');
    one(http, '/admin-units/provinces/19/communes');
  });
});

describe('reporting dictionary', () => {
  it('has Vietnamese and English for every key the dashboard uses', () => {
    const root = join(__dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const used = files(root)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.i18n.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(rep\.[A-Za-z0-9_.]*[A-Za-z0-9_])'/g)].map((m) => m[1] as string));
    const prefixes = ['rep.kind.', 'rep.step.', 'rep.trend.', 'rep.exports.kind.', 'rep.exports.status.'];
    const keys = [...new Set(used)].filter((k) => !prefixes.some((p) => k === p.slice(0, -1)));
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !(k in REPORTING_TEXTS.vi) || !(k in REPORTING_TEXTS.en))).toEqual([]);
    expect(Object.keys(REPORTING_TEXTS.en).sort()).toEqual(Object.keys(REPORTING_TEXTS.vi).sort());
  });
});
