import { NgOptimizedImage } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductCard } from '@nss/contracts';
import { TranslatePipe } from '@nss/web-data-access';
import { OcopStarsComponent, PriceComponent } from '@nss/web-ui';
import { PHOTO_LOADER, photoSrcset } from '../../shared/photo-image';

/**
 * One product in a grid: photo, name, price per unit, seller and place, OCOP stars. The whole card is a link.
 * The photo comes in its WebP sizes (the browser takes the 320 px one on most phones); cards in the first row are
 * `priority` (eager, fetched first: the page's largest paint), the others load lazily when scrolled near.
 */
@Component({
  selector: 'nss-product-card',
  imports: [RouterLink, NgOptimizedImage, TranslatePipe, PriceComponent, OcopStarsComponent],
  providers: [PHOTO_LOADER],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = product();
    <a class="card-link" [routerLink]="['/products', p.id]" [attr.data-testid]="testid()" [attr.data-product-id]="p.id">
      @if (p.photoVariants[0]; as small) {
        <!-- The grid's columns are 150–230 px wide (one column under 334 px). -->
        <img [ngSrc]="small.url" [ngSrcset]="srcset(p)" [loaderParams]="{ variants: p.photoVariants }"
          sizes="(max-width: 333px) calc(100vw - 24px), 230px" [width]="small.width" [height]="small.height" [alt]="p.name"
          [priority]="priority()" data-testid="product-card-photo" />
      } @else if (p.thumbUrl) {
        <!-- A photo the worker has not resized yet: its original. -->
        <img [src]="p.thumbUrl" [alt]="p.name" width="320" height="320" [attr.loading]="priority() ? 'eager' : 'lazy'" decoding="async" />
      } @else {
        <div class="no-photo" aria-hidden="true">🌿</div>
      }
      <div class="body">
        <!-- h2 right under a page's h1 (search, shop), h3 under a section's h2 (home): headings never skip a level. -->
        @if (headingLevel() === 2) {
          <h2 class="name" data-testid="product-name">{{ p.name }}</h2>
        } @else {
          <h3 class="name" data-testid="product-name">{{ p.name }}</h3>
        }
        <p class="price"><nss-price [amount]="p.priceVnd" /> <span class="unit">/ {{ 'unit.' + p.unit | t }}</span></p>
        @if (p.ocopStars) {
          <nss-ocop-stars [stars]="p.ocopStars" />
        }
        <p class="seller">{{ p.sellerName }}</p>
        <p class="place">{{ p.communeName }}, {{ p.provinceName }}</p>
      </div>
    </a>
  `,
  styles: `
    :host { display: block; }
    .card-link { display: flex; flex-direction: column; height: 100%; background: #fff; border-radius: 10px;
      overflow: hidden; color: inherit; text-decoration: none; box-shadow: 0 1px 3px rgb(0 0 0 / 12%); }
    img, .no-photo { width: 100%; aspect-ratio: 1; object-fit: cover; background: #e8ede6; display: block; }
    .no-photo { display: flex; align-items: center; justify-content: center; font-size: 2rem; }
    .body { padding: 8px 10px 10px; display: grid; gap: 2px; }
    .name { font-size: 0.95rem; margin: 0; line-height: 1.3; overflow: hidden; display: -webkit-box;
      -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
    p { margin: 0; font-size: 0.85rem; }
    .price { font-size: 1rem; }
    .unit, .seller, .place { color: #5f6368; }
    .unit { margin-left: 4px; }
    .seller { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  `,
})
export class ProductCardComponent {
  readonly product = input.required<ProductCard>();
  readonly testid = input('product-card');
  /** Level of the product name's heading: 2 when the grid sits right under the page's h1. */
  readonly headingLevel = input<2 | 3>(3);
  /** Above the fold: loaded eagerly and first (the page's largest paint), not lazily. */
  readonly priority = input(false);

  protected srcset(p: ProductCard): string {
    return photoSrcset(p.photoVariants);
  }
}
