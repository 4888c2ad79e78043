import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Error as MongooseError, HydratedDocument } from 'mongoose';
import { AppError, DataScope, REDIS } from '@nss/server-core';
import { CatalogVersion } from '../search/catalog-version';
import type { ProductDoc } from './product.schema';
import { PRODUCT_WHAT, ProductsRepository } from './products.repository';

const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 5_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

type ProductDocument = HydratedDocument<ProductDoc>;

/**
 * Every write to a product document goes through here, under a per-product Redis lock.
 *
 * Why a lock: on FerretDB 1.24 (SQLite) a guarded update is not atomic under concurrency. Measured against the
 * test server: 20 concurrent `findOneAndUpdate({_id, stock: {$gte: 1}}, {$inc: {stock: -1}})` on stock 7 gave 13
 * successes, and 20 concurrent version-guarded updates all "succeeded" while only one was kept (see
 * catalog-compat.int-spec.ts). MongoDB does both atomically; the lock makes the same code correct on both, across
 * API replicas and the worker (they share Redis). The version check (optimistic concurrency) is kept as well, so
 * a document loaded before the lock was taken is still caught if it went stale.
 */
@Injectable()
export class ProductWriter {
  constructor(
    private readonly products: ProductsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly version: CatalogVersion,
  ) {}

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
    return this.withLock(id, async () => {
      let loaded = first ?? null;
      for (let attempt = 1; ; attempt++) {
        const doc = loaded ?? (await this.products.getById(scope, id, PRODUCT_WHAT));
        loaded = null;
        await modify(doc);
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
    const doc = await this.withLock(id, () => this.products.takeStock(scope, id, quantity));
    if (doc?.status === 'approved') await this.version.bump();
    return doc;
  }

  /** Puts stock back (cancelled order): idempotency is the caller's business. */
  async returnStock(scope: DataScope, id: string, quantity: number): Promise<ProductDocument | null> {
    const doc = await this.withLock(id, () => this.products.returnStock(scope, id, quantity));
    if (doc?.status === 'approved') await this.version.bump();
    return doc;
  }

  private async withLock<T>(id: string, run: () => Promise<T>): Promise<T> {
    const key = `nss:lock:product:${id}`;
    const token = randomBytes(9).toString('base64');
    const deadline = Date.now() + LOCK_WAIT_MS;
    while ((await this.redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) {
        throw AppError.conflict('PRODUCT_BUSY', 'Sản phẩm đang được cập nhật, vui lòng thử lại', 'The product is being updated, try again');
      }
      await new Promise((resolve) => setTimeout(resolve, 3 + Math.random() * 12));
    }
    try {
      return await run();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
