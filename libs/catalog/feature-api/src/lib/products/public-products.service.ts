import { Injectable } from '@nestjs/common';
import type { ProductDetail } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { CatalogSearchIndex } from '../search/catalog-search-index';
import { PRODUCT_WHAT } from './products.repository';

/**
 * The public product page: approved products only; anything else is 404 (a malformed id is refused with 400 by the route). Served from the
 * public read model of CatalogSearchIndex, kept fresh by the catalogue version exactly like search.
 */
@Injectable()
export class PublicProductsService {
  constructor(private readonly index: CatalogSearchIndex) {}

  async detail(id: string): Promise<ProductDetail> {
    // `id` is a validated lower-case ObjectId (productIdParamsSchema).
    const detail = await this.index.detail(id);
    if (!detail) throw AppError.notFound(...PRODUCT_WHAT);
    return detail;
  }
}
