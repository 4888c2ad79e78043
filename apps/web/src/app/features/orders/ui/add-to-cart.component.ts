import { ChangeDetectionStrategy, Component, afterNextRender, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { CartStore } from '../data/cart.store';

/** "Add to cart" with a quantity, on the product page. Hidden for roles that do not buy. */
@Component({
  selector: 'nss-add-to-cart',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.canBuy()) {
      <form class="add" (submit)="$event.preventDefault(); add()">
        <label for="add-qty" class="sr-only">{{ 'sf.cart.quantity' | t }}</label>
        <span class="stepper">
          <button type="button" [disabled]="!ready()" [attr.aria-label]="'sf.cart.less' | t" (click)="quantity.set(quantity() > 1 ? quantity() - 1 : 1)">−</button>
          <input id="add-qty" type="number" inputmode="numeric" min="1" [max]="stock()" data-testid="add-qty" [value]="quantity()"
            [disabled]="!ready()"
            (change)="typed($event)" />
          <button type="button" [disabled]="!ready()" [attr.aria-label]="'sf.cart.more' | t" (click)="quantity.set(quantity() + 1)">+</button>
        </span>
        <button type="submit" class="btn btn-primary" data-testid="add-to-cart" [disabled]="!ready() || busy() || stock() < 1">
          {{ 'sf.cart.add' | t }}</button>
      </form>
      @if (added()) {
        <p class="notice" role="status" data-testid="added-to-cart">{{ 'sf.cart.added' | t }}
          <a routerLink="/gio-hang">{{ 'sf.cart.view' | t }}</a></p>
      }
      <nss-error-box [error]="error()" />
    }
  `,
  styles: `
    .add { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
    .add .btn { flex: 1; min-width: 160px; }
    .stepper { display: inline-flex; border: 1px solid #9aa09a; border-radius: 8px; overflow: hidden; }
    .stepper button { min-width: 44px; min-height: 44px; border: 0; background: #f1f4ef; font: inherit; font-size: 1.2rem; cursor: pointer; }
    .stepper input { width: 56px; min-height: 44px; border: 0; text-align: center; font: inherit; }
  `,
})
export class AddToCartComponent {
  protected readonly store = inject(CartStore);
  readonly productId = input.required<string>();
  readonly stock = input(1);

  protected readonly quantity = signal(1);
  /**
   * False in the page the server rendered and until this browser has hydrated it: a quantity typed or a tap before
   * then would be lost (hydration sets the field back to 1 and no handler is attached yet), so the form stays
   * disabled until it can work. Event replay is off (see app.config.ts).
   */
  protected readonly ready = signal(false);
  protected readonly busy = signal(false);
  protected readonly added = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  constructor() {
    afterNextRender(() => this.ready.set(true));
  }

  protected typed(event: Event): void {
    const value = Math.floor(Number((event.target as HTMLInputElement).value));
    this.quantity.set(Number.isFinite(value) && value > 0 ? value : 1);
  }

  protected add(): void {
    this.busy.set(true);
    this.added.set(false);
    this.error.set(null);
    this.store.add(this.productId(), this.quantity()).subscribe({
      next: () => {
        this.busy.set(false);
        this.added.set(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
