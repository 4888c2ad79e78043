import { ChangeDetectionStrategy, Component, RESPONSE_INIT, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { formatVnDate } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, OcopStarsComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { formatWeight } from '../../shared/format';
import { productSeo } from '../../shared/seo/seo.builders';
import { Seo } from '../../shared/seo/seo.service';
import { AddToCartComponent } from '../orders/ui/add-to-cart.component';
import { ProductReviewsComponent } from '../orders/ui/product-reviews.component';
import { ProductGalleryComponent } from './product-gallery.component';
import { StorefrontApi } from './storefront.api';

/**
 * `/products/:id`: photos, price per unit and net weight, stock, seller and place, certifications, OCOP, "add to
 * cart", and the approved reviews with the average rating.
 */
@Component({
  selector: 'nss-product-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PriceComponent, OcopStarsComponent, StatusChipComponent,
    ProductGalleryComponent, AddToCartComponent, ProductReviewsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product.page.html',
  styles: `
    .layout { display: grid; gap: 16px; margin-top: 12px; }
    @media (min-width: 720px) { .layout { grid-template-columns: 1fr 1fr; } }
    h1 { font-size: 1.3rem; margin: 0 0 6px; }
    .price { font-size: 1.4rem; margin: 4px 0; }
    .unit { color: #5f6368; font-size: 1rem; margin-left: 4px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; margin: 12px 0; }
    dt { color: #5f6368; }
    dd { margin: 0; }
    .stock-out { color: #b3261e; font-weight: 600; }
    .certs { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    .desc { white-space: pre-line; }
  `,
})
export class ProductPage {
  private readonly api = inject(StorefrontApi);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly product = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.product(params) });
  protected readonly error = computed(() => (this.product.error() ? toApiError(this.product.error()) : null));

  constructor() {
    const seo = inject(Seo);
    const i18n = inject(I18n);
    // Rendered on the server: a page that does not exist (or is no longer approved) answers 404, not 200.
    const response = inject(RESPONSE_INIT, { optional: true });
    effect(() => {
      if (response && this.error()?.statusCode === 404) response.status = 404;
    });
    // Title, description, canonical/hreflang, Open Graph (Zalo, Facebook previews) and schema.org Product, rendered
    // on the server with the page.
    effect(() => {
      if (!this.product.hasValue()) return;
      const p = this.product.value();
      seo.apply(
        productSeo(p, {
          baseUrl: seo.baseUrl,
          path: seo.currentPath(),
          lang: i18n.lang(),
          labels: { unit: i18n.t(`unit.${p.unit}`), seller: i18n.t('sf.product.seller') },
        }),
      );
    });
  }

  protected weight(grams: number): string {
    return formatWeight(grams);
  }

  protected date(isoDate: string | undefined): string {
    return isoDate ? formatVnDate(new Date(isoDate)) : '';
  }
}
