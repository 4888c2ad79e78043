import { ChangeDetectionStrategy, Component, RESPONSE_INIT, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { Seo } from '../../shared/seo/seo.service';
import { ProductCardComponent } from './product-card.component';
import { StorefrontApi } from './storefront.api';

/**
 * `/cua-hang/:id` (`?page=`): a seller's shop, rendered on the server: its public name, kind and place (no personal
 * data) and its approved products; paging is links, so it works without JavaScript.
 */
@Component({
  selector: 'nss-shop-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, ProductCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-error-box [error]="error()" />
    @if (shop.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
    @if (shop.hasValue()) {
      @let s = shop.value();
      <section class="head" data-testid="shop">
        <h1 data-testid="shop-name">{{ s.seller.displayName }}</h1>
        <p class="muted">{{ 'sellerType.' + s.seller.type | t }} · <span data-testid="shop-place">{{ s.seller.communeName }}, {{ s.seller.provinceName }}</span></p>
        <p class="muted">{{ 'sf.search.count' | t: { n: s.products.total } }}</p>
      </section>
      <div class="grid">
        @for (p of s.products.items; track p.id) {
          <nss-product-card [product]="p" testid="shop-product" [priority]="$index < 2" [headingLevel]="2" />
        }
      </div>
      @let pages = pageCount(s.products.total, s.products.pageSize);
      @if (pages > 1) {
        <nav class="pager" [attr.aria-label]="'sf.search.pages' | t">
          @if (s.products.page > 1) {
            <a class="btn" rel="prev" [routerLink]="[]" [queryParams]="{ page: s.products.page > 2 ? s.products.page - 1 : null }"
              queryParamsHandling="merge" data-testid="shop-page-prev">‹ {{ 'sf.search.prev' | t }}</a>
          }
          <span>{{ s.products.page }}/{{ pages }}</span>
          @if (s.products.page < pages) {
            <a class="btn" rel="next" [routerLink]="[]" [queryParams]="{ page: s.products.page + 1 }" queryParamsHandling="merge"
              data-testid="shop-page-next">{{ 'sf.search.next' | t }} ›</a>
          }
        </nav>
      }
    }
  `,
  styles: `
    .head { margin: 12px 0; }
    .head h1 { font-size: 1.3rem; margin: 0 0 4px; }
    .head p { margin: 0 0 2px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
    .pager { display: flex; align-items: center; justify-content: center; gap: 12px; margin: 16px 0; }
  `,
})
export class ShopPage {
  private readonly api = inject(StorefrontApi);
  /** Route parameter `:id` (the seller's id) and query parameter `page`. */
  readonly id = input.required<string>();
  readonly page = input<string>();

  protected readonly shop = rxResource({
    params: () => ({ id: this.id(), page: this.page() }),
    stream: ({ params }) => this.api.shop(params.id, params.page),
  });
  protected readonly error = computed(() => (this.shop.error() ? toApiError(this.shop.error()) : null));

  constructor() {
    const seo = inject(Seo);
    const i18n = inject(I18n);
    // Rendered on the server: a page that does not exist (or is no longer approved) answers 404, not 200.
    const response = inject(RESPONSE_INIT, { optional: true });
    effect(() => {
      if (response && this.error()?.statusCode === 404) response.status = 404;
    });
    effect(() => {
      if (!this.shop.hasValue()) return;
      const { seller, products } = this.shop.value();
      const kind = i18n.t(`sellerType.${seller.type}`);
      seo.applyBasic(
        `${seller.displayName} – ${seller.provinceName} · ${i18n.t('app.name')}`,
        `${kind} · ${seller.communeName}, ${seller.provinceName} · ${i18n.t('sf.search.count', { n: products.total })}`,
      );
    });
  }

  protected pageCount(total: number, pageSize: number): number {
    return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  }
}
