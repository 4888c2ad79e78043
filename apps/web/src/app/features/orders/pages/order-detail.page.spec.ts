import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { BrowserLocation } from '../../payments/data/payments.api';
import { ORDERS_TEXTS } from '../i18n/orders.texts';
import type { Order } from '../data/orders.models';
import { OrderDetailPage } from './order-detail.page';

const ID = 'o'.repeat(24);
const base: Order = {
  id: ID, code: 'DHK7M2P9QX4A', sellerId: 's1', sellerName: 'HTX Chè Tân Cương', state: 'packed', paymentMethod: 'cod',
  paymentStatus: 'processing', itemsTotalVnd: 240000, shippingFeeVnd: 30000, totalVnd: 270000, itemCount: 1,
  createdAt: '2026-12-01T01:00:00.000Z', checkoutId: 'c1', checkoutCode: 'TTK7M2P9QX4A', buyerUserId: 'u1',
  lines: [{ productId: 'p1', name: 'Chè Tân Cương', unit: 'kg', netWeightGrams: 1000, unitPriceVnd: 120000, quantity: 2,
    lineTotalVnd: 240000, lotId: null, lotCode: null, stampSerials: [] }],
  weightGrams: 2000,
  shippingAddress: { recipientName: 'Lan', phone: '0912345678', street: '12 Hoàng Văn Thụ', provinceCode: '19',
    provinceName: 'Thái Nguyên', communeCode: '05500', communeName: 'Phan Đình Phùng' },
  note: null, stateVersion: 3,
  history: [
    { from: null, to: 'cod_confirmed', at: '2026-12-01T01:00:00.000Z', actorUserId: 'u1', actorRole: 'buyer' },
    { from: 'cod_confirmed', to: 'accepted', at: '2026-12-01T02:30:00.000Z', actorUserId: 'u2', actorRole: 'seller' },
    { from: 'accepted', to: 'packed', at: '2026-12-01T17:05:00.000Z', actorUserId: 'u2', actorRole: 'seller' },
  ],
  shipment: null, cancelReason: null, updatedAt: '2026-12-01T17:05:00.000Z',
};

describe('OrderDetailPage', () => {
  let http: HttpTestingController;
  const assign = jest.fn();

  beforeEach(() => {
    assign.mockReset();
    TestBed.configureTestingModule({
      imports: [OrderDetailPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: BrowserLocation, useValue: { assign } }],
    });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  async function open(mode: 'buyer' | 'seller', order: Order) {
    const fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', ID);
    fixture.componentRef.setInput('mode', mode);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne(`/api/orders/${ID}`).flush(order);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = (testid: string, value: string) => {
      const input = el.querySelector(`[data-testid=${testid}]`) as HTMLInputElement | HTMLSelectElement;
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    };
    const click = async (testid: string) => {
      (el.querySelector(`[data-testid=${testid}]`) as HTMLElement).click();
      await fixture.whenStable();
    };
    return { fixture, el, type, click };
  }

  it('shows the timeline in Vietnam time with the steps still to come', async () => {
    const { el } = await open('buyer', base);
    const items = Array.from(el.querySelectorAll('[data-testid=order-timeline] li'));
    expect(items.map((li) => li.getAttribute('data-state'))).toEqual(['cod_confirmed', 'accepted', 'packed', 'shipped', 'delivered', 'completed']);
    const times = Array.from(el.querySelectorAll('[data-testid=timeline-time]')).map((t) => t.textContent);
    // 17:05 UTC is already the next day in Vietnam.
    expect(times).toEqual(['01/12/2026 08:00', '01/12/2026 09:30', '02/12/2026 00:05']);
    expect(items[2].getAttribute('aria-current')).toBe('step');
    expect(items[3].classList.contains('future')).toBe(true);
    // A buyer cannot cancel a packed order.
    expect(el.querySelector('[data-testid=action-cancel]')).toBeNull();
  });

  it('shows the buyer’s note to the seller on both sides, each with its own label', async () => {
    const note = 'Gọi trước khi giao.\nCổng xanh số 12.';
    const buyer = await open('buyer', { ...base, note });
    expect(buyer.el.querySelector('[data-testid=order-note]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Ghi chú gửi người bán: Gọi trước khi giao. Cổng xanh số 12.',
    );
    const seller = await open('seller', { ...base, note });
    expect(seller.el.querySelector('[data-testid=order-note] strong')?.textContent).toBe('Ghi chú của người mua:');
    expect(seller.el.querySelector('[data-testid=order-note] .note-text')?.textContent).toBe(note);
    const none = await open('seller', base);
    expect(none.el.querySelector('[data-testid=order-note]')).toBeNull();
  });

  it('lets the seller hand a packed order to a carrier with a tracking code, then shows it shipped', async () => {
    const { fixture, el, type, click } = await open('seller', base);
    expect(Array.from(el.querySelectorAll('[data-testid^=action-]')).map((b) => b.getAttribute('data-testid'))).toEqual([
      'action-ship',
      'action-cancel',
    ]);
    await click('action-ship');
    http.expectOne((r) => r.url === '/api/lots' && r.params.get('sellerId') === 's1').flush({ items: [], total: 0, page: 1, pageSize: 100 });
    type('ship-carrier', 'other');
    await click('ship-carrier');
    type('ship-carrier-other', 'Xe khách Thái Nguyên');
    type('ship-tracking', 'TN-2026-0001');
    await click('ship-submit');
    const req = http.expectOne(`/api/orders/${ID}/ship`);
    expect(req.request.body).toEqual({ carrier: 'Xe khách Thái Nguyên', trackingCode: 'TN-2026-0001' });
    const shipped: Order = { ...base, state: 'shipped', shipment: { carrier: 'Xe khách Thái Nguyên', trackingCode: 'TN-2026-0001' } };
    req.flush(shipped);
    TestBed.tick();
    http.expectOne(`/api/orders/${ID}`).flush(shipped);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=action-done]')?.textContent).toContain('giao cho vận chuyển');
    expect(el.querySelector('[data-testid=order-tracking-code]')?.textContent).toContain('TN-2026-0001');
    expect(el.querySelector('[data-testid=action-deliver]')).not.toBeNull();
  });

  it('lets the seller record the lot of each line and paste its stamp serials when shipping, and shows them after', async () => {
    const { fixture, el, type, click } = await open('seller', base);
    await click('action-ship');
    const lots = http.expectOne((r) => r.url === '/api/lots' && r.params.get('sellerId') === 's1' && r.params.get('status') === 'open');
    const lot = (id: string, productId: string, code: string) => ({ id, productId, code, producedOn: '2026-11-20' });
    lots.flush({ items: [lot('l'.repeat(24), 'p1', 'CHE-11'), lot('m'.repeat(24), 'p2', 'GAO-01')], total: 2, page: 1, pageSize: 100 });
    await fixture.whenStable();
    // Only the lots of the line's product are offered; the serials field appears once a lot is chosen.
    const options = Array.from(el.querySelectorAll('[data-testid=ship-lot-0] option')).map((o) => o.textContent?.trim());
    expect(options).toEqual(['Không ghi lô', 'CHE-11 · 2026-11-20']);
    expect(el.querySelector('[data-testid=ship-serials-0]')).toBeNull();
    type('ship-lot-0', 'l'.repeat(24));
    await fixture.whenStable();
    type('ship-serials-0', ' 7FF2 MJWY UHMT R9\n\nABCDEFGHJKMNP2 , ');
    type('ship-tracking', 'GHN-555');
    await click('ship-submit');
    const req = http.expectOne(`/api/orders/${ID}/ship`);
    expect(req.request.body).toEqual({
      carrier: 'GHN',
      trackingCode: 'GHN-555',
      lines: [{ productId: 'p1', lotId: 'l'.repeat(24), serials: ['7FF2 MJWY UHMT R9', 'ABCDEFGHJKMNP2'] }],
    });
    const shipped: Order = {
      ...base,
      state: 'shipped',
      shipment: { carrier: 'GHN', trackingCode: 'GHN-555' },
      lines: [{ ...(base.lines[0] as Order['lines'][number]), lotId: 'l'.repeat(24), lotCode: 'CHE-11', stampSerials: ['7FF2MJWYUHMTR9', 'ABCDEFGHJKMNP2'] }],
    };
    req.flush(shipped);
    TestBed.tick();
    http.expectOne(`/api/orders/${ID}`).flush(shipped);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=order-line-lot]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Lô: CHE-11 · 2 tem');
  });

  it('shows the API’s refusal of a stamp (409) naming the line and serial, and keeps the form open', async () => {
    const { fixture, el, type, click } = await open('seller', base);
    await click('action-ship');
    http.expectOne((r) => r.url === '/api/lots').flush({ items: [{ id: 'l'.repeat(24), productId: 'p1', code: 'CHE-11', producedOn: '2026-11-20' }], total: 1, page: 1, pageSize: 100 });
    await fixture.whenStable();
    type('ship-lot-0', 'l'.repeat(24));
    await fixture.whenStable();
    type('ship-serials-0', '7FF2MJWYUHMTR9');
    type('ship-tracking', 'GHN-555');
    await click('ship-submit');
    http.expectOne(`/api/orders/${ID}/ship`).flush(
      { statusCode: 409, code: 'STAMP_UNAVAILABLE', message: 'Có tem không dùng được cho đơn này', messageEn: 'Some stamps cannot be sold with this order',
        issues: [{ path: 'lines.0.serials.0', message: 'Tem đã được bán với đơn khác / the stamp was sold with another order' }] },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.textContent).toContain('Tem đã được bán với đơn khác');
    expect(el.querySelector('[data-testid=ship-form]')).not.toBeNull();
    expect((el.querySelector('[data-testid=ship-serials-0]') as HTMLTextAreaElement).value).toBe('7FF2MJWYUHMTR9');
    http.expectNone(`/api/orders/${ID}`);
  });

  it('refreshes the order when the seller’s action lost a race (409), and needs a reason to cancel', async () => {
    const { fixture, el, type, click } = await open('seller', { ...base, state: 'accepted' });
    await click('action-cancel');
    type('cancel-reason', 'Hết hàng do mưa lũ');
    await click('cancel-submit');
    const req = http.expectOne(`/api/orders/${ID}/cancel`);
    expect(req.request.body).toEqual({ reason: 'Hết hàng do mưa lũ' });
    req.flush({ statusCode: 409, code: 'ILLEGAL_TRANSITION', message: 'Đơn đã chuyển trạng thái', messageEn: 'Illegal transition' },
      { status: 409, statusText: 'Conflict' });
    TestBed.tick();
    http.expectOne(`/api/orders/${ID}`).flush({ ...base, state: 'cancelled' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=error-box]')?.getAttribute('data-code')).toBe('ILLEGAL_TRANSITION');
    expect(el.querySelector('[data-testid=order-detail]')?.getAttribute('data-state')).toBe('cancelled');
    expect(el.querySelector('[data-testid=cancel-form]')).toBeNull();
  });

  it('records cash collected for a delivered COD order through payments', async () => {
    const { click } = await open('seller', { ...base, state: 'delivered' });
    await click('action-collect');
    const req = http.expectOne(`/api/payments/cod/${ID}/collected`);
    expect(req.request.method).toBe('POST');
  });

  it('lets the buyer of an unpaid VNPay order try the gateway again', async () => {
    const { click } = await open('buyer', { ...base, state: 'awaiting_payment', paymentMethod: 'vnpay', paymentStatus: 'unpaid',
      history: [base.history[0]] });
    await click('pay-now');
    const pay = http.expectOne('/api/payments');
    expect(pay.request.body).toEqual({ checkoutId: 'c1', locale: 'vn' });
    expect(pay.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    pay.flush({ id: 'p'.repeat(24), checkoutId: 'c1', checkoutCode: 'TTK7M2P9QX4A', status: 'requires_action', method: 'vnpay',
      amountVnd: 270000, nextAction: { type: 'redirect', url: 'http://127.0.0.1:7552/paymentv2/vpcpay.html?a=1' }, reason: null,
      createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z' });
    expect(assign).toHaveBeenCalledWith('http://127.0.0.1:7552/paymentv2/vpcpay.html?a=1');
  });
});
