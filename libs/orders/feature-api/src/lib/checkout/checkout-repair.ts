import { Injectable, Logger } from '@nestjs/common';
import { DocumentLocks } from '@nss/server-core';
import { OrdersRepository } from '../orders/orders.repository';
import { CheckoutCreationEvents } from './checkout-creation-events';
import { CHECKOUT_SCOPE } from './checkouts.repository';
import { CheckoutsRepository } from './checkouts.repository';
import type { CheckoutDocState } from './checkout.schema';
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
    for (const found of stale) await this.repairOne(found.id as string, now);
    return stale.length;
  }

  /**
   * Repairs one checkout left `reserving` by a request that is no longer running (the sweep, or the retry of its
   * Idempotency-Key): finished when its orders were written, else what it took comes back (each line whose take
   * happened, once, marked `taken` or not) and it is cancelled, its key freed. Answers the state it ends in.
   */
  async repairOne(id: string, now = new Date()): Promise<CheckoutDocState | null> {
    return this.locks.run('checkout', id, async () => {
      const checkout = await this.checkouts.findById(CHECKOUT_SCOPE, id);
      if (!checkout || checkout.state !== 'reserving') return checkout?.state ?? null;
      const orders = await this.orders.byCheckout(CHECKOUT_SCOPE, id);
      if (orders.length > 0) {
        const state = checkout.paymentMethod === 'cod' ? 'settled' : 'awaiting_payment';
        await this.checkouts.update(CHECKOUT_SCOPE, id, { $set: { state, orderIds: orders.map((o) => o.id as string) } });
        await this.stock.settle(id, checkout.reservations);
        await this.creationEvents.afterCreate(id, checkout.paymentMethod, checkout.expiresAt, orders.map((o) => o.toObject()), { userId: checkout.buyerUserId }, checkout.createdAt);
        this.logger.warn(`checkout ${id}: finished after a crash (orders were written)`);
        return state;
      }
      await this.stock.releaseReserving(id, checkout.reservations, now);
      await this.checkouts.update(CHECKOUT_SCOPE, id, { $set: { state: 'cancelled', closedReason: 'interrupted', requestKey: null } });
      this.logger.warn(`checkout ${id}: cancelled after a crash, reserved stock returned`);
      return 'cancelled';
    });
  }
}
