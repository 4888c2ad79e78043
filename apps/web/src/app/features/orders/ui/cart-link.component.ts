import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@nss/web-data-access';
import { CartStore } from '../data/cart.store';

/** The header's cart icon with the number of units in the cart (guests and buyers only). */
@Component({
  selector: 'nss-cart-link',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.canBuy()) {
      <a routerLink="/gio-hang" class="cart" data-testid="nav-cart"
        [attr.aria-label]="'shell.cartCount' | t: { n: store.count() }">
        <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="currentColor">
          <path d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM6.2 6l.9 2H20l-3.4 6.2a2 2 0 0 1-1.8 1H8.1l-1 1.8h12v2H5.4l2.4-4.3L4.3 4H2V2h3.6z" /></svg>
        @if (store.count() > 0) {
          <span class="badge" data-testid="cart-count" aria-hidden="true">{{ store.count() > 99 ? '99+' : store.count() }}</span>
        }
      </a>
    }
  `,
  styles: `
    .cart { position: relative; display: inline-flex; align-items: center; justify-content: center; min-width: 44px;
      min-height: 44px; border: 1px solid currentColor; border-radius: 8px; color: inherit; }
    .badge { position: absolute; top: -6px; right: -6px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px;
      background: #ffb300; color: #1d1d1d; font-size: 0.75rem; font-weight: 800; line-height: 20px; text-align: center; }
  `,
})
export class CartLinkComponent {
  protected readonly store = inject(CartStore);
}
