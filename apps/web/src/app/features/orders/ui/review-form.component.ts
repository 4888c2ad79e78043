import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent } from '@nss/web-ui';
import { OrdersApi } from '../data/orders.api';

/** Rating one product of a delivered order: 1–5 stars and a text; the API allows one review per product. */
@Component({
  selector: 'nss-review-form',
  imports: [TranslatePipe, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .stars { display: flex; gap: 2px; border: 0; padding: 0; margin: 0 0 8px; }
    .stars label { min-width: 44px; min-height: 44px; display: inline-flex; align-items: center; justify-content: center;
      font-size: 1.6rem; color: #b0b6ad; cursor: pointer; }
    .stars label.on { color: #e0a100; }
    .stars input { position: absolute; opacity: 0; width: 1px; height: 1px; }
    .stars input:focus-visible + span { outline: 3px solid #ffb300; }
    textarea { width: 100%; min-height: 80px; font: inherit; padding: 8px; border: 1px solid #9aa09a; border-radius: 8px; }
  `,
  template: `
    @if (sent()) {
      <p class="notice" role="status" data-testid="review-sent">{{ 'ord.review.sent' | t }}</p>
    } @else {
      <form (submit)="$event.preventDefault(); send()" [attr.aria-label]="'ord.review.for' | t: { name: productName() }"
        data-testid="review-form" [attr.data-product-id]="productId()">
        <fieldset class="stars">
          <legend class="sr-only">{{ 'ord.review.stars' | t }}</legend>
          @for (n of [1, 2, 3, 4, 5]; track n) {
            <label [class.on]="n <= stars()">
              <input type="radio" [name]="'stars-' + productId()" [value]="n" [checked]="stars() === n"
                [attr.data-testid]="'review-star-' + n" (change)="stars.set(n)" />
              <span aria-hidden="true">★</span><span class="sr-only">{{ 'ord.review.nStars' | t: { n: n } }}</span>
            </label>
          }
        </fieldset>
        <label [for]="'review-text-' + productId()" class="sr-only">{{ 'ord.review.text' | t }}</label>
        <textarea [id]="'review-text-' + productId()" data-testid="review-text" [placeholder]="'ord.review.placeholder' | t"
          [value]="text()" (input)="typed($event)"></textarea>
        <nss-field-error [error]="error()" path="text" />
        <nss-error-box [error]="error()" [shownPaths]="['text']" />
        <button type="submit" class="btn" data-testid="review-submit" [disabled]="busy() || !stars()">
          {{ 'ord.review.submit' | t }}</button>
      </form>
    }
  `,
})
export class ReviewFormComponent {
  private readonly api = inject(OrdersApi);
  readonly orderId = input.required<string>();
  readonly productId = input.required<string>();
  readonly productName = input('');

  protected readonly stars = signal(0);
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected typed(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
  }

  protected send(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.review(this.orderId(), { productId: this.productId(), stars: this.stars(), text: this.text().trim() }).subscribe({
      next: () => {
        this.busy.set(false);
        this.sent.set(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const error = toApiError(err);
        // Already reviewed (unique per buyer and product): nothing more to do here.
        if (error.statusCode === 409) this.sent.set(true);
        else this.error.set(error);
      },
    });
  }
}
