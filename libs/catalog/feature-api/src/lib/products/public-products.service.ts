import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { ProductDetail } from '@nss/contracts';
import { AppError, MediaStorage } from '@nss/server-core';
import { productDetailView } from './product-view';
import { PRODUCT_WHAT, ProductsRepository } from './products.repository';

/** The public product page: approved products only; anything else (or a malformed id) is 404. */
@Injectable()
export class PublicProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly storage: MediaStorage,
  ) {}

  async detail(id: string): Promise<ProductDetail> {
    if (!/^[0-9a-f]{24}$/i.test(id) || !Types.ObjectId.isValid(id)) throw AppError.notFound(...PRODUCT_WHAT);
    const doc = await this.products.findPublic(id);
    if (!doc) throw AppError.notFound(...PRODUCT_WHAT);
    return productDetailView(doc, this.storage);
  }
}
