import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../i18n/orders.texts';
import type { Review } from '../data/orders.models';
import { ReviewModerationPage } from './review-moderation.page';

const REVIEW: Review = {
  id: 'r'.repeat(24), orderId: 'o'.repeat(24), productId: 'p'.repeat(24), productName: 'Chè Tân Cương', sellerId: 's'.repeat(24),
  provinceCode: '19', stars: 2, text: 'Chè bị ẩm, mùi lạ.', reviewerName: 'Lan N.', status: 'pending', rejectionReason: null,
  createdAt: '2026-12-01T01:00:00.000Z', decidedAt: null,
};

describe('ReviewModerationPage', () => {
  it('rejects a pending review with the reason typed, then reads the queue again', async () => {
    TestBed.configureTestingModule({ imports: [ReviewModerationPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(ORDERS_TEXTS);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReviewModerationPage);
    fixture.detectChanges();
    TestBed.tick();
    const list = http.expectOne((r) => r.url === '/api/moderation/reviews');
    expect(list.request.params.get('status')).toBe('pending');
    list.flush({ items: [REVIEW], total: 1, page: 1, pageSize: 20 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const reason = el.querySelector('[data-testid=moderation-reason]') as HTMLInputElement;
    reason.value = 'Nội dung không liên quan tới sản phẩm ';
    reason.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=moderation-reject]') as HTMLButtonElement).click();
    const reject = http.expectOne(`/api/moderation/reviews/${REVIEW.id}/reject`);
    expect(reject.request.body).toEqual({ reason: 'Nội dung không liên quan tới sản phẩm' });
    reject.flush({ ...REVIEW, status: 'rejected', rejectionReason: 'Nội dung không liên quan tới sản phẩm' });
    TestBed.tick();
    http.expectOne((r) => r.url === '/api/moderation/reviews').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=moderation-done]')?.textContent).toContain('Đã từ chối đánh giá “Chè Tân Cương”');
    expect(el.querySelector('[data-testid=moderation-empty]')).not.toBeNull();
  });
});
