import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { STAMP_BATCH_STATUSES, type StampBatch, type StampBatchPage } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { SellerStampsPage } from './seller-stamps.page';
import { StaffStampsPage } from './staff-stamps.page';
import { STAMP_POLL_MS } from './stamp-files';
import { STAMPS_TEXTS } from './stamps.i18n';

const LOT = 'a'.repeat(24);
const BATCH = 'b'.repeat(24);
const OTHER = 'c'.repeat(24);

function aBatch(overrides: Partial<StampBatch> = {}): StampBatch {
  return {
    id: BATCH, code: 'TB7K2M9QX4', lotId: LOT, lotCode: 'TC-2026-01', productId: 'p'.repeat(24), productName: 'Chè Tân Cương đặc biệt',
    gtin: null, sellerId: 's'.repeat(24), sellerName: 'HTX Chè Tân Cương', provinceCode: '19', communeCode: '05503', quantity: 1200,
    labelSize: { widthMm: 40, heightMm: 25 }, status: 'requested', autoApproved: false, decidedAt: null, rejectReason: null,
    progress: { made: 0, total: 1200, percent: 0, secondsLeft: null }, files: [], activated: 0, pendingChange: null, startedAt: null, finishedAt: null, error: null,
    createdAt: '2026-12-01T02:00:00.000Z', updatedAt: '2026-12-01T02:00:00.000Z',
    ...overrides,
  };
}

const pageOf = (items: StampBatch[]): StampBatchPage => ({ items, total: items.length, page: 1, pageSize: 50 });
const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

function setUp() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: STAMP_POLL_MS, useValue: 5 }],
  });
  TestBed.inject(I18n).register(STAMPS_TEXTS);
  return TestBed.inject(HttpTestingController);
}

/** Waits (real time) for the page's next poll of `url`. */
async function nextPoll(http: HttpTestingController, url: string) {
  for (let i = 0; i < 200; i++) {
    const found = http.match(url);
    if (found.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`no request to ${url}`);
}

describe('SellerStampsPage', () => {
  afterEach(() => jest.restoreAllMocks());

  async function open(items: StampBatch[]) {
    const http = setUp();
    const fixture = TestBed.createComponent(SellerStampsPage);
    fixture.componentRef.setInput('lotId', LOT);
    fixture.detectChanges();
    const list = http.expectOne((r) => r.url === '/api/stamp-batches' && r.method === 'GET');
    expect(list.request.params.get('lotId')).toBe(LOT);
    expect(list.request.params.has('sellerId')).toBe(false);
    list.flush(pageOf(items));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const click = async (testid: string) => {
      (el.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      await fixture.whenStable();
    };
    return { http, fixture, el, click };
  }

  it('requests stamps for the lot; a large batch waiting for approval is followed until staff decide', async () => {
    const { http, el, click } = await open([]);
    expect(text(el.querySelector('[data-testid=stamp-empty]'))).toBe('Chưa có đợt tem nào.');
    await click('stamp-request-submit');
    expect(text(el.querySelector('[data-testid=stamp-quantity-error]'))).toBe('Nhập số tem là số nguyên từ 1 đến 200.000');
    http.expectNone('/api/stamp-batches');

    const input = el.querySelector('[data-testid=stamp-quantity]') as HTMLInputElement;
    input.value = '1200';
    input.dispatchEvent(new Event('input'));
    await click('stamp-request-submit');
    const post = http.expectOne((r) => r.url === '/api/stamp-batches' && r.method === 'POST');
    expect(post.request.body).toEqual({ lotId: LOT, quantity: 1200 });
    post.flush(aBatch(), { status: 201, statusText: 'Created' });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-notice]'))).toBe('Đã gửi yêu cầu 1.200 tem; chờ cán bộ Sở duyệt.');
    const batch = el.querySelector('[data-testid=stamp-batch]');
    expect(batch?.getAttribute('data-status')).toBe('requested');
    expect(text(batch?.querySelector('header'))).toBe('TB7K2M9QX4 · 1.200 tem Chờ duyệt');
    expect(text(el.querySelector('h1'))).toBe('Tem truy xuất của lô TC-2026-01');
    // Followed while it waits for staff: still requested, then rejected (no more polling).
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aBatch());
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aBatch({ status: 'rejected', rejectReason: 'Vượt sản lượng' }));
    await settle();
    expect(el.querySelector('[data-testid=stamp-batch]')?.getAttribute('data-status')).toBe('rejected');
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone(`/api/stamp-batches/${BATCH}`);

    http.verify();
  });

  it('cancels a batch waiting for staff', async () => {
    const { http, fixture, el, click } = await open([aBatch()]);
    await click('stamp-cancel');
    const cancel = http.expectOne(`/api/stamp-batches/${BATCH}/cancel`);
    expect(cancel.request.method).toBe('POST');
    cancel.flush(aBatch({ status: 'cancelled' }));
    await settle();
    expect(el.querySelector('[data-testid=stamp-batch]')?.getAttribute('data-status')).toBe('cancelled');
    expect(el.querySelector('[data-testid=stamp-cancel]')).toBeNull();
    expect(text(el.querySelector('[data-testid=stamp-notice]'))).toBe('Đã huỷ đợt tem TB7K2M9QX4.');
    // A poll sent before the cancel may still be out: answered, then nothing more.
    for (const stale of http.match(`/api/stamp-batches/${BATCH}`)) stale.flush(aBatch({ status: 'cancelled' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone(`/api/stamp-batches/${BATCH}`);
    fixture.destroy();
    http.verify();
  });

  it('stops polling when the page is left', async () => {
    const { http, fixture } = await open([aBatch({ status: 'approved' })]);
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aBatch({ status: 'generating' }));
    await settle();
    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    http.expectNone(`/api/stamp-batches/${BATCH}`);
    http.verify();
  });

  it('follows a batch being made (percent and time left) until it is ready, then downloads its files and activates it', async () => {
    const generating = aBatch({ status: 'generating', autoApproved: false, progress: { made: 300, total: 1200, percent: 25, secondsLeft: 90 } });
    const { http, fixture, el, click } = await open([generating, aBatch({ id: OTHER, code: 'TB0000OLD1', status: 'rejected', rejectReason: 'Lô chưa có nhật ký' })]);
    expect(text(el.querySelector('[data-testid=stamp-progress]'))).toBe('300/1.200 tem · 25% · còn khoảng 2 phút');
    expect((el.querySelector('[data-testid=stamp-progress-bar]') as HTMLProgressElement).value).toBe(25);
    expect(text(el.querySelector('[data-testid=stamp-reject-reason]'))).toBe('Lý do từ chối: Lô chưa có nhật ký');

    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aBatch({ status: 'generating', progress: { made: 1100, total: 1200, percent: 91, secondsLeft: 4 } }));
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-progress]'))).toBe('1.100/1.200 tem · 91% · còn khoảng 4 giây');

    const ready = aBatch({
      status: 'ready', progress: { made: 1200, total: 1200, percent: 100, secondsLeft: 0 },
      files: [
        { kind: 'pdf', part: 1, labels: 1200, bytes: 90_000, url: `/api/stamp-batches/${BATCH}/files/1.pdf` },
        { kind: 'csv', part: 1, labels: 1200, bytes: 80_000, url: `/api/stamp-batches/${BATCH}/stamps.csv` },
      ],
    });
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(ready);
    await settle();
    expect(el.querySelector('[data-testid=stamp-batch]')?.getAttribute('data-status')).toBe('ready');
    expect(el.querySelector('[data-testid=stamp-progress]')?.getAttribute('data-percent')).toBe('100');
    expect(el.querySelector('[data-testid=stamp-progress-bar]')).toBeNull();
    expect(text(el.querySelector('[data-testid=stamp-pdf-1]'))).toBe('Tải PDF phần 1 (1.200 tem)');
    // Ready: no more polling.
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone(`/api/stamp-batches/${BATCH}`);

    // The file is fetched with the token (through HttpClient) and handed to the browser as an object URL.
    const createObjectURL = jest.fn(() => 'blob:pdf');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href}`);
    });
    await click('stamp-pdf-1');
    const pdf = http.expectOne(`/api/stamp-batches/${BATCH}/files/1.pdf`);
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await settle();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual(['tem-TB7K2M9QX4-1.pdf blob:pdf']);
    await click('stamp-csv');
    http.expectOne(`/api/stamp-batches/${BATCH}/stamps.csv`).flush(new Blob(['serial,url\r\n'], { type: 'text/csv' }));
    await settle();
    expect(clicked[1]).toBe('tem-TB7K2M9QX4.csv blob:pdf');

    await click('stamp-activate');
    const activate = http.expectOne(`/api/stamp-batches/${BATCH}/activate`);
    expect(activate.request.body).toEqual({});
    activate.flush({ batchId: BATCH, fromSeq: 0, toSeq: 1199, status: 'active', changed: 1200, pending: null });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-notice]'))).toBe('Đã kích hoạt 1.200 tem. Người mua quét tem sẽ thấy thông tin lô.');
    http.expectOne(`/api/stamp-batches/${BATCH}`).flush({ ...ready, activated: 1200 });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-activated]'))).toBe('Đã kích hoạt 1.200/1.200 tem');
    expect(el.querySelector('[data-testid=stamp-activate]')).toBeNull();
    fixture.destroy();
    http.verify();
  });

  it('shows the API’s refusal of a request', async () => {
    const { http, el, click } = await open([]);
    const input = el.querySelector('[data-testid=stamp-quantity]') as HTMLInputElement;
    input.value = '5';
    input.dispatchEvent(new Event('input'));
    await click('stamp-request-submit');
    http.expectOne((r) => r.url === '/api/stamp-batches' && r.method === 'POST').flush(
      { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy lô hàng', messageEn: 'Lot not found' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    expect(text(el.querySelector('[data-testid=error-box]'))).toContain('Không tìm thấy lô hàng');
    expect(el.querySelector('[data-testid=stamp-batch]')).toBeNull();
  });
});

/** A ready batch of 12,000 stamps in three PDF parts (print runs). */
function aReadyBatch(overrides: Partial<StampBatch> = {}): StampBatch {
  return aBatch({
    status: 'ready', quantity: 12_000, progress: { made: 12_000, total: 12_000, percent: 100, secondsLeft: null },
    files: [1, 2, 3].map((part) => ({ kind: 'pdf' as const, part, labels: part < 3 ? 5000 : 2000, bytes: 1, url: `/api/stamp-batches/${BATCH}/files/${part}.pdf` })),
    ...overrides,
  });
}

const pending = (done: number, total = 5000): NonNullable<StampBatch['pendingChange']> => ({
  status: 'active', fromSeq: 5000, toSeq: 9999, printRun: 'Phần 2', reason: null, requestedAt: '2026-12-01T03:00:00.000Z',
  progress: { done, total, percent: Math.floor((done * 100) / total) },
});

describe('stamp range activation and voiding (seller page)', () => {
  afterEach(() => jest.restoreAllMocks());

  async function open(items: StampBatch[]) {
    const http = setUp();
    const fixture = TestBed.createComponent(SellerStampsPage);
    fixture.componentRef.setInput('lotId', LOT);
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/stamp-batches' && r.method === 'GET').flush(pageOf(items));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const set = (testid: string, value: string) => {
      const field = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
      field.value = value;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement || field.type === 'radio' ? 'change' : 'input'));
    };
    const click = async (testid: string) => {
      (el.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      await fixture.whenStable();
    };
    return { http, fixture, el, set, click };
  }

  it('checks the range before sending, naming the field', async () => {
    const { http, el, set, click } = await open([aReadyBatch()]);
    await click('stamp-range-submit');
    expect(text(el.querySelector('[data-testid=stamp-range-from-error]'))).toBe('Nhập số nguyên từ 0 đến 11.999');
    set('stamp-range-from', '300');
    set('stamp-range-to', '12000');
    await click('stamp-range-submit');
    expect(el.querySelector('[data-testid=stamp-range-from-error]')).toBeNull();
    expect(text(el.querySelector('[data-testid=stamp-range-to-error]'))).toBe('Nhập số nguyên từ 0 đến 11.999');
    set('stamp-range-to', '299');
    await click('stamp-range-submit');
    expect(text(el.querySelector('[data-testid=stamp-range-to-error]'))).toBe('Số cuối phải lớn hơn hoặc bằng số đầu');
    await click('stamp-range-void');
    set('stamp-range-to', '310');
    await click('stamp-range-submit');
    expect(text(el.querySelector('[data-testid=stamp-range-reason-error]'))).toBe('Vui lòng nêu lý do (3–300 ký tự)');
    expect(el.querySelector('[data-testid=stamp-void-confirm]')).toBeNull();
    http.expectNone((r) => r.method === 'POST');
  });

  it('activates a print run; a large one is followed while the worker applies it, then polling stops', async () => {
    const { http, fixture, el, set, click } = await open([aReadyBatch()]);
    set('stamp-range-run', '2');
    await fixture.whenStable();
    expect((el.querySelector('[data-testid=stamp-range-from]') as HTMLInputElement).value).toBe('5000');
    expect((el.querySelector('[data-testid=stamp-range-to]') as HTMLInputElement).value).toBe('9999');
    expect((el.querySelector('[data-testid=stamp-range-print-run]') as HTMLInputElement).value).toBe('Phần 2');
    await click('stamp-range-submit');
    const post = http.expectOne(`/api/stamp-batches/${BATCH}/activate`);
    expect(post.request.body).toEqual({ fromSeq: 5000, toSeq: 9999, printRun: 'Phần 2' });
    post.flush({ batchId: BATCH, fromSeq: 5000, toSeq: 9999, status: 'active', changed: null, pending: pending(0) }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-notice]'))).toBe('Đang kích hoạt 5.000 tem; theo dõi tiến độ bên dưới.');
    http.expectOne(`/api/stamp-batches/${BATCH}`).flush(aReadyBatch({ pendingChange: pending(0) }));
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-pending-change]'))).toContain('Đang kích hoạt tem số 5.000 – 9.999');
    expect((el.querySelector('[data-testid=stamp-range-submit]') as HTMLButtonElement).disabled).toBe(true);
    expect(el.querySelector('[data-testid=stamp-activate]')).toBeNull();

    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aReadyBatch({ pendingChange: pending(2000) }));
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-pending-progress]'))).toBe('2.000/5.000 tem · 40%');
    expect((el.querySelector('[data-testid=stamp-pending-bar]') as HTMLProgressElement).value).toBe(40);

    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aReadyBatch({ activated: 5000 }));
    await settle();
    expect(el.querySelector('[data-testid=stamp-pending-change]')).toBeNull();
    expect(text(el.querySelector('[data-testid=stamp-activated]'))).toBe('Đã kích hoạt 5.000/12.000 tem');
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone(`/api/stamp-batches/${BATCH}`);
    fixture.destroy();
    http.verify();
  });

  it('voids a range only once confirmed, with its reason; a small one is done at once', async () => {
    const { http, fixture, el, set, click } = await open([aReadyBatch({ activated: 12_000 })]);
    await click('stamp-range-void');
    set('stamp-range-from', '10');
    set('stamp-range-to', '19');
    set('stamp-range-reason', 'Cuộn tem bị rách');
    await click('stamp-range-submit');
    expect(text(el.querySelector('[data-testid=stamp-void-confirm]'))).toContain('Huỷ vĩnh viễn 10 tem (số 10 – 19) của đợt TB7K2M9QX4?');
    expect(text(el.querySelector('[data-testid=stamp-void-confirm]'))).toContain('Lý do: Cuộn tem bị rách');
    http.expectNone('/api/stamps/void');
    await click('stamp-void-confirm-no');
    expect(el.querySelector('[data-testid=stamp-void-confirm]')).toBeNull();
    http.expectNone('/api/stamps/void');

    await click('stamp-range-submit');
    await click('stamp-void-confirm-yes');
    const post = http.expectOne('/api/stamps/void');
    expect(post.request.body).toEqual({ batchId: BATCH, fromSeq: 10, toSeq: 19, reason: 'Cuộn tem bị rách' });
    post.flush({ batchId: BATCH, fromSeq: 10, toSeq: 19, status: 'void', changed: 10, pending: null });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-notice]'))).toBe('Đã huỷ 10 tem.');
    http.expectOne(`/api/stamp-batches/${BATCH}`).flush(aReadyBatch({ activated: 11_990 }));
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-activated]'))).toBe('Đã kích hoạt 11.990/12.000 tem');
    fixture.destroy();
    http.verify();
  });

  it('shows the API’s refusal (another change still running)', async () => {
    const { http, el, set, click } = await open([aReadyBatch()]);
    set('stamp-range-from', '0');
    set('stamp-range-to', '9');
    await click('stamp-range-submit');
    http.expectOne(`/api/stamp-batches/${BATCH}/activate`).flush(
      { statusCode: 409, code: 'RANGE_CHANGE_RUNNING', message: 'Lô tem đang được kích hoạt hoặc huỷ theo dải số, vui lòng chờ xong', messageEn: 'busy' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(el.querySelector('[data-testid=error-box]'))).toContain('Lô tem đang được kích hoạt hoặc huỷ theo dải số');
  });
});

describe('StaffStampsPage', () => {
  async function open(ready: StampBatch[] = []) {
    const http = setUp();
    const fixture = TestBed.createComponent(StaffStampsPage);
    fixture.detectChanges();
    const list = http.expectOne((r) => r.url === '/api/stamp-batches' && r.params.get('status') === 'requested');
    list.flush(pageOf([aBatch(), aBatch({ id: OTHER, code: 'TB2222222', quantity: 5000, lotCode: 'TC-2026-02' })]));
    http.expectOne((r) => r.url === '/api/stamp-batches' && r.params.get('status') === 'ready').flush(pageOf(ready));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () => Array.from(el.querySelectorAll('[data-testid=stamp-staff-row]'));
    return { http, fixture, el, rows };
  }

  it('lists the requests waiting and approves one', async () => {
    const { http, fixture, el, rows } = await open();
    expect(rows().map((r) => Array.from(r.children).slice(0, 5).map(text).join(' | '))).toEqual([
      'HTX Chè Tân Cương | Chè Tân Cương đặc biệt | TC-2026-01 | 1.200 | 01/12/2026 09:00',
      'HTX Chè Tân Cương | Chè Tân Cương đặc biệt | TC-2026-02 | 5.000 | 01/12/2026 09:00',
    ]);
    (rows()[0]?.querySelector('[data-testid=stamp-approve]') as HTMLElement).click();
    await fixture.whenStable();
    const approve = http.expectOne(`/api/stamp-batches/${BATCH}/approve`);
    expect(approve.request.method).toBe('POST');
    approve.flush(aBatch({ status: 'approved' }));
    await settle();
    expect(rows().map((r) => r.getAttribute('data-id'))).toEqual([OTHER]);
    expect(text(el.querySelector('[data-testid=stamp-staff-notice]'))).toBe('Đã duyệt đợt tem TB7K2M9QX4.');
  });

  it('rejects only with a reason', async () => {
    const { http, fixture, el, rows } = await open();
    (rows()[1]?.querySelector('[data-testid=stamp-reject]') as HTMLElement).click();
    await fixture.whenStable();
    (el.querySelector('[data-testid=stamp-reject-confirm]') as HTMLElement).click();
    await fixture.whenStable();
    expect(text(el.querySelector('[data-testid=stamp-reason-error]'))).toBe('Vui lòng nêu lý do (ít nhất 3 ký tự)');
    http.expectNone(`/api/stamp-batches/${OTHER}/reject`);
    const reason = el.querySelector('[data-testid=stamp-reject-reason]') as HTMLTextAreaElement;
    reason.value = 'Vượt sản lượng của lô';
    reason.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=stamp-reject-confirm]') as HTMLElement).click();
    await fixture.whenStable();
    const reject = http.expectOne(`/api/stamp-batches/${OTHER}/reject`);
    expect(reject.request.body).toEqual({ reason: 'Vượt sản lượng của lô' });
    reject.flush(aBatch({ id: OTHER, code: 'TB2222222', status: 'rejected', rejectReason: 'Vượt sản lượng của lô' }));
    await settle();
    expect(rows().map((r) => r.getAttribute('data-id'))).toEqual([BATCH]);
    expect(text(el.querySelector('[data-testid=stamp-staff-notice]'))).toBe('Đã từ chối đợt tem TB2222222.');
  });
});

describe('StaffStampsPage ready batches', () => {
  it('voids a range of a ready batch of the province and follows the worker until it is done', async () => {
    const http = setUp();
    const fixture = TestBed.createComponent(StaffStampsPage);
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/stamp-batches' && r.params.get('status') === 'requested').flush(pageOf([]));
    http.expectOne((r) => r.url === '/api/stamp-batches' && r.params.get('status') === 'ready').flush(pageOf([aReadyBatch({ activated: 12_000 })]));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(text(el.querySelector('[data-testid=stamp-staff-activated]'))).toBe('Đã kích hoạt 12.000/12.000 tem');
    expect(el.querySelector('[data-testid=stamp-range-form]')).toBeNull();
    (el.querySelector('[data-testid=stamp-staff-range]') as HTMLElement).click();
    await fixture.whenStable();
    (el.querySelector('[data-testid=stamp-range-void]') as HTMLInputElement).click();
    await fixture.whenStable();
    for (const [testid, value] of [['stamp-range-from', '0'], ['stamp-range-to', '11999'], ['stamp-range-reason', 'Lô tem bị đánh cắp']] as const) {
      const field = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    (el.querySelector('[data-testid=stamp-range-submit]') as HTMLElement).click();
    await fixture.whenStable();
    (el.querySelector('[data-testid=stamp-void-confirm-yes]') as HTMLElement).click();
    await fixture.whenStable();
    const post = http.expectOne('/api/stamps/void');
    expect(post.request.body).toEqual({ batchId: BATCH, fromSeq: 0, toSeq: 11_999, reason: 'Lô tem bị đánh cắp' });
    const voiding = { ...pending(0, 12_000), status: 'void' as const, fromSeq: 0, toSeq: 11_999, printRun: null, reason: 'Lô tem bị đánh cắp' };
    post.flush({ batchId: BATCH, fromSeq: 0, toSeq: 11_999, status: 'void', changed: null, pending: voiding }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-staff-notice]'))).toBe('Đang huỷ 12.000 tem; theo dõi tiến độ bên dưới.');
    http.expectOne(`/api/stamp-batches/${BATCH}`).flush(aReadyBatch({ activated: 12_000, pendingChange: voiding }));
    await settle();
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aReadyBatch({ activated: 12_000, pendingChange: { ...voiding, progress: { done: 9000, total: 12_000, percent: 75 } } }));
    await settle();
    expect(text(el.querySelector('[data-testid=stamp-pending-change]'))).toBe('Đang huỷ tem số 0 – 11.999 9.000/12.000 tem · 75%');
    (await nextPoll(http, `/api/stamp-batches/${BATCH}`))[0]?.flush(aReadyBatch({ activated: 0 }));
    await settle();
    expect(el.querySelector('[data-testid=stamp-pending-change]')).toBeNull();
    expect(text(el.querySelector('[data-testid=stamp-staff-activated]'))).toBe('Đã kích hoạt 0/12.000 tem');
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone(`/api/stamp-batches/${BATCH}`);
    fixture.destroy();
    http.verify();
  });
});

describe('stamp dictionary', () => {
  it('has a Vietnamese and an English text for every key the pages use and every status', () => {
    const dir = __dirname;
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const used = [...new Set([...source.matchAll(/'(stamp\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])'/g)].map((m) => m[1] as string))];
    expect(used.length).toBeGreaterThan(30);
    const vi = STAMPS_TEXTS['vi'] as Record<string, string>;
    const en = STAMPS_TEXTS['en'] as Record<string, string>;
    for (const key of [...used, ...STAMP_BATCH_STATUSES.map((s) => `stamp.status.${s}`)]) {
      expect([key, key in vi, key in en]).toEqual([key, true, true]);
    }
    expect(Object.keys(en).filter((k) => !(k in vi))).toEqual([]);
  });
});
