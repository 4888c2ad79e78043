import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SCAN_VERDICT_KINDS, SUSPICION_REASONS, type ScanSummary, type SuspiciousStampsPage } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { defaultPeriod } from './scan-filter';
import { SCANS_TEXTS } from './scans.i18n';
import { SellerScansPage } from './seller-scans.page';
import { StaffScansPage } from './staff-scans.page';

const SELLER = 'a'.repeat(24);
const PRODUCT = 'b'.repeat(24);

const SUMMARY: ScanSummary = {
  from: '2026-11-02',
  to: '2026-12-01',
  total: 7,
  byVerdict: [
    { verdict: 'genuine_first', count: 4 },
    { verdict: 'suspicious', count: 3 },
  ],
  byDay: [
    { day: '2026-11-30', count: 2 },
    { day: '2026-12-01', count: 5 },
  ],
  byScannerProvince: [
    { provinceCode: '01', provinceName: 'Thành phố Hà Nội', count: 2 },
    { provinceCode: null, provinceName: null, count: 5 },
  ],
  byCommune: [{ communeCode: '05503', communeName: 'Xã Tân Cương', count: 7 }],
  byProduct: [{ productId: PRODUCT, productName: 'Chè búp Tân Cương', count: 7 }],
};

const rowsOf = (el: HTMLElement, testId: string) =>
  Array.from(el.querySelectorAll(`[data-testid=${testId}] tbody tr`)).map((r) =>
    Array.from(r.children)
      .map((c) => c.textContent?.trim())
      .join(' | '),
  );

function setUp() {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  TestBed.inject(I18n).register(SCANS_TEXTS);
  return TestBed.inject(HttpTestingController);
}

describe('SellerScansPage', () => {
  it('asks for the household an agent names over the last 30 days and shows the breakdowns', async () => {
    const http = setUp();
    const fixture = TestBed.createComponent(SellerScansPage);
    fixture.componentRef.setInput('sellerId', SELLER);
    fixture.detectChanges();
    TestBed.tick();
    const req = http.expectOne((r) => r.url === '/api/scans/summary');
    expect(req.request.params.get('sellerId')).toBe(SELLER);
    expect(req.request.params.get('from')).toBe(defaultPeriod().from);
    expect(req.request.params.get('to')).toBe(defaultPeriod().to);
    expect(req.request.params.has('productId')).toBe(false);
    req.flush(SUMMARY);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=scan-total]')?.textContent).toContain('Tổng số lượt quét: 7');
    expect(rowsOf(el, 'scan-by-day')).toEqual(['30/11/2026 | 2', '01/12/2026 | 5']);
    expect(rowsOf(el, 'scan-by-verdict')).toEqual(['Chính hãng, lần đầu | 4', 'Bất thường | 3']);
    expect(rowsOf(el, 'scan-by-province')).toEqual(['Thành phố Hà Nội | 2', 'Không rõ | 5']);
    expect(rowsOf(el, 'scan-by-product')).toEqual(['Chè búp Tân Cương | 7']);

    const select = el.querySelector('[data-testid=scan-product]') as HTMLSelectElement;
    select.value = PRODUCT;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    TestBed.tick();
    expect(http.expectOne((r) => r.url === '/api/scans/summary').request.params.get('productId')).toBe(PRODUCT);
  });
});

describe('StaffScansPage', () => {
  afterEach(() => TestBed.inject(I18n).setLang('vi'));

  it('shows the province by commune and product, and the suspicious stamps with why (in English)', async () => {
    const http = setUp();
    TestBed.inject(I18n).setLang('en');
    const fixture = TestBed.createComponent(StaffScansPage);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne((r) => r.url === '/api/scans/summary').flush(SUMMARY);
    const suspicious: SuspiciousStampsPage = {
      items: [
        {
          serial: '7FF2MJWYUHMTR9',
          reasons: [{ reason: 'too_many_scans', detectedAt: '2026-12-01T03:00:00.000Z' }],
          productId: PRODUCT,
          productName: 'Chè búp Tân Cương',
          lotId: 'c'.repeat(24),
          lotCode: 'CHE-01',
          communeCode: '05503',
          communeName: 'Xã Tân Cương',
          provinceCode: '19',
          scanCount: 61,
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    };
    http.expectOne((r) => r.url === '/api/scans/suspicious').flush(suspicious);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(rowsOf(el, 'scan-by-commune')).toEqual(['Xã Tân Cương | 7']);
    expect(rowsOf(el, 'scan-by-product')).toEqual(['Chè búp Tân Cương | 7']);
    const row = el.querySelector('[data-testid=suspicious-row]')?.textContent?.replace(/\s+/g, ' ');
    expect(row).toContain('7FF2MJWYUHMTR9');
    expect(row).toContain('CHE-01');
    expect(row).toContain('Scanned too many times (01/12/2026 10:00)');
    expect(row).toContain('61');
  });
});

describe('scan pages dictionary', () => {
  it('has Vietnamese and English for every key the pages use, every verdict and every reason', () => {
    const used = readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .flatMap((f) => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/'(scan\.[A-Za-z0-9_.]*[A-Za-z0-9_])'/g)].map((m) => m[1] as string));
    const keys = [...new Set([...used, ...SCAN_VERDICT_KINDS.map((v) => `scan.verdict.${v}`), ...SUSPICION_REASONS.map((r) => `scan.reason.${r}`)])];
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !(k in SCANS_TEXTS.vi) || !(k in SCANS_TEXTS.en))).toEqual([]);
    expect(Object.keys(SCANS_TEXTS.en).sort()).toEqual(Object.keys(SCANS_TEXTS.vi).sort());
  });
});
