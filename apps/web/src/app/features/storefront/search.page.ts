import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { catchError, of } from 'rxjs';
import { Seo } from '../../shared/seo/seo.service';
import { ProductCardComponent } from './product-card.component';
import { SearchFiltersComponent } from './search-filters.component';
import { SearchParams, StorefrontApi } from './storefront.api';

/**
 * `/search?q=…&provinceCode=…&categoryId=…&ocopStars=…&minPrice=…&maxPrice=…&sort=…&page=…`: the URL is the state,
 * so results can be shared and the back button works. The API folds diacritics ("che thai nguyen" finds "Chè Thái Nguyên").
 */
@Component({
  selector: 'nss-search-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, ProductCardComponent, SearchFiltersComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">{{ q() ? ('sf.search.resultsFor' | t: { q: q() ?? '' }) : ('sf.search.title' | t) }}</h1>
    <nss-search-filters [params]="params()" [categories]="categories()" [provinces]="provinces()" (changed)="apply($event)" />
    <nss-error-box [error]="error()" />
    @if (results.isLoading()) {
      <p aria-live="polite">{{ 'common.loading' | t }}</p>
    } @else if (results.hasValue()) {
      @let r = results.value();
      <p class="muted" aria-live="polite" data-testid="search-count">{{ 'sf.search.count' | t: { n: r.total } }}</p>
      @if (r.items.length) {
        <div class="grid">
          @for (p of r.items; track p.id) {
            <nss-product-card [product]="p" testid="search-result" [priority]="$index < 2" [headingLevel]="2" />
          }
        </div>
        <!-- Links, not buttons: paging works without JavaScript (the page is rendered on the server). -->
        @let pages = pageCount(r.total, r.pageSize);
        @if (pages > 1) {
          <nav class="pager" [attr.aria-label]="'sf.search.pages' | t">
            @if (r.page > 1) {
              <a class="btn" rel="prev" routerLink="/search" [queryParams]="{ page: r.page > 2 ? r.page - 1 : null }"
                queryParamsHandling="merge" data-testid="search-page-prev">‹ {{ 'sf.search.prev' | t }}</a>
            }
            <span data-testid="search-page-info">{{ r.page }}/{{ pages }}</span>
            @if (r.page < pages) {
              <a class="btn" rel="next" routerLink="/search" [queryParams]="{ page: r.page + 1 }" queryParamsHandling="merge"
                data-testid="search-page-next">{{ 'sf.search.next' | t }} ›</a>
            }
          </nav>
        }
      } @else {
        <p data-testid="search-empty">{{ 'sf.search.none' | t }}</p>
      }
    }
  `,
  styles: `
    .title { font-size: 1.2rem; margin: 12px 0; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin-top: 8px; }
    .pager { display: flex; align-items: center; justify-content: center; gap: 12px; margin: 16px 0; }
  `,
})
export class SearchPage {
  private readonly api = inject(StorefrontApi);
  private readonly router = inject(Router);

  // Query parameters, bound by the router.
  readonly q = input<string>();
  readonly provinceCode = input<string>();
  readonly categoryId = input<string>();
  readonly ocopStars = input<string>();
  readonly minPrice = input<string>();
  readonly maxPrice = input<string>();
  readonly sort = input<string>();
  readonly page = input<string>();
  /** Results per page (the API's default, 20, when absent). */
  readonly pageSize = input<string>();

  protected readonly params = computed<SearchParams>(() => ({
    q: this.q(),
    provinceCode: this.provinceCode(),
    categoryId: this.categoryId(),
    ocopStars: this.ocopStars(),
    minPrice: this.minPrice(),
    maxPrice: this.maxPrice(),
    sort: this.sort(),
    page: this.page(),
    pageSize: this.pageSize(),
  }));

  protected readonly results = rxResource({ params: () => this.params(), stream: ({ params }) => this.api.search(params) });
  protected readonly error = computed(() => (this.results.error() ? toApiError(this.results.error()) : null));
  // Filter choices; a failure here only leaves the select empty.
  protected readonly categories = toSignal(this.api.categories().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly provinces = toSignal(this.api.provinces().pipe(catchError(() => of([]))), { initialValue: [] });

  /** A filter changed: back to page 1; empty values leave the URL. */
  protected apply(change: SearchParams): void {
    const queryParams: Record<string, string | null> = { page: null };
    for (const [key, value] of Object.entries(change)) queryParams[key] = value ? value : null;
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge' });
  }

  protected pageCount(total: number, pageSize: number): number {
    return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  }

  constructor() {
    const seo = inject(Seo);
    const i18n = inject(I18n);
    effect(() => {
      const q = this.q();
      const title = q ? i18n.t('sf.search.resultsFor', { q }) : i18n.t('sf.search.title');
      const count = this.results.hasValue() ? `${i18n.t('sf.search.count', { n: this.results.value().total })}. ` : '';
      seo.applyBasic(`${title} · ${i18n.t('app.name')}`, `${count}${i18n.t('sf.home.tagline')}`);
    });
  }
}
