import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable, shareReplay } from 'rxjs';
import type { Category, CreateProductRequest, Page, Product, UpdateProductRequest } from './seller.models';

/** Catalogue endpoints for sellers and for agents listing on a managed seller's behalf. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly api = inject(ApiClient);
  private categories$?: Observable<Category[]>;

  categories(): Observable<Category[]> {
    this.categories$ ??= this.api.get<Category[]>('/categories').pipe(shareReplay(1));
    return this.categories$;
  }

  /** The seller's own products, or for an agent those of the sellers it manages (one of them with `sellerId`). */
  myProducts(query: { sellerId?: string | null; page?: number; pageSize?: number } = {}): Observable<Page<Product>> {
    return this.api.get<Page<Product>>('/seller/products', {
      sellerId: query.sellerId,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 100,
    });
  }

  /** One product as its seller (or managing agent) edits it, pending changes included. */
  get(productId: string): Observable<Product> {
    return this.api.get<Product>(`/seller/products/${encodeURIComponent(productId)}`);
  }

  create(body: CreateProductRequest): Observable<Product> {
    return this.api.post<Product>('/products', body);
  }

  update(productId: string, body: UpdateProductRequest): Observable<Product> {
    return this.api.patch<Product>(`/products/${encodeURIComponent(productId)}`, body);
  }

  /** Multipart field `file`; answers with the product including the new photo (413 too large, 415 not a photo). */
  uploadPhoto(productId: string, file: File): Observable<Product> {
    return this.api.upload<Product>(`/products/${encodeURIComponent(productId)}/photos`, file, 'file');
  }

  deletePhoto(productId: string, photoId: string): Observable<void> {
    return this.api.delete<void>(`/products/${encodeURIComponent(productId)}/photos/${encodeURIComponent(photoId)}`);
  }
}
