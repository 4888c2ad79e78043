import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, OcopStarsComponent, PageHeaderComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { CatalogApi } from '../../data/catalog.api';
import type { Product } from '../../data/seller.models';

/** The seller's products (or, for an agent, one managed household's) with their moderation state. */
@Component({
  selector: 'nss-product-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, StatusChipComponent, PriceComponent, OcopStarsComponent],
  styleUrl: '../../ui/form.css',
  styles: `
    .product { display: flex; gap: 12px; align-items: flex-start; }
    .product img { width: 72px; height: 72px; object-fit: cover; border-radius: 8px; background: #eee; flex: none; }
    .product h2 { font-size: 1.05rem; margin: 0 0 4px; }
    .grow { flex: 1; min-width: 0; }
  `,
  template: `
    <nss-page-header [title]="(sellerId() ? 'seller.products.forHousehold' : 'seller.products.title') | t">
      <a class="btn" routerLink="new" data-testid="product-add">{{ 'seller.products.add' | t }}</a>
    </nss-page-header>
    <nss-error-box [error]="error()" />
    @if (loading()) {
      <p role="status">{{ 'seller.common.loading' | t }}</p>
    } @else {
      <ul class="list">
        @for (p of products(); track p.id) {
          <li class="card product" [attr.data-testid]="'product-' + p.id">
            @if (p.photos[0]; as photo) {
              <img [src]="photo.thumbUrl || photo.url" alt="" loading="lazy" />
            }
            <div class="grow">
              <h2>{{ p.moderation.pendingChanges?.name ?? p.name }}</h2>
              <p class="row">
                <nss-price [amount]="p.priceVnd" /> / {{ 'seller.unit.' + p.unit | t }}
                · {{ 'seller.products.stock' | t }}: {{ p.stock }}
                @if (p.ocop; as o) {
                  <nss-ocop-stars [stars]="o.stars" [state]="o.state" />
                }
              </p>
              <p class="row">
                <nss-status-chip [status]="p.moderation.status" [label]="'seller.moderation.' + p.moderation.status | t" />
                @if (p.moderation.pendingChanges) {
                  <nss-status-chip status="pending" [label]="'seller.moderation.pendingChanges' | t" />
                }
                @if (p.ocop && p.ocop.state !== 'valid') {
                  <nss-status-chip [status]="p.ocop.state" [label]="'seller.ocop.state.' + p.ocop.state | t" />
                }
              </p>
              @if (p.moderation.reason) {
                <p class="muted">{{ 'seller.moderation.reason' | t }}: {{ p.moderation.reason }}</p>
              }
              <a class="btn" [routerLink]="p.id" [attr.data-testid]="'product-edit-' + p.id">{{ 'seller.products.edit' | t }}</a>
            </div>
          </li>
        } @empty {
          <li class="muted">{{ 'seller.products.empty' | t }}</li>
        }
      </ul>
    }
  `,
})
export class ProductListPage implements OnInit {
  private readonly api = inject(CatalogApi);

  /** Set on the agent's route `/agent/households/:sellerId/products`. */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly products = signal<Product[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    this.api.myProducts({ sellerId: this.sellerId() }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.products.set(page.items);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
