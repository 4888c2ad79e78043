import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { DIARY_RETRY } from '../data/diary-outbox';
import { DIARY_OUTBOX_STORE, MemoryOutboxStore } from '../data/outbox-store';
import { LOTS_TEXTS } from '../i18n/lots.texts';
import type { DiaryEntry, Lot, LotDetail, LotDiary, LotPage } from '../data/lots.models';
import { LotDetailPage } from './lot-detail.page';

const ID = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const SELLER = 's'.repeat(24);
/** Lets the form's awaited send (a promise) finish and the page render it. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function aLotView(overrides: Partial<Lot> = {}): Lot {
  return {
    id: ID, code: 'TC-2026-01', productId: 'p'.repeat(24), productName: 'Chè Tân Cương đặc biệt', sellerId: SELLER,
    sellerName: 'HTX Chè Tân Cương', provinceCode: '19', communeCode: '05503', communeName: 'Xã Tân Cương', adminEra: '2025',
    producedOn: '2026-03-15', expiresOn: null, shelfLifeDays: 365, quantity: 120.5, unit: 'kg', standards: ['VietGAP', 'OCOP'],
    photoIds: [], note: null, status: 'open', createdAt: '2026-03-15T02:00:00.000Z', updatedAt: '2026-03-15T02:00:00.000Z',
    ...overrides,
  };
}

function anEntry(overrides: Partial<DiaryEntry>): DiaryEntry {
  return {
    id: 'e'.repeat(24), lotId: ID, clientId: '3f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f', type: 'harvest', at: '2026-03-15T01:30:00.000Z',
    place: { text: 'Đồi chè xóm Hồng Thái 2', communeCode: '05503', communeName: 'Xã Tân Cương' }, note: 'Hái một tôm hai lá',
    photoId: null, inputs: [], recordedByUserId: 'u'.repeat(24), recordedAt: '2026-03-15T09:00:00.000Z',
    ...overrides,
  };
}

describe('LotDetailPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LotDetailPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: DIARY_OUTBOX_STORE, useValue: new MemoryOutboxStore() },
        { provide: DIARY_RETRY, useValue: { baseMs: 5, maxMs: 20 } },
      ],
    });
    TestBed.inject(I18n).register(LOTS_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  async function open(sales: LotDetail['sales'] = []) {
    const fixture = TestBed.createComponent(LotDetailPage);
    fixture.componentRef.setInput('id', ID);
    fixture.detectChanges();
    http.expectOne(`/api/lots/${ID}`).flush({ ...aLotView(), sales } satisfies LotDetail);
    http.expectOne(`/api/lots/${ID}/diary`).flush({ lotId: ID, items: [anEntry({})] } satisfies LotDiary);
    const others = http.expectOne((r) => r.url === '/api/lots');
    expect(others.request.params.get('sellerId')).toBe(SELLER);
    others.flush({ items: [aLotView(), aLotView({ id: OTHER, code: 'TC-2026-00', productName: 'Chè búp tươi' })], total: 2, page: 1, pageSize: 100 } satisfies LotPage);
    http.expectOne('/api/admin-units/provinces/19/communes').flush([{ code: '05503', name: 'Xã Tân Cương', provinceCode: '19' }]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const set = (testid: string, value: string) => {
      const field = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement | HTMLSelectElement;
      field.value = value;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
    };
    const click = async (testid: string) => {
      (el.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      await fixture.whenStable();
    };
    const texts = (testid: string) => Array.from(el.querySelectorAll(`[data-testid=${testid}]`)).map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    return { fixture, el, set, click, texts };
  }

  it('shows the lot’s facts and its diary as a timeline in Vietnam time', async () => {
    const { el, texts } = await open();
    expect(el.querySelector('h1')?.textContent).toBe('Lô TC-2026-01');
    expect(el.querySelector('[data-testid=lot-amount]')?.textContent).toBe('120,5 kg');
    expect(el.querySelector('[data-testid=lot-facts]')?.textContent).toContain('365 ngày');
    expect(el.querySelector('[data-testid=lot-stamps]')?.getAttribute('href')).toBe(`/nguoi-ban/tem?lotId=${ID}`);
    expect(texts('diary-entry')).toEqual([
      'Thu hoạch · 15/03/2026 08:30Đồi chè xóm Hồng Thái 2, Xã Tân CươngHái một tôm hai lághi lúc 15/03/2026 16:00',
    ]);
  });

  it('adds a processing entry with a device-made clientId; one that gets no answer waits on the device and is sent again with the same clientId', async () => {
    const { el, set, click, texts } = await open();
    const form = () => el.querySelector('[data-testid=diary-form]') as HTMLElement;
    const firstId = form().getAttribute('data-client-id') as string;
    expect(firstId).toMatch(UUID);

    // Nothing is sent without the work and the place.
    await click('diary-submit');
    http.expectNone(`/api/lots/${ID}/diary`);

    set('diary-type', 'processing');
    await settle();
    set('diary-at', '2026-03-16T07:15');
    set('diary-place', 'Xưởng sao chè HTX');
    expect(el.querySelector('[data-testid=diary-input-TC-2026-01]')).toBeNull(); // not the lot itself
    await click('diary-input-TC-2026-00');
    set('diary-input-qty-TC-2026-00', '40');
    set('diary-note', 'Sao tay hai lần');
    await click('diary-submit');

    const expected = {
      clientId: firstId,
      type: 'processing',
      at: '2026-03-16T00:15:00.000Z',
      place: { text: 'Xưởng sao chè HTX' },
      note: 'Sao tay hai lần',
      inputs: [{ lotId: OTHER, quantity: 40 }],
    };
    const failed = http.expectOne(`/api/lots/${ID}/diary`);
    expect(failed.request.body).toEqual(expected);
    failed.error(new ProgressEvent('error'), { status: 0 });
    await settle();
    // Kept on the device, shown in its place in the timeline as waiting to send; the form moves on to a new entry.
    expect(el.querySelector('[data-testid=diary-notice]')?.getAttribute('data-state')).toBe('lot.diary.queued');
    expect(el.querySelector('[data-testid=diary-pending-count]')?.textContent).toContain('1 ghi chép đang chờ gửi');
    expect(texts('diary-pending')).toEqual(['Chế biến · 16/03/2026 07:15Xưởng sao chè HTXSao tay hai lầnĐang chờ gửi']);
    expect(el.querySelector('[data-testid=diary-pending]')?.getAttribute('data-client-id')).toBe(firstId);
    const nextId = form().getAttribute('data-client-id') as string;
    expect(nextId).toMatch(UUID);
    expect(nextId).not.toBe(firstId);

    // The outbox tries again by itself (backoff), with the same clientId.
    let resent = http.match(`/api/lots/${ID}/diary`);
    for (let i = 0; i < 200 && !resent.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      resent = http.match(`/api/lots/${ID}/diary`);
    }
    expect(resent.map((r) => r.request.body)).toEqual([expected]);
    resent[0]?.flush(
      anEntry({ id: 'f'.repeat(24), clientId: firstId, type: 'processing', at: expected.at, place: { text: 'Xưởng sao chè HTX', communeCode: null, communeName: null },
        note: 'Sao tay hai lần', inputs: [{ lotId: OTHER, lotCode: 'TC-2026-00', quantity: 40 }], recordedAt: '2026-03-16T00:20:00.000Z' }),
      { status: 201, statusText: 'Created' },
    );
    await settle();
    await settle();
    expect(texts('diary-entry')).toEqual([
      'Thu hoạch · 15/03/2026 08:30Đồi chè xóm Hồng Thái 2, Xã Tân CươngHái một tôm hai lághi lúc 15/03/2026 16:00',
      'Chế biến · 16/03/2026 07:15Xưởng sao chè HTXSao tay hai lầnĐầu vào: TC-2026-00 (40)ghi lúc 16/03/2026 07:20',
    ]);
    expect(texts('diary-pending')).toEqual([]);
    expect(el.querySelector('[data-testid=diary-pending-count]')).toBeNull();
    http.verify();
  });

  it('shows an entry the server refused later with its reason, and lets the seller drop it', async () => {
    const refusal = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input',
      issues: [{ path: 'at', message: 'Thời điểm không được ở tương lai / the time cannot be in the future' }] };
    const clientId = '9f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f';
    // Left on the device by an earlier visit; the outbox sends it when the app starts.
    await TestBed.inject(DIARY_OUTBOX_STORE).put({
      clientId, lotId: ID, userId: null, createdAt: '2026-03-15T03:00:00.000Z', state: 'waiting', attempts: 0, error: null,
      draft: { clientId, type: 'spraying', at: '2026-03-15T03:00:00.000Z', place: { text: 'Đồi chè' } },
    });
    const { el, click, texts } = await open();
    let req = http.match(`/api/lots/${ID}/diary`);
    for (let i = 0; i < 200 && !req.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      req = http.match(`/api/lots/${ID}/diary`);
    }
    expect(req.map((r) => r.request.body.clientId)).toEqual([clientId]);
    req[0]?.flush(refusal, { status: 400, statusText: 'Bad Request' });
    await settle();
    await settle();
    expect(texts('diary-pending-state')).toEqual(['Không gửi được']);
    expect(texts('diary-pending-error')).toEqual(['Dữ liệu không hợp lệ · at: Thời điểm không được ở tương lai']);
    expect(el.querySelector('[data-testid=diary-pending-count]')).toBeNull(); // refused ones are not "waiting"
    await click('diary-pending-discard');
    await settle();
    expect(texts('diary-pending')).toEqual([]);
    expect(await TestBed.inject(DIARY_OUTBOX_STORE).all()).toEqual([]);
  });

  it('shows the API’s field errors and lets the seller close the lot', async () => {
    const { el, set, click } = await open();
    set('diary-type', 'harvest');
    set('diary-place', 'Đồi chè');
    await click('diary-submit');
    http.expectOne(`/api/lots/${ID}/diary`).flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input',
        issues: [{ path: 'at', message: 'Thời điểm không được ở tương lai / the time cannot be in the future' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('[data-testid=field-error-at]')?.textContent).toContain('Thời điểm không được ở tương lai');

    await click('lot-toggle-status');
    const patch = http.expectOne(`/api/lots/${ID}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ status: 'closed' });
    patch.flush(aLotView({ status: 'closed' }));
    await settle();
    expect(el.querySelector('[data-testid=lot-toggle-status]')?.textContent?.trim()).toBe('Mở lại lô');
  });

  it('opened without a network (the service worker served the app): still takes entries for the lot, kept on the device', async () => {
    const fixture = TestBed.createComponent(LotDetailPage);
    fixture.componentRef.setInput('id', ID);
    fixture.detectChanges();
    http.expectOne(`/api/lots/${ID}`).error(new ProgressEvent('error'), { status: 0 });
    http.expectOne(`/api/lots/${ID}/diary`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=lot-offline]')?.textContent).toContain('Chưa có mạng');
    expect(el.querySelector('[data-testid=diary-empty]')).not.toBeNull();
    expect(el.querySelector('[data-testid=diary-form]')).not.toBeNull();
    expect(el.querySelector('[data-testid=error-box]')).toBeNull();
  });

  it('says so when the lot is not the caller’s (404)', async () => {
    const fixture = TestBed.createComponent(LotDetailPage);
    fixture.componentRef.setInput('id', ID);
    fixture.detectChanges();
    const notFound = { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy lô hàng', messageEn: 'Lot not found' };
    http.expectOne(`/api/lots/${ID}`).flush(notFound, { status: 404, statusText: 'Not Found' });
    http.expectOne(`/api/lots/${ID}/diary`).flush(notFound, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid=lot-not-found]')?.textContent).toContain('Không tìm thấy lô hàng');
  });
  it('lists the orders shipped from the lot (day in Vietnam time, order code, quantity, stamps), or says there are none', async () => {
    const { el } = await open([
      { orderId: 'o'.repeat(24), orderCode: 'DHK7M2P9QX4A', productId: 'p'.repeat(24), soldAt: '2026-11-30T18:00:00.000Z', soldOn: '2026-12-01', quantity: 3, stampCount: 2 },
    ]);
    const items = Array.from(el.querySelectorAll('[data-testid=lot-sale]')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['01/12/2026 · DHK7M2P9QX4A · 3 đơn vị · 2 tem']);
  });

  it('downloads the lot’s EPCIS export as a file (fetched with the token, handed over as an object URL)', async () => {
    const { fixture, el, click } = await open();
    const createObjectURL = jest.fn(() => 'blob:epcis');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    const anchor = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href}`);
    });
    await click('lot-epcis');
    expect(el.querySelector('[data-testid=lot-epcis]')?.textContent?.trim()).toBe('Đang tạo tệp EPCIS…');
    const req = http.expectOne(`/api/lots/${ID}/epcis`);
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['{"type":"EPCISDocument"}'], { type: 'application/ld+json' }));
    await settle();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual(['epcis-lo-TC-2026-01.jsonld blob:epcis']);
    expect(el.querySelector('[data-testid=lot-epcis]')?.textContent?.trim()).toBe('Tải EPCIS (JSON-LD)');

    // A refusal is shown, nothing is saved.
    await click('lot-epcis');
    http.expectOne(`/api/lots/${ID}/epcis`).flush(new Blob([JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy lô hàng', messageEn: 'Lot not found' })]), { status: 404, statusText: 'Not Found' });
    await settle();
    fixture.detectChanges();
    expect(clicked).toHaveLength(1);
    expect(el.querySelector('[data-testid=error-box]')).not.toBeNull();
    anchor.mockRestore();
  });

  it('says when nothing was sold from the lot yet', async () => {
    const { el } = await open();
    expect(el.querySelector('[data-testid=lot-sales]')?.textContent).toContain('Chưa có đơn hàng nào giao từ lô này.');
  });
});
