import { Injectable, Logger } from '@nestjs/common';
import { ProductWriter } from '@nss/catalog-api';
import { OrderClaimsRepository, STOCK_SCOPE } from './checkouts.repository';

export { STOCK_SCOPE };

/** The key of a checkout line's take, kept on the product (`stockHolds`) while the checkout is reserving. */
export function holdKey(checkoutId: string, productId: string): string {
  return `take:${checkoutId}:${productId}`;
}

/**
 * Taking and returning the stock of checkout lines through the catalogue's ProductWriter (per-product lock, never
 * below zero). A return is claimed first with the unique key `release:<checkoutId>:<productId>`, so whoever
 * returns a line (a failed checkout, a cancellation, expiry, the sweep) does so at most once.
 *
 * While a checkout is reserving, each take is keyed (`take:<checkoutId>:<productId>`, written on the product in the
 * same update as the decrement): a crash or a failure at any step leaves a trace of whether the take happened, so
 * `releaseReserving` returns exactly what was taken, and a take tried again never takes twice. Once the orders are
 * written the keys are dropped (`settle`) and later returns go through `release`.
 */
@Injectable()
export class StockReservations {
  private readonly logger = new Logger(StockReservations.name);

  constructor(
    private readonly products: ProductWriter,
    private readonly claims: OrderClaimsRepository,
  ) {}

  /** Takes a line of a reserving checkout under its hold key: true when taken (now or by an earlier try). */
  async takeHeld(hold: string, productId: string, quantity: number): Promise<boolean> {
    return (await this.products.takeStockHeld(STOCK_SCOPE, productId, quantity, hold)) !== 'short';
  }

  /** The checkout's orders are written: its takes are kept for good (their keys dropped; a failure only leaves a key). */
  async settle(checkoutId: string, lines: ReadonlyArray<{ productId: string; hold?: string | null }>): Promise<void> {
    for (const line of lines) {
      if (!line.hold) continue;
      await this.products.settleHold(STOCK_SCOPE, line.productId, line.hold).catch((error: unknown) => {
        this.logger.warn(`hold of checkout ${checkoutId} not settled: ${String(error)}`);
      });
    }
  }

  /**
   * Returns what a checkout that wrote no order took: every line whose take happened (its hold key is on the product),
   * once, whether or not the checkout marked it `taken`. A line marked taken without a key (taken before keys existed)
   * is returned as such. Answers how many lines this call returned.
   */
  async releaseReserving(checkoutId: string, lines: ReadonlyArray<{ productId: string; quantity: number; taken: boolean; hold?: string | null }>, at = new Date()): Promise<number> {
    let returned = 0;
    for (const line of lines) {
      const key = `release:${checkoutId}:${line.productId}`;
      if (!(await this.claims.claim(STOCK_SCOPE, key, checkoutId, at))) continue;
      try {
        if (line.hold) {
          if (await this.products.returnStockHeld(STOCK_SCOPE, line.productId, line.quantity, line.hold)) returned++;
        } else if (line.taken && (await this.products.returnStock(STOCK_SCOPE, line.productId, line.quantity))) {
          returned++;
        }
      } catch (error) {
        // Maybe not returned: give the claim back, so a retry (the sweep, the key's retry) returns it; the hold key
        // makes that retry return it at most once.
        await this.claims.unclaim(STOCK_SCOPE, key);
        throw error;
      }
    }
    return returned;
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
