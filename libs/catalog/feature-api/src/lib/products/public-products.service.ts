import { Injectable } from '@nestjs/common';
import type { ProductDetail } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { CatalogSearchIndex } from '../search/catalog-search-index';
import { PRODUCT_WHAT } from './products.repository';

/**
 * The public product page: approved products only; anything else (or a malformed id) is 404. Served from the
 * public read model of CatalogSearchIndex, kept fresh by the catalogue version exactly like search.
 */
@Injectable()
export class PublicProductsService {
  constructor(private readonly index: CatalogSearchIndex) {}

  async detail(id: string): Promise<ProductDetail> {
    const detail = /^[0-9a-f]{24}$/i.test(id) ? await this.index.detail(id.toLowerCase()) : null;
    if (!detail) throw AppError.notFound(...PRODUCT_WHAT);
    return detail;
  }
}
