import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MAX_ADDRESSES as API_MAX_ADDRESSES } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../i18n/orders.texts';
import { MAX_ADDRESSES, type Address } from '../data/orders.models';
import { AddressBookPage } from './address-book.page';

const address = (id: string, recipientName: string, isDefault: boolean): Address => ({
  id: id.repeat(24), recipientName, phone: '0912345678', street: '12 Phố Huế', provinceCode: '01', provinceName: 'Thành phố Hà Nội',
  communeCode: '00004', communeName: 'Phường Ba Đình', adminEra: '2025', isDefault,
});
const HOME = address('a', 'Trần Thị Mua', true);
const WORK = address('b', 'Lê Văn Nhận', false);
const PROVINCES = [{ code: '01', name: 'Thành phố Hà Nội' }, { code: '19', name: 'Thái Nguyên' }];
const COMMUNES = [{ code: '00004', name: 'Phường Ba Đình' }, { code: '00008', name: 'Phường Ngọc Hà' }];

describe('AddressBookPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [AddressBookPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  async function open(items: Address[]) {
    const fixture = TestBed.createComponent(AddressBookPage);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne('/api/me/addresses').flush({ items });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const find = (testid: string) => el.querySelector(`[data-testid=${testid}]`) as HTMLElement;
    const click = (testid: string, within: ParentNode = el) => {
      (within.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      TestBed.tick();
    };
    const type = (testid: string, value: string) => {
      const input = find(testid) as HTMLInputElement | HTMLSelectElement;
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
      TestBed.tick();
    };
    /** The book is read again after every change. */
    const reload = async (next: Address[]) => {
      TestBed.tick();
      http.expectOne((r) => r.method === 'GET' && r.url === '/api/me/addresses').flush({ items: next });
      await fixture.whenStable();
    };
    const unitsAnswered = async () => {
      for (const req of http.match((r) => r.url.endsWith('/provinces'))) req.flush(PROVINCES);
      for (const req of http.match((r) => r.url.includes('/communes'))) req.flush(COMMUNES);
      await fixture.whenStable();
    };
    return { fixture, el, find, click, type, reload, unitsAnswered };
  }

  it('keeps the web’s limit in step with the API’s', () => {
    expect(MAX_ADDRESSES).toBe(API_MAX_ADDRESSES);
  });

  it('lists the book with the default first, makes another the default, and deletes only after a second click', async () => {
    const { el, click, reload } = await open([HOME, WORK]);
    const items = () => Array.from(el.querySelectorAll('[data-testid=address-item]'));
    expect(items().map((li) => [li.getAttribute('data-id'), li.getAttribute('data-default')])).toEqual([
      [HOME.id, 'true'],
      [WORK.id, 'false'],
    ]);
    expect(items()[0]?.querySelector('[data-testid=address-default]')?.textContent).toBe('Mặc định');
    expect(items()[0]?.textContent).toContain('12 Phố Huế, Phường Ba Đình, Thành phố Hà Nội');
    // The default has no "make default" button.
    expect(items()[0]?.querySelector('[data-testid=address-set-default]')).toBeNull();

    click('address-set-default', items()[1] as HTMLElement);
    const made = http.expectOne(`/api/me/addresses/${WORK.id}/default`);
    expect(made.request.method).toBe('POST');
    made.flush({ ...WORK, isDefault: true });
    await reload([{ ...WORK, isDefault: true }, { ...HOME, isDefault: false }]);
    expect(el.querySelector('[data-testid=address-done]')?.textContent).toBe('Đã đổi địa chỉ mặc định.');
    expect(items()[0]?.getAttribute('data-id')).toBe(WORK.id);

    click('address-delete', items()[1] as HTMLElement);
    http.expectNone((r) => r.method === 'DELETE');
    expect(el.textContent).toContain('Xoá địa chỉ này?');
    click('address-delete-confirm', items()[1] as HTMLElement);
    const removed = http.expectOne(`/api/me/addresses/${HOME.id}`);
    expect(removed.request.method).toBe('DELETE');
    removed.flush(null, { status: 204, statusText: 'No Content' });
    await reload([{ ...WORK, isDefault: true }]);
    expect(items()).toHaveLength(1);
  });

  it('adds an address with the province and commune pickers, as the default when asked, and shows field errors', async () => {
    const { el, find, click, type, reload, unitsAnswered } = await open([HOME]);
    click('address-add');
    await unitsAnswered();
    type('addr-name', 'Lê Văn Nhận');
    type('addr-phone', '0987 654 321');
    type('addr-province', '01');
    await unitsAnswered();
    type('addr-commune', '00008');
    type('addr-street', '5 Hoàng Hoa Thám');
    click('address-make-default');
    click('address-save');
    const first = http.expectOne((r) => r.method === 'POST' && r.url === '/api/me/addresses');
    expect(first.request.body).toEqual({
      recipientName: 'Lê Văn Nhận', phone: '0987 654 321', street: '5 Hoàng Hoa Thám', provinceCode: '01', communeCode: '00008', isDefault: true,
    });
    first.flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input',
        issues: [{ path: 'communeCode', message: 'Xã/phường không thuộc tỉnh đã chọn / the commune is not in this province' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    TestBed.tick();
    expect(find('field-error-communeCode')?.textContent).toContain('Xã/phường không thuộc tỉnh đã chọn');
    // The form stays open with what was typed.
    expect((find('addr-street') as HTMLInputElement).value).toBe('5 Hoàng Hoa Thám');

    click('address-save');
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/me/addresses').flush({ ...WORK, isDefault: true });
    await reload([{ ...WORK, isDefault: true }, { ...HOME, isDefault: false }]);
    expect(el.querySelector('[data-testid=address-form]')).toBeNull();
    expect(el.querySelector('[data-testid=address-done]')?.textContent).toBe('Đã thêm địa chỉ.');
  });

  it('edits an address in place with a PATCH of its fields', async () => {
    const { el, find, click, type, reload, unitsAnswered } = await open([HOME]);
    click('address-edit');
    await unitsAnswered();
    expect((find('addr-name') as HTMLInputElement).value).toBe('Trần Thị Mua');
    type('addr-street', '14 Phố Huế');
    click('address-save');
    const patch = http.expectOne(`/api/me/addresses/${HOME.id}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ recipientName: 'Trần Thị Mua', phone: '0912345678', street: '14 Phố Huế', provinceCode: '01', communeCode: '00004' });
    patch.flush({ ...HOME, street: '14 Phố Huế' });
    await reload([{ ...HOME, street: '14 Phố Huế' }]);
    expect(el.querySelector('[data-testid=address-item]')?.textContent).toContain('14 Phố Huế');
  });

  it('offers no “add” once the book is full, and says why', async () => {
    const full = Array.from({ length: MAX_ADDRESSES }, (_, i) => address(String.fromCharCode(97 + i), `Người nhận ${i + 1}`, i === 0));
    const { el } = await open(full);
    expect(el.querySelector('[data-testid=address-add]')).toBeNull();
    expect(el.querySelector('[data-testid=address-full]')?.textContent).toContain('Sổ đã đủ 10 địa chỉ');
  });

  it('says so when the book is empty, and asks nothing about the default for a first address', async () => {
    const { el, click, unitsAnswered } = await open([]);
    expect(el.querySelector('[data-testid=addresses-empty]')).not.toBeNull();
    click('address-add');
    await unitsAnswered();
    expect(el.querySelector('[data-testid=address-make-default]')).toBeNull();
  });
});
