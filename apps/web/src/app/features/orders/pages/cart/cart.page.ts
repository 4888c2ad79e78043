import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnd } from '@nss/util-vn';
import { AuthSession, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, PriceComponent } from '@nss/web-ui';
import { Observable } from 'rxjs';
import { CartStore } from '../../data/cart.store';
import type { CartLine, CartView } from '../../data/orders.models';

/** `/gio-hang`: lines grouped by seller, quantity steppers, flags with "accept new prices", totals. */
@Component({
  selector: 'nss-cart-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, PriceComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../ui/orders.css',
  template: `
    <nss-page-header [title]="'ord.cart.title' | t" />
    <nss-error-box [error]="error() ?? store.error()" />
    @if (!store.loaded()) {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (store.lineCount() === 0) {
      <section class="card" data-testid="cart-empty">
        <p>{{ 'ord.cart.empty' | t }}</p>
        <a class="btn" routerLink="/search">{{ 'ord.cart.browse' | t }}</a>
      </section>
    } @else {
      @let cart = store.cart();
      @if (cart.hasIssues) {
        <div class="card" role="alert" data-testid="cart-issues">
          <p>{{ 'ord.cart.issues' | t }}</p>
          @if (hasPriceChanges()) {
            <button type="button" class="btn" data-testid="cart-accept-changes" [disabled]="busy()"
              (click)="run(store.acceptChanges())">{{ 'ord.cart.acceptPrices' | t }}</button>
          }
        </div>
      }
      @for (group of cart.groups; track group.sellerId) {
        <section class="card" data-testid="cart-group" [attr.data-seller-id]="group.sellerId"
          [attr.aria-label]="group.sellerName">
          <h2>{{ group.sellerName }} <small class="muted">· {{ group.provinceName }}</small></h2>
          <ul class="lines">
            @for (line of group.lines; track line.productId) {
              <li data-testid="cart-line" [attr.data-product-id]="line.productId">
                @if (line.thumbnailUrl) {
                  <img class="thumb" [src]="line.thumbnailUrl" alt="" width="56" height="56" />
                } @else {
                  <span class="thumb" aria-hidden="true"></span>
                }
                <div class="line-body">
                  <a class="line-name" [routerLink]="['/products', line.productId]">{{ line.name }}</a>
                  <div class="small">
                    <nss-price [amount]="line.unitPriceVnd" /> / {{ 'unit.' + line.unit | t }}
                    @if (line.flags.includes('price_changed')) {
                      <span class="muted"> ({{ 'ord.cart.was' | t }} <s>{{ vnd(line.addedPriceVnd) }}</s>)</span>
                    }
                  </div>
                  @for (flag of line.flags; track flag) {
                    <span class="flag" [class.bad]="flag !== 'price_changed'" [attr.data-testid]="'flag-' + flag">
                      {{ 'ord.flag.' + flag | t: { n: line.stock } }}</span>
                  }
                  <div class="between">
                    <span class="stepper" role="group" [attr.aria-label]="'ord.cart.quantityOf' | t: { name: line.name }">
                      <button type="button" data-testid="qty-minus" [disabled]="busy()"
                        [attr.aria-label]="'ord.cart.less' | t" (click)="step(line, -1)">−</button>
                      <input type="number" inputmode="numeric" min="0" data-testid="qty-input"
                        [attr.aria-label]="'ord.cart.quantity' | t" [value]="line.quantity" [disabled]="busy()"
                        (change)="typed(line, $event)" />
                      <button type="button" data-testid="qty-plus" [disabled]="busy() || line.quantity >= line.stock"
                        [attr.aria-label]="'ord.cart.more' | t" (click)="step(line, 1)">+</button>
                    </span>
                    <nss-price [amount]="line.lineTotalVnd" />
                  </div>
                  <button type="button" class="link-btn" data-testid="cart-remove" [disabled]="busy()"
                    (click)="run(store.remove(line.productId))">{{ 'ord.cart.remove' | t }}</button>
                </div>
              </li>
            }
          </ul>
          <p class="between"><span>{{ 'ord.cart.subtotal' | t }}</span><nss-price [amount]="group.subtotalVnd" /></p>
        </section>
      }
      <section class="card">
        <p class="between total"><span>{{ 'ord.cart.itemsTotal' | t }}</span>
          <span data-testid="cart-total"><nss-price [amount]="cart.itemsTotalVnd" /></span></p>
        <p class="muted small">{{ 'ord.cart.shippingLater' | t }}</p>
        <button type="button" class="btn btn-primary btn-block" data-testid="cart-checkout"
          [disabled]="cart.hasIssues || busy()" (click)="checkout()">{{ 'ord.cart.checkout' | t }}</button>
      </section>
    }
  `,
})
export class CartPage implements OnInit {
  protected readonly store = inject(CartStore);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly hasPriceChanges = computed(() =>
    this.store.cart().groups.some((g) => g.lines.some((l) => l.flags.includes('price_changed'))),
  );

  ngOnInit(): void {
    this.store.reload();
  }

  protected step(line: CartLine, delta: number): void {
    this.run(this.store.setQuantity(line.productId, Math.max(0, line.quantity + delta)));
  }

  protected typed(line: CartLine, event: Event): void {
    const value = Math.floor(Number((event.target as HTMLInputElement).value));
    if (!Number.isFinite(value) || value < 0) return;
    this.run(this.store.setQuantity(line.productId, value));
  }

  protected run(call: Observable<CartView>): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: () => this.busy.set(false),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        this.store.reload();
      },
    });
  }

  protected checkout(): void {
    if (this.session.isLoggedIn()) void this.router.navigateByUrl('/thanh-toan');
    else void this.router.navigate(['/auth/login'], { queryParams: { returnUrl: '/thanh-toan' } });
  }

  protected vnd(amount: number): string {
    return formatVnd(amount);
  }
}
