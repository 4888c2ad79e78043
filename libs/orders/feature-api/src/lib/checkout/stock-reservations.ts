import { Injectable, Logger } from '@nestjs/common';
import { ProductWriter } from '@nss/catalog-api';
import { OrderClaimsRepository, STOCK_SCOPE } from './checkouts.repository';

export { STOCK_SCOPE };

/**
 * Taking and returning the stock of checkout lines through the catalogue's ProductWriter (per-product lock, never
 * below zero). A return is claimed first with the unique key `release:<checkoutId>:<productId>`, so whoever
 * returns a line (a failed checkout, a cancellation, expiry, the sweep) does so at most once.
 */
@Injectable()
export class StockReservations {
  private readonly logger = new Logger(StockReservations.name);

  constructor(
    private readonly products: ProductWriter,
    private readonly claims: OrderClaimsRepository,
  ) {}

  /** True when the quantity was taken; false when not enough is left. */
  async take(productId: string, quantity: number): Promise<boolean> {
    return (await this.products.takeStock(STOCK_SCOPE, productId, quantity)) !== null;
  }

  /** Returns each line's quantity once per checkout and product; answers how many lines this call returned. */
  async release(checkoutId: string, lines: ReadonlyArray<{ productId: string; quantity: number }>, at = new Date()): Promise<number> {
    let returned = 0;
    for (const line of lines) {
      const key = `release:${checkoutId}:${line.productId}`;
      if (!(await this.claims.claim(STOCK_SCOPE, key, checkoutId, at))) continue;
      let product;
      try {
        product = await this.products.returnStock(STOCK_SCOPE, line.productId, line.quantity);
      } catch (error) {
        // Not returned (the product's lock was busy, Redis or the database failed): give the claim back so the
        // caller's retry (a job attempt, the sweep) returns it, instead of the stock being lost for good.
        await this.claims.unclaim(STOCK_SCOPE, key);
        throw error;
      }
      if (!product) this.logger.warn(`stock of product ${line.productId} not returned (product gone) for checkout ${checkoutId}`);
      returned++;
    }
    return returned;
  }
}
