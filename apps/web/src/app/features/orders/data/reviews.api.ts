import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';
import type { Page, ProductReviews, Review, ReviewStatus } from './orders.models';

/** Approved reviews of a product (public) and their moderation (staff). */
@Injectable({ providedIn: 'root' })
export class ReviewsApi {
  private readonly api = inject(ApiClient);

  forProduct(productId: string, page = 1): Observable<ProductReviews> {
    return this.api.get<ProductReviews>(`/products/${encodeURIComponent(productId)}/reviews`, { page, pageSize: 10 });
  }

  /** Staff of the products' province (admins: all). */
  moderation(status: ReviewStatus, page = 1): Observable<Page<Review>> {
    return this.api.get<Page<Review>>('/moderation/reviews', { status, page, pageSize: 20 });
  }

  approve(id: string): Observable<Review> {
    return this.api.post<Review>(`/moderation/reviews/${encodeURIComponent(id)}/approve`, {});
  }

  reject(id: string, reason: string): Observable<Review> {
    return this.api.post<Review>(`/moderation/reviews/${encodeURIComponent(id)}/reject`, { reason });
  }
}
