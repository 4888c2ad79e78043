import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '@nss/server-core';
import { vnDayKey } from '@nss/util-vn';
import { ProductDoc } from '../products/product.schema';
import { CatalogEvent } from './catalog-event.schema';

const PAGE = 500;

type ListedProduct = Pick<ProductDoc, 'sellerId' | 'provinceCode' | 'communeCode' | 'ocop' | 'listedAt'> & { _id: Types.ObjectId };

/**
 * `product.approved:<productId>` for each product listed before the catalogue wrote that event (reporting counts
 * listings from events only). Same key, time (`listedAt`) and OCOP stars (valid on that day) as the live moderation
 * writes; the key is unique, so running this twice or alongside an approval writes each event once.
 */
@Injectable()
export class CatalogEventsBackfillRepository {
  private readonly logger = new Logger(CatalogEventsBackfillRepository.name);

  constructor(
    @InjectModel(ProductDoc.name) private readonly products: Model<ProductDoc>,
    @InjectModel(CatalogEvent.name) private readonly events: Model<CatalogEvent>,
  ) {}

  async approvedEventsOfListedProducts(): Promise<number> {
    let written = 0;
    for (let after: Types.ObjectId | null = null; ; ) {
      const page: ListedProduct[] = await this.products
        .find({ listedAt: { $ne: null }, ...(after ? { _id: { $gt: after } } : {}) }, { sellerId: 1, provinceCode: 1, communeCode: 1, ocop: 1, listedAt: 1 })
        .sort({ _id: 1 })
        .limit(PAGE)
        .lean<ListedProduct[]>()
        .exec();
      if (!page.length) break;
      after = page[page.length - 1]?._id ?? null;
      const keyOf = (p: ListedProduct) => `product.approved:${p._id.toHexString()}`;
      const have = new Set((await this.events.collection.find({ key: { $in: page.map(keyOf) } }, { projection: { key: 1 } }).toArray()).map((d) => String(d['key'])));
      const docs = page
        .filter((p) => p.listedAt && !have.has(keyOf(p)))
        .map((p) => {
          const at = p.listedAt as Date;
          return {
            key: keyOf(p),
            type: 'product.approved' as const,
            at,
            dayVn: vnDayKey(at),
            productId: p._id.toHexString(),
            sellerId: p.sellerId,
            provinceCode: p.provinceCode,
            communeCode: p.communeCode,
            adminEra: '2025' as const,
            ocopStars: p.ocop && p.ocop.expiresAt > vnDayKey(at) ? p.ocop.stars : null,
          };
        });
      if (docs.length) {
        try {
          await this.events.insertMany(docs, { ordered: false, throwOnValidationError: true });
          written += docs.length;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          written += docs.length - ((error as { writeErrors?: unknown[] }).writeErrors?.length ?? docs.length);
        }
      }
      if (page.length < PAGE) break;
    }
    if (written) this.logger.log(`product.approved written for ${written} earlier listings`);
    return written;
  }
}
