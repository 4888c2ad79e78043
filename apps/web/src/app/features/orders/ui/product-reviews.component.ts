import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { formatVnDate } from '@nss/util-vn';
import { TranslatePipe } from '@nss/web-data-access';
import { ReviewsApi } from '../data/reviews.api';

/** The product page's rating (average stars and count) and its approved reviews. */
@Component({
  selector: 'nss-product-reviews',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (reviews.hasValue()) {
      @let r = reviews.value();
      <section aria-labelledby="reviews-title" data-testid="product-reviews" [attr.data-count]="r.count">
        <h2 id="reviews-title">{{ 'sf.reviews.title' | t }}</h2>
        @if (r.count && r.averageStars !== null) {
          <p class="summary" data-testid="reviews-summary">
            <span class="stars" aria-hidden="true">{{ starText(r.averageStars) }}</span>
            <strong>{{ average() }}</strong>/5 · {{ 'sf.reviews.count' | t: { n: r.count } }}
            <span class="sr-only">{{ 'sf.reviews.average' | t: { avg: average(), n: r.count } }}</span>
          </p>
          <ul class="list">
            @for (item of r.items; track item.id) {
              <li class="card" data-testid="review-item">
                <span class="stars" [attr.aria-label]="'sf.reviews.nStars' | t: { n: item.stars }">{{ starText(item.stars) }}</span>
                <strong> {{ item.reviewerName }}</strong> <small class="muted">· {{ date(item.createdAt) }}</small>
                <p class="text">{{ item.text }}</p>
              </li>
            }
          </ul>
        } @else {
          <p class="muted" data-testid="reviews-none">{{ 'sf.reviews.none' | t }}</p>
        }
      </section>
    }
  `,
  styles: `
    .stars { color: #e0a100; letter-spacing: 1px; }
    .list { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    .text { margin: 4px 0 0; white-space: pre-line; overflow-wrap: anywhere; }
  `,
})
export class ProductReviewsComponent {
  private readonly api = inject(ReviewsApi);
  readonly productId = input.required<string>();

  protected readonly reviews = rxResource({ params: () => this.productId(), stream: ({ params }) => this.api.forProduct(params) });
  protected readonly average = computed(() => {
    const avg = this.reviews.value()?.averageStars ?? 0;
    return avg.toFixed(1).replace('.', ',');
  });

  protected starText(stars: number): string {
    const full = Math.round(stars);
    return '★'.repeat(full) + '☆'.repeat(Math.max(0, 5 - full));
  }

  protected date(iso: string): string {
    return formatVnDate(new Date(iso));
  }
}
