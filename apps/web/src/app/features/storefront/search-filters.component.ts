import { ChangeDetectionStrategy, Component, afterNextRender, inject, input, output, signal } from '@angular/core';
import type { Category, ProvinceDto, SearchQuery } from '@nss/contracts';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { SearchParams } from './storefront.api';

/** Province, category, OCOP stars, price range and sort; every change is emitted at once (selects) or on change (prices). */
@Component({
  selector: 'nss-search-filters',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = params();
    <!-- A plain GET form to /search as well: without JavaScript the filters still work (the submit button, removed once
      the app runs: the filters then apply on change). Not a <noscript>: with JavaScript on, the browser parses its
      content as text, which the server-rendered page's hydration cannot match (TypeError, page not hydrated). -->
    <form class="filters" action="/search" method="get" (submit)="$event.preventDefault()" [attr.aria-label]="'sf.filter.title' | t">
      @if (p.q) {
        <input type="hidden" name="q" [value]="p.q" />
      }
      <div class="field">
        <label for="filter-province">{{ 'sf.filter.province' | t }}</label>
        <select id="filter-province" name="provinceCode" data-testid="filter-province" #prov (change)="set('provinceCode', prov.value)">
          <option value="" [selected]="!p.provinceCode">{{ 'sf.filter.any' | t }}</option>
          @for (pr of provinces(); track pr.code) {
            <option [value]="pr.code" [selected]="p.provinceCode === pr.code">{{ pr.name }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label for="filter-category">{{ 'sf.filter.category' | t }}</label>
        <select id="filter-category" name="categoryId" data-testid="filter-category" #cat (change)="set('categoryId', cat.value)">
          <option value="" [selected]="!p.categoryId">{{ 'sf.filter.any' | t }}</option>
          @for (c of categories(); track c.id) {
            <option [value]="c.id" [selected]="p.categoryId === c.id">{{ i18n.lang() === 'en' ? c.nameEn : c.name }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label for="filter-ocop">{{ 'sf.filter.ocop' | t }}</label>
        <select id="filter-ocop" name="ocopStars" data-testid="filter-ocop" #ocop (change)="set('ocopStars', ocop.value)">
          <option value="" [selected]="!p.ocopStars">{{ 'sf.filter.any' | t }}</option>
          @for (n of stars; track n) {
            <option [value]="n" [selected]="p.ocopStars === '' + n">{{ 'sf.filter.stars' | t: { n } }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label for="filter-sort">{{ 'sf.filter.sort' | t }}</label>
        <select id="filter-sort" name="sort" data-testid="filter-sort" #sort (change)="set('sort', sort.value)">
          @for (s of sorts; track s) {
            <option [value]="s" [selected]="(p.sort ?? 'relevance') === s">{{ 'sf.sort.' + s | t }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label for="filter-min-price">{{ 'sf.filter.minPrice' | t }}</label>
        <input id="filter-min-price" name="minPrice" data-testid="filter-min-price" type="number" inputmode="numeric" min="0" step="1000"
          #min [value]="p.minPrice ?? ''" (change)="set('minPrice', min.value)" />
      </div>
      <div class="field">
        <label for="filter-max-price">{{ 'sf.filter.maxPrice' | t }}</label>
        <input id="filter-max-price" name="maxPrice" data-testid="filter-max-price" type="number" inputmode="numeric" min="0" step="1000"
          #max [value]="p.maxPrice ?? ''" (change)="set('maxPrice', max.value)" />
      </div>
      @if (!running()) {
        <button type="submit" class="btn" data-testid="filter-apply">{{ 'sf.filter.apply' | t }}</button>
      }
    </form>
  `,
  styles: `
    .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px 10px; }
    .field label { font-size: 0.9rem; }
  `,
})
export class SearchFiltersComponent {
  protected readonly i18n = inject(I18n);
  readonly params = input.required<SearchParams>();
  readonly categories = input<readonly Category[]>([]);
  readonly provinces = input<readonly ProvinceDto[]>([]);
  readonly changed = output<SearchParams>();

  /** True once the app runs in the browser (after hydration). */
  protected readonly running = signal(false);
  protected readonly stars = [3, 4, 5];

  constructor() {
    afterNextRender(() => this.running.set(true));
  }
  // Not imported from @nss/contracts at runtime: that would pull zod into the bundle.
  protected readonly sorts: readonly SearchQuery['sort'][] = ['relevance', 'price_asc', 'price_desc', 'newest'];

  protected set(key: keyof SearchParams, value: string): void {
    const clean = key === 'minPrice' || key === 'maxPrice' ? value.replace(/\D/g, '') : value;
    this.changed.emit({ [key]: clean });
  }
}
