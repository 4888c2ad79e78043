import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductCard } from '@nss/contracts';
import { TranslatePipe } from '@nss/web-data-access';
import { OcopStarsComponent, PriceComponent } from '@nss/web-ui';

/** One product in a grid: photo, name, price per unit, seller and place, OCOP stars. The whole card is a link. */
@Component({
  selector: 'nss-product-card',
  imports: [RouterLink, TranslatePipe, PriceComponent, OcopStarsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = product();
    <a class="card-link" [routerLink]="['/products', p.id]" [attr.data-testid]="testid()" [attr.data-product-id]="p.id">
      @if (p.thumbUrl) {
        <img [src]="p.thumbUrl" [alt]="p.name" width="320" height="320" loading="lazy" decoding="async" />
      } @else {
        <div class="no-photo" aria-hidden="true">🌿</div>
      }
      <div class="body">
        <h3 class="name" data-testid="product-name">{{ p.name }}</h3>
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
}
