import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { SellerStatus, SellerSummary } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PagerComponent } from '@nss/web-ui';
import { Decision } from './decision-form.component';
import { ReviewQueue } from './review-queue';
import { SellerReviewCardComponent } from './seller-review-card.component';
import { StaffApi } from './staff.api';

const STATUSES: readonly SellerStatus[] = ['pending_verification', 'verified', 'rejected'];

/** `/staff/sellers?status=…&page=…`: sellers of the province to verify (pending first), approve or reject with a reason. */
@Component({
  selector: 'nss-seller-queue-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PagerComponent, SellerReviewCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="tabs" [attr.aria-label]="'staff.sellers.title' | t">
      @for (s of statuses; track s) {
        <a routerLink="." [queryParams]="{ status: s === 'pending_verification' ? null : s }"
          [attr.aria-current]="s === current() ? 'page' : null" [attr.data-testid]="'seller-tab-' + s">
          {{ 'staff.sellerStatus.' + s | t }}</a>
      }
    </nav>
    @if (notice()) {
      <p class="notice" role="status" data-testid="staff-notice">{{ notice() }}</p>
    }
    <nss-error-box [error]="error()" />
    @if (sellers.hasValue()) {
      @let page = sellers.value();
      <p class="muted" data-testid="seller-queue-count">{{ 'staff.count' | t: { n: page.total } }}</p>
      <div class="stack">
        @for (s of page.items; track s.id) {
          @if (!(queue.done()[s.id] && s.status === 'pending_verification')) {
            <nss-seller-review-card [seller]="s" [busy]="queue.busyId() === s.id" [error]="queue.errors()[s.id] ?? null"
              (decided)="decide(s, $event)" />
          }
        } @empty {
          <p data-testid="seller-queue-empty">{{ 'staff.sellers.empty' | t }}</p>
        }
      </div>
      <nss-pager [page]="page.page" [pageSize]="page.pageSize" [total]="page.total" testid="seller-page" (pageChange)="goTo($event)" />
    } @else if (sellers.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
  `,
})
export class SellerQueuePage {
  private readonly api = inject(StaffApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statuses = STATUSES;
  protected readonly current = computed<SellerStatus>(() => {
    const s = this.status() as SellerStatus | undefined;
    return s && STATUSES.includes(s) ? s : 'pending_verification';
  });
  protected readonly sellers = rxResource({
    params: () => ({ status: this.current(), page: Number(this.page()) || 1 }),
    stream: ({ params }) => this.api.sellers(params.status, params.page),
  });
  protected readonly error = computed(() => (this.sellers.error() ? toApiError(this.sellers.error()) : null));
  protected readonly queue = new ReviewQueue();
  protected readonly notice = signal<string | null>(null);

  protected decide(seller: SellerSummary, d: Decision): void {
    this.notice.set(null);
    this.queue.send(seller.id, d.decision, this.api.verifySeller(seller.id, d), () => {
      const key = d.decision === 'approve' ? 'staff.sellers.approved' : 'staff.sellers.rejected';
      this.notice.set(this.i18n.t(key, { name: seller.displayName }));
      this.sellers.reload();
    });
  }

  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }
}
