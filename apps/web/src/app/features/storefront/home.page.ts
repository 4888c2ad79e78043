import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { Seo } from '../../shared/seo/seo.service';
import { ProductCardComponent } from './product-card.component';
import { StorefrontApi } from './storefront.api';

/** `GET /storefront/home`: featured OCOP products, categories and provinces with products. */
@Component({
  selector: 'nss-home-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, ProductCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="hero">
      <h1>{{ 'sf.home.title' | t }}</h1>
      <p>{{ 'sf.home.tagline' | t }}</p>
    </section>
    <nss-error-box [error]="error()" />
    @if (home.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
    @if (home.hasValue()) {
      @let h = home.value();
      @if (h.categories.length) {
        <h2>{{ 'sf.home.categories' | t }}</h2>
        <nav class="chips" [attr.aria-label]="'sf.home.categories' | t">
          @for (c of h.categories; track c.id) {
            <a class="chip" routerLink="/search" [queryParams]="{ categoryId: c.id }" data-testid="home-category">
              {{ lang() === 'en' ? c.nameEn : c.name }}</a>
          }
        </nav>
      }
      <h2>{{ 'sf.home.featured' | t }}</h2>
      @if (h.featured.length) {
        <div class="grid">
          @for (p of h.featured; track p.id) {
            <nss-product-card [product]="p" testid="featured-product" [priority]="$index < 2" />
          }
        </div>
      } @else {
        <p class="muted">{{ 'common.empty' | t }}</p>
      }
      @if (h.provinces.length) {
        <h2>{{ 'sf.home.provinces' | t }}</h2>
        <ul class="provinces">
          @for (pr of h.provinces; track pr.code) {
            <li>
              <a routerLink="/search" [queryParams]="{ provinceCode: pr.code }" data-testid="home-province">
                <span>{{ pr.name }}</span>
                <span class="muted">{{ 'sf.home.productCount' | t: { n: pr.productCount } }}</span>
              </a>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .hero { margin: 12px 0 4px; }
    .hero h1 { font-size: 1.3rem; margin: 0 0 4px; }
    .hero p { margin: 0; color: #5f6368; }
    .chips { display: flex; gap: 8px; overflow-x: auto; padding-bottom: 4px; scrollbar-width: none; }
    .chip { flex: none; display: inline-flex; align-items: center; min-height: 40px; padding: 0 14px; border-radius: 20px;
      background: #fff; border: 1px solid #c7d3c4; color: #1f5f2a; text-decoration: none; font-weight: 600; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
    .provinces { list-style: none; margin: 0; padding: 0; background: #fff; border-radius: 10px; }
    .provinces a { display: flex; justify-content: space-between; gap: 8px; min-height: 48px; align-items: center;
      padding: 0 12px; color: inherit; text-decoration: none; border-bottom: 1px solid #eef0ec; }
  `,
})
export class HomePage {
  private readonly api = inject(StorefrontApi);
  protected readonly lang = inject(I18n).lang;
  protected readonly home = rxResource({ stream: () => this.api.home() });
  protected readonly error = computed(() => (this.home.error() ? toApiError(this.home.error()) : null));

  constructor() {
    const seo = inject(Seo);
    const i18n = inject(I18n);
    effect(() => seo.applyBasic(`${i18n.t('sf.home.title')} · ${i18n.t('app.name')}`, i18n.t('sf.home.tagline')));
  }
}
