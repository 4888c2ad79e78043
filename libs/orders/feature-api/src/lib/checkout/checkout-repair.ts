import { Injectable, Logger } from '@nestjs/common';
import { DocumentLocks } from '@nss/server-core';
import { OrdersRepository } from '../orders/orders.repository';
import { CheckoutCreationEvents } from './checkout-creation-events';
import { CHECKOUT_SCOPE } from './checkouts.repository';
import { CheckoutsRepository } from './checkouts.repository';
import { StockReservations } from './stock-reservations';

/** A checkout still `reserving` after this long was left half-done by a crash. */
export const RESERVING_STALE_MS = 5 * 60_000;

/**
 * Repairs checkouts a crash left `reserving`: if its orders were written, the checkout is finished (state, events,
 * expiry job); otherwise the stock it took is returned (once per line) and it is cancelled.
 */
@Injectable()
export class CheckoutRepair {
  private readonly logger = new Logger(CheckoutRepair.name);

  constructor(
    private readonly checkouts: CheckoutsRepository,
    private readonly orders: OrdersRepository,
    private readonly stock: StockReservations,
    private readonly creationEvents: CheckoutCreationEvents,
    private readonly locks: DocumentLocks,
  ) {}

  async repairStale(now = new Date()): Promise<number> {
    const stale = await this.checkouts.stale(CHECKOUT_SCOPE, 'reserving', new Date(now.getTime() - RESERVING_STALE_MS), 100);
    for (const found of stale) {
      const id = found.id as string;
      await this.locks.run('checkout', id, async () => {
        const checkout = await this.checkouts.findById(CHECKOUT_SCOPE, id);
        if (!checkout || checkout.state !== 'reserving') return;
        const orders = await this.orders.byCheckout(CHECKOUT_SCOPE, id);
        if (orders.length > 0) {
          const state = checkout.paymentMethod === 'cod' ? 'settled' : 'awaiting_payment';
          await this.checkouts.update(CHECKOUT_SCOPE, id, { $set: { state, orderIds: orders.map((o) => o.id as string) } });
          await this.creationEvents.afterCreate(id, checkout.paymentMethod, checkout.expiresAt, orders.map((o) => o.toObject()), { userId: checkout.buyerUserId }, checkout.createdAt);
          this.logger.warn(`checkout ${id}: finished after a crash (orders were written)`);
        } else {
          await this.stock.release(id, checkout.reservations.filter((r) => r.taken), now);
          await this.checkouts.update(CHECKOUT_SCOPE, id, { $set: { state: 'cancelled', closedReason: 'interrupted' } });
          this.logger.warn(`checkout ${id}: cancelled after a crash, reserved stock returned`);
        }
      });
    }
    return stale.length;
  }
}
