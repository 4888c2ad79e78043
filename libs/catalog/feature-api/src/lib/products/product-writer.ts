import { Injectable } from '@nestjs/common';
import { Error as MongooseError, HydratedDocument } from 'mongoose';
import { AppError, DataScope, DocumentLocks, type LockLease } from '@nss/server-core';
import { CatalogVersion } from '../search/catalog-version';
import type { ProductDoc } from './product.schema';
import { PRODUCT_WHAT, ProductsRepository } from './products.repository';


type ProductDocument = HydratedDocument<ProductDoc>;

/**
 * Every write to a product document goes through here, under a per-product lock (`DocumentLocks`: guarded updates
 * are not atomic on FerretDB). The version check (optimistic concurrency) is kept as well, so a document loaded
 * before the lock was taken is still caught if it went stale.
 */
@Injectable()
export class ProductWriter {
  constructor(
    private readonly products: ProductsRepository,
    private readonly locks: DocumentLocks,
    private readonly version: CatalogVersion,
  ) {}

  /** A plain read, for callers that hold only the writer (e.g. the photo worker, before its long image work). */
  findById(scope: DataScope, id: string): Promise<ProductDocument | null> {
    return this.products.findById(scope, id);
  }

  /**
   * Load–modify–save of one product (array edits cannot be single atomic updates on FerretDB). `first` is an
   * already loaded copy to try first; a version conflict reloads and applies `modify` again, then answers 409.
   */
  async modify(
    scope: DataScope,
    id: string,
    modify: (doc: ProductDocument) => void | Promise<void>,
    first?: ProductDocument,
  ): Promise<ProductDocument> {
    return this.withLock(id, async (lease) => {
      let loaded = first ?? null;
      for (let attempt = 1; ; attempt++) {
        const doc = loaded ?? (await this.products.getById(scope, id, PRODUCT_WHAT));
        loaded = null;
        await modify(doc);
        await lease.assertHeld(); // a holder that lost its lock must not save (fencing)
        doc.lockFence = lease.fence;
        try {
          await doc.save();
          return doc;
        } catch (error) {
          if (!(error instanceof MongooseError.VersionError)) throw error;
          if (attempt >= 4) {
            throw AppError.conflict('CONCURRENT_UPDATE', 'Sản phẩm vừa được thay đổi, vui lòng thử lại', 'The product changed meanwhile, try again');
          }
        }
      }
    });
  }

  /** Takes `quantity` from stock, or returns null when not enough is left (never oversells). */
  async takeStock(scope: DataScope, id: string, quantity: number): Promise<ProductDocument | null> {
    const doc = await this.withLock(id, (lease) => this.products.takeStock(scope, id, quantity, lease.fence));
    if (doc?.status === 'approved') await this.version.bump();
    return doc;
  }

  /**
   * Takes `quantity` under the key `hold` (see ProductDoc.stockHolds): 'taken' now, 'held' when that take had already
   * happened (a retry), 'short' when not enough is left. Never takes twice for one key.
   */
  async takeStockHeld(scope: DataScope, id: string, quantity: number, hold: string): Promise<'taken' | 'held' | 'short'> {
    const outcome = await this.withLock(id, async (lease) => {
      if (await this.products.takeStockHeld(scope, id, quantity, hold, lease.fence)) return 'taken' as const;
      return (await this.isHeld(scope, id, hold)) ? ('held' as const) : ('short' as const);
    });
    if (outcome === 'taken') await this.version.bump();
    return outcome;
  }

  /** Returns the take `hold` if it happened and was not returned yet (true), at most once; false otherwise. */
  async returnStockHeld(scope: DataScope, id: string, quantity: number, hold: string): Promise<boolean> {
    const doc = await this.withLock(id, (lease) => this.products.returnStockHeld(scope, id, quantity, hold, lease.fence));
    if (doc?.status === 'approved') await this.version.bump();
    return doc !== null;
  }

  /** True when the take `hold` happened and is neither returned nor settled. */
  async isHeld(scope: DataScope, id: string, hold: string): Promise<boolean> {
    return (await this.products.count(scope, { _id: id, stockHolds: hold })) > 0;
  }

  /** The taker keeps the take `hold` (its order is written): the key is dropped, the stock stays taken. */
  async settleHold(scope: DataScope, id: string, hold: string): Promise<void> {
    await this.withLock(id, (lease) => this.products.settleHold(scope, id, hold, lease.fence));
  }

  /** Puts stock back (cancelled order): idempotency is the caller's business. */
  async returnStock(scope: DataScope, id: string, quantity: number): Promise<ProductDocument | null> {
    const doc = await this.withLock(id, (lease) => this.products.returnStock(scope, id, quantity, lease.fence));
    if (doc?.status === 'approved') await this.version.bump();
    return doc;
  }

  private withLock<T>(id: string, run: (lease: LockLease) => Promise<T>): Promise<T> {
    return this.locks.run('product', id, run, {
      busy: ['Sản phẩm đang được cập nhật, vui lòng thử lại', 'The product is being updated, try again'],
    });
  }
}
