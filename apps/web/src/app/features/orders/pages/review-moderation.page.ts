import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PagerComponent } from '@nss/web-ui';
import { Observable } from 'rxjs';
import { ReviewsApi } from '../data/reviews.api';
import type { Review, ReviewStatus } from '../data/orders.models';

/** `/quan-ly/danh-gia`: buyers' reviews of the province's products, approved or rejected (with a reason) by staff. */
@Component({
  selector: 'nss-review-moderation-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PagerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  template: `
    <h2>{{ 'ord.moderation.title' | t }}</h2>
    <div class="field">
      <label for="review-status">{{ 'ord.list.filter' | t }}</label>
      <select id="review-status" data-testid="review-status-filter" (change)="pick($event)">
        @for (s of statuses; track s) { <option [value]="s" [selected]="status() === s">{{ 'ord.moderation.' + s | t }}</option> }
      </select>
    </div>
    @if (done(); as d) { <p class="notice" role="status" data-testid="moderation-done">{{ d }}</p> }
    <nss-error-box [error]="error()" />
    @if (reviews.error()) { <nss-error-box [error]="asError(reviews.error())" /> }
    @if (reviews.hasValue()) {
      @let list = reviews.value();
      @if (!list.items.length) { <p class="card muted" data-testid="moderation-empty">{{ 'ord.moderation.empty' | t }}</p> }
      <ul class="lines">
        @for (r of list.items; track r.id) {
          <li class="card" style="display:block" data-testid="moderation-review" [attr.data-id]="r.id">
            <p class="between"><a [routerLink]="['/products', r.productId]">{{ r.productName }}</a>
              <span class="stars" [attr.aria-label]="'ord.review.nStars' | t: { n: r.stars }">{{ '★'.repeat(r.stars) }}</span></p>
            <p class="small muted">{{ r.reviewerName }} · {{ time(r.createdAt) }}</p>
            <p style="white-space: pre-line">{{ r.text }}</p>
            @if (r.status === 'pending') {
              <div class="field">
                <label [for]="'reject-' + r.id">{{ 'ord.moderation.reason' | t }}</label>
                <input [id]="'reject-' + r.id" data-testid="moderation-reason" [value]="reasons()[r.id] ?? ''" (input)="setReason(r.id, $event)" />
              </div>
              <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="moderation-approve" [disabled]="busy()"
                  (click)="run(api.approve(r.id), r)">{{ 'common.approve' | t }}</button>
                <button type="button" class="btn btn-danger" data-testid="moderation-reject" [disabled]="busy()"
                  (click)="run(api.reject(r.id, (reasons()[r.id] ?? '').trim()), r)">{{ 'common.reject' | t }}</button>
              </div>
            } @else if (r.rejectionReason) {
              <p class="small">{{ 'common.reason' | t }}: {{ r.rejectionReason }}</p>
            }
          </li>
        }
      </ul>
      <nss-pager [page]="list.page" [pageSize]="list.pageSize" [total]="list.total" (pageChange)="page.set($event)" />
    }
  `,
  styles: `.stars { color: #e0a100; letter-spacing: 1px; }`,
})
export class ReviewModerationPage {
  protected readonly api = inject(ReviewsApi);
  private readonly i18n = inject(I18n);

  protected readonly statuses: readonly ReviewStatus[] = ['pending', 'approved', 'rejected'];
  protected readonly status = signal<ReviewStatus>('pending');
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly reasons = signal<Record<string, string>>({});
  protected readonly reviews = rxResource({
    params: () => ({ status: this.status(), page: this.page() }),
    stream: ({ params }) => this.api.moderation(params.status, params.page),
  });

  protected pick(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as ReviewStatus);
    this.page.set(1);
  }

  protected setReason(id: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.reasons.update((r) => ({ ...r, [id]: value }));
  }

  protected run(call: Observable<Review>, review: Review): void {
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    call.subscribe({
      next: (decided) => {
        this.busy.set(false);
        this.done.set(this.i18n.t(`ord.moderation.done.${decided.status}`, { name: review.productName }));
        this.reviews.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }
}
