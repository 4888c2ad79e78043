import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { Product } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PagerComponent } from '@nss/web-ui';
import { catchError, of } from 'rxjs';
import { Decision } from './decision-form.component';
import { ProductReviewCardComponent } from './product-review-card.component';
import { ReviewQueue } from './review-queue';
import { StaffApi } from './staff.api';

/** `/staff/products?page=…`: listings waiting for moderation in the province (new ones and pending edits). */
@Component({
  selector: 'nss-product-queue-page',
  imports: [TranslatePipe, ErrorBoxComponent, PagerComponent, ProductReviewCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (notice()) {
      <p class="notice" role="status" data-testid="staff-notice">{{ notice() }}</p>
    }
    <nss-error-box [error]="error()" />
    @if (products.hasValue()) {
      @let page = products.value();
      <p class="muted" data-testid="product-queue-count">{{ 'staff.count' | t: { n: page.total } }}</p>
      <div class="stack">
        @for (p of page.items; track p.id) {
          @if (!queue.done()[p.id]) {
            <nss-product-review-card [product]="p" [categoryName]="categoryName(p)" [busy]="queue.busyId() === p.id"
              [error]="queue.errors()[p.id] ?? null" (decided)="decide(p, $event)" />
          }
        } @empty {
          <p data-testid="product-queue-empty">{{ 'staff.products.empty' | t }}</p>
        }
      </div>
      <nss-pager [page]="page.page" [pageSize]="page.pageSize" [total]="page.total" testid="product-page" (pageChange)="goTo($event)" />
    } @else if (products.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
  `,
})
export class ProductQueuePage {
  private readonly api = inject(StaffApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  readonly page = input<string>();

  protected readonly products = rxResource({
    params: () => Number(this.page()) || 1,
    stream: ({ params }) => this.api.pendingProducts(params),
  });
  protected readonly error = computed(() => (this.products.error() ? toApiError(this.products.error()) : null));
  private readonly categories = toSignal(this.api.categories().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly queue = new ReviewQueue();
  protected readonly notice = signal<string | null>(null);

  protected categoryName(p: Product): string {
    const c = this.categories().find((x) => x.id === p.categoryId);
    return c ? (this.i18n.lang() === 'en' ? c.nameEn : c.name) : '';
  }

  protected decide(product: Product, d: Decision): void {
    this.notice.set(null);
    this.queue.send(product.id, d.decision, this.api.moderateProduct(product.id, d), () => {
      const key = d.decision === 'approve' ? 'staff.products.approved' : 'staff.products.rejected';
      this.notice.set(this.i18n.t(key, { name: product.name }));
    });
  }

  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }
}
