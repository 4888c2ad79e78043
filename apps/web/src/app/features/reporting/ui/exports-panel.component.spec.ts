import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ReportExportDto } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { REPORTING_TEXTS } from '../reporting.i18n';
import { settle } from '../reporting.testing';
import { EXPORT_POLL_MS, ExportsPanelComponent } from './exports-panel.component';

const POLL = 50;
const period = { kind: 'month' as const, key: '2026-11', from: '2026-11-01', to: '2026-11-30' };
const job = (status: ReportExportDto['status'], percent: number, extra: Partial<ReportExportDto> = {}): ReportExportDto => ({
  id: 'exp1',
  kind: 'request',
  format: 'xlsx',
  status,
  provinceCode: '19',
  period,
  progress: { done: percent, total: 100, percent },
  createdAt: '2026-12-01T03:00:00.000Z',
  ...extra,
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setUp() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: EXPORT_POLL_MS, useValue: POLL }] });
  TestBed.inject(I18n).register(REPORTING_TEXTS);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ExportsPanelComponent);
  fixture.componentRef.setInput('query', { period: 'month', at: '2026-11', province: undefined });
  fixture.detectChanges();
  TestBed.tick();
  const monthly = job('done', 100, { id: 'm10', kind: 'monthly', fileName: 'bao-cao-19-2026-10.xlsx', period: { ...period, key: '2026-10', from: '2026-10-01', to: '2026-10-31' } });
  http.expectOne((r) => r.url === '/api/reports/exports' && r.method === 'GET').flush({ items: [monthly] });
  return { http, fixture, el: fixture.nativeElement as HTMLElement };
}

/** Answers the list reload the panel makes after a request and after the job ends. */
function flushList(http: HttpTestingController, items: ReportExportDto[]) {
  TestBed.tick();
  const reloads = http.match((req) => req.url === '/api/reports/exports' && req.method === 'GET');
  expect(reloads).toHaveLength(1);
  reloads[0]?.flush({ items });
}

/** Clicks "make the file", answers the request with `first` and the list reload; returns the body that was sent. */
async function requestExport(ctx: ReturnType<typeof setUp>, first: ReportExportDto): Promise<unknown> {
  await settle(ctx.fixture);
  (ctx.el.querySelector('[data-testid=export-request]') as HTMLButtonElement).click();
  const post = ctx.http.expectOne((r) => r.url === '/api/reports/exports' && r.method === 'POST');
  post.flush(first);
  flushList(ctx.http, []);
  return post.request.body;
}

describe('ExportsPanelComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists recent exports with the monthly reports, requests an XLSX of the period, polls the progress and stops when done', async () => {
    const ctx = setUp();
    const { http, fixture, el } = ctx;
    await settle(fixture);
    const row = el.querySelector('[data-testid=export-row]');
    expect(row?.getAttribute('data-kind')).toBe('monthly');
    expect(row?.textContent).toContain('Báo cáo tháng (tự động)');
    expect(row?.textContent).toContain('tháng 10/2026');

    // The body is the contract's: the period fields and the format, nothing empty (the schema is strict).
    expect(await requestExport(ctx, job('queued', 0))).toEqual({ period: 'month', at: '2026-11', format: 'xlsx' });
    await settle(fixture);
    expect(el.querySelector('[data-testid=export-job]')?.textContent).toContain('Đang tạo tệp: 0%');

    await wait(POLL + 20);
    http.expectOne('/api/reports/exports/exp1').flush(job('running', 40));
    await settle(fixture);
    expect(el.querySelector('[data-testid=export-job]')?.textContent).toContain('Đang tạo tệp: 40%');
    expect((el.querySelector('[data-testid=export-request]') as HTMLButtonElement).disabled).toBe(true);

    await wait(POLL + 20);
    http.expectOne('/api/reports/exports/exp1').flush(job('done', 100, { fileName: 'bao-cao-19-2026-11.xlsx' }));
    flushList(http, []);
    await settle(fixture);
    expect(el.querySelector('[data-testid=export-job]')?.getAttribute('data-status')).toBe('done');
    expect(el.querySelector('[data-testid=export-download]')?.textContent).toContain('bao-cao-19-2026-11.xlsx');

    // Done: no more questions, however long the page stays open.
    await wait(POLL * 4);
    http.expectNone('/api/reports/exports/exp1');
  });

  it('stops polling when the page is left before the export is done', async () => {
    const ctx = setUp();
    const { http, fixture } = ctx;
    await requestExport(ctx, job('running', 10));
    await wait(POLL + 20);
    http.expectOne('/api/reports/exports/exp1').flush(job('running', 20));
    fixture.destroy();
    await wait(POLL * 4);
    http.expectNone('/api/reports/exports/exp1');
  });

  it('shows why a job failed and stops', async () => {
    const ctx = setUp();
    const { http, fixture, el } = ctx;
    await requestExport(ctx, job('queued', 0));
    await wait(POLL + 20);
    http.expectOne('/api/reports/exports/exp1').flush(job('failed', 30, { error: { vi: 'Hết bộ nhớ', en: 'Out of memory' } }));
    flushList(http, []);
    await settle(fixture);
    expect(el.querySelector('[data-testid=export-job]')?.textContent).toContain('Không tạo được tệp. Hết bộ nhớ');
    await wait(POLL * 3);
    http.expectNone('/api/reports/exports/exp1');
  });

  it('downloads a finished file with the bearer-token client, under its name', async () => {
    const { http, fixture, el } = setUp();
    await settle(fixture);
    const created = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    (el.querySelector('[data-testid=export-row] button') as HTMLButtonElement).click();
    http.expectOne('/api/reports/exports/m10/file').flush(new Blob(['PK']));
    expect(created).toHaveBeenCalled();
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('bao-cao-19-2026-10.xlsx');
    click.mockRestore();
  });
});
