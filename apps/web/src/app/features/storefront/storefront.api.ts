import { Injectable, inject } from '@angular/core';
import type { Category, Page, ProductCard, ProductDetail, ProvinceDto, SearchQuery, Shop, StorefrontHome } from '@nss/contracts';
import { ApiClient } from '@nss/web-data-access';
import { Observable, shareReplay } from 'rxjs';

/** Filters as they sit in the URL (`/search?q=…&provinceCode=…`); everything optional. */
export type SearchParams = Partial<Record<keyof SearchQuery, string>>;

/** Public catalogue reads for the storefront. Categories and provinces rarely change: fetched once per visit. */
@Injectable({ providedIn: 'root' })
export class StorefrontApi {
  private readonly api = inject(ApiClient);
  private categories$?: Observable<Category[]>;
  private provinces$?: Observable<ProvinceDto[]>;

  home(): Observable<StorefrontHome> {
    return this.api.get<StorefrontHome>('/storefront/home');
  }

  search(params: SearchParams): Observable<Page<ProductCard>> {
    return this.api.get<Page<ProductCard>>('/search', { pageSize: 20, ...params });
  }

  product(id: string): Observable<ProductDetail> {
    return this.api.get<ProductDetail>(`/products/${encodeURIComponent(id)}`);
  }

  /** A seller's public shop (`GET /shops/:id`): name, kind and place, and its approved products. */
  shop(sellerId: string, page?: string): Observable<Shop> {
    return this.api.get<Shop>(`/shops/${encodeURIComponent(sellerId)}`, { page });
  }

  categories(): Observable<Category[]> {
    return (this.categories$ ??= this.api.get<Category[]>('/categories').pipe(shareReplay(1)));
  }

  provinces(): Observable<ProvinceDto[]> {
    return (this.provinces$ ??= this.api.get<ProvinceDto[]>('/admin-units/provinces').pipe(shareReplay(1)));
  }
}
