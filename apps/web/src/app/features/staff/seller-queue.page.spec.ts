import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SellerSummary } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { SellerQueuePage } from './seller-queue.page';
import { STAFF_TEXTS } from './staff.i18n';

const seller: SellerSummary = {
  id: 'a'.repeat(24),
  type: 'household',
  displayName: 'Hộ bà Hoa',
  representativeName: 'Hoàng Thị Hoa',
  phoneMasked: '091****678',
  provinceCode: '19',
  communeCode: '05503',
  communeName: 'Xã Tân Cương',
  status: 'pending_verification',
  onboardingSource: 'agent',
  createdAt: '2026-11-22T01:00:00.000Z',
};

describe('SellerQueuePage', () => {
  it('approves, and rejects only with a reason', async () => {
    TestBed.configureTestingModule({
      imports: [SellerQueuePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(STAFF_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SellerQueuePage);
    fixture.detectChanges();
    TestBed.tick();
    const list = http.expectOne((r) => r.url === '/api/sellers');
    expect(list.request.params.get('status')).toBe('pending_verification');
    list.flush({ items: [seller], total: 1, page: 1, pageSize: 20 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const click = (id: string) => (el.querySelector(`[data-testid="${id}"]`) as HTMLElement).click();

    expect(el.textContent).toContain('08:00'); // 01:00 UTC shown in Vietnam time
    click(`reject-seller-${seller.id}`);
    await fixture.whenStable();
    click(`confirm-reject-seller-${seller.id}`);
    await fixture.whenStable();
    http.expectNone(`/api/sellers/${seller.id}/verify`);
    expect(el.querySelector('[data-testid=field-error-reason]')?.textContent).toContain('lý do');

    const reason = el.querySelector(`[data-testid="reject-reason-seller-${seller.id}"]`) as HTMLTextAreaElement;
    reason.value = 'Sai số CCCD';
    reason.dispatchEvent(new Event('input'));
    click(`confirm-reject-seller-${seller.id}`);
    const verify = http.expectOne(`/api/sellers/${seller.id}/verify`);
    expect(verify.request.body).toEqual({ decision: 'reject', reason: 'Sai số CCCD' });
    verify.flush({});
    fixture.detectChanges(); // not whenStable(): the list reloads and stays pending until answered
    expect(el.querySelector('[data-testid=staff-notice]')?.textContent).toContain('Đã từ chối');
    http.expectOne((r) => r.url === '/api/sellers').flush({ items: [], total: 0, page: 1, pageSize: 20 });
  });
});
