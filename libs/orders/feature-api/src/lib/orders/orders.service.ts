import { Injectable, Logger } from '@nestjs/common';
import type { FilterQuery } from 'mongoose';
import { SellerDirectory } from '@nss/onboarding-api';
import { LotSales } from '@nss/traceability-api';
import {
  cancelBodySchema,
  type Order as OrderView,
  type OrderAction,
  type OrderListQuery,
  type OrderPage,
  refundRequestBodySchema,
} from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks } from '@nss/server-core';
import { z } from 'zod';
import { StockReservations } from '../checkout/stock-reservations';
import { CheckoutsRepository } from '../checkout/checkouts.repository';
import type { OrderEventActor } from '../order-events/order-event-consumers';
import type { TransitionRole } from './order-state-machine';
import { ORDER_WHAT, OrderTransitions, SHIPPED_LOTS_KEY, TRANSITION_SCOPE, linesWithLots, type PreparedTransition } from './order-transitions';
import { checkShipLines, parseShipRequest, type ShipRequest } from './ship-request';
import { orderSummaryView, orderView } from './order-view';
import type { Order, OrderDocument } from './order.schema';
import { OrdersRepository } from './orders.repository';

/** What a caller may read: its data scope plus, for agents, only the sellers it still manages. */
interface ReadAccess {
  scope: DataScope;
  filter: FilterQuery<Order>;
}

function invalidBody(error: z.ZodError): AppError {
  return new AppError(400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

export function actorRoleOf(actor: Actor): OrderEventActor['role'] {
  return actor.role === 'province_staff' ? 'staff' : actor.role;
}

/**
 * Orders as people see and move them: buyers their own, sellers their seller's, agents the sellers they manage,
 * province staff their province's (by the seller's place), admins all. Anything else looks missing (404).
 */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly transitions: OrderTransitions,
    private readonly sellers: SellerDirectory,
    private readonly stock: StockReservations,
    private readonly checkouts: CheckoutsRepository,
    private readonly locks: DocumentLocks,
    private readonly lotSales: LotSales,
  ) {}

  async readAccess(actor: Actor): Promise<ReadAccess> {
    const scope = DataScope.forActor(actor);
    if (actor.role !== 'agent') return { scope, filter: {} };
    const managed = await this.sellers.listManagedBy(actor.userId, actor.provinceCode ?? '');
    return { scope, filter: { sellerId: { $in: managed } } };
  }

  async list(actor: Actor, query: OrderListQuery): Promise<OrderPage> {
    const access = await this.readAccess(actor);
    const filter: FilterQuery<Order> = { ...access.filter, ...(query.status ? { state: query.status } : {}) };
    const { items, total } = await this.orders.page(access.scope, filter, query.page, query.pageSize);
    return { items: items.map((d) => orderSummaryView(d)), total, page: query.page, pageSize: query.pageSize };
  }

  async find(actor: Actor, id: string): Promise<OrderDocument> {
    const access = await this.readAccess(actor);
    const doc = await this.orders.findById(access.scope, id);
    if (!doc || (access.filter['sellerId'] && !(access.filter['sellerId'] as { $in: string[] }).$in.includes(doc.sellerId))) {
      throw AppError.notFound(...ORDER_WHAT);
    }
    return doc;
  }

  async get(actor: Actor, id: string): Promise<OrderView> {
    return orderView(await this.find(actor, id));
  }

  /** The role in which the actor may act on this order: its buyer, its seller, or the agent managing its seller. */
  async roleOn(actor: Actor, order: Pick<Order, 'buyerUserId' | 'sellerId'>): Promise<TransitionRole | null> {
    if (actor.role === 'buyer' && order.buyerUserId === actor.userId) return 'buyer';
    if (actor.role === 'seller' && actor.sellerId && actor.sellerId === order.sellerId) return 'seller';
    if (actor.role === 'agent') {
      const seller = await this.sellers.getForCatalog(order.sellerId);
      if (seller && seller.managedByAgentId === actor.userId && !seller.handedOverAt && seller.provinceCode === actor.provinceCode) return 'agent';
    }
    return null;
  }

  async act(actor: Actor, id: string, action: OrderAction, body: unknown): Promise<OrderView> {
    // A ship body is checked whole (serials' check characters included) before anything is read.
    const ship = action === 'ship' ? parseShipRequest(body) : null;
    const order = await this.find(actor, id);
    const role = await this.roleOn(actor, order);
    if (!role) throw AppError.notFound(...ORDER_WHAT);
    const who: OrderEventActor = { userId: actor.userId, role: actorRoleOf(actor) };
    let reason: string | undefined;
    let data: Record<string, string> | undefined;
    let set: ((o: OrderDocument) => Partial<Order>) | undefined;
    let prepare: ((o: OrderDocument, at: Date) => Promise<PreparedTransition | null>) | undefined;
    switch (action) {
      case 'ship': {
        const { carrier, trackingCode } = ship as ShipRequest;
        data = { carrier, trackingCode };
        set = () => ({ shipment: { carrier, trackingCode } });
        prepare = this.shipmentLots(ship as ShipRequest, order);
        break;
      }
      case 'cancel': {
        const parsed = cancelBodySchema.safeParse(body ?? {});
        if (!parsed.success) throw invalidBody(parsed.error);
        if (role !== 'buyer' && !parsed.data.reason) throw AppError.invalidField('reason', 'Người bán cần ghi lý do huỷ', 'a seller must give a reason');
        reason = parsed.data.reason ?? 'buyer_cancelled';
        break;
      }
      case 'refund-request': {
        const parsed = refundRequestBodySchema.safeParse(body ?? {});
        if (!parsed.success) throw invalidBody(parsed.error);
        reason = parsed.data.reason;
        break;
      }
      default: {
        const parsed = z.strictObject({}).safeParse(body ?? {});
        if (!parsed.success) throw invalidBody(parsed.error);
        if (action === 'deliver') set = () => ({ deliveredAt: new Date() });
      }
    }
    // A buyer cancelling before payment cancels the whole checkout (it is paid at once).
    if (action === 'cancel' && role === 'buyer' && order.state === 'awaiting_payment') {
      await this.cancelAwaitingCheckout(order.checkoutId, who, reason ?? 'buyer_cancelled');
      return orderView(await this.orders.getById(TRANSITION_SCOPE, id, ORDER_WHAT));
    }
    const updated = await this.transitions.apply(id, { action, role, actor: who, reason, data, set, prepare });
    if (action === 'cancel' && (updated.state === 'cancelled' || updated.state === 'refund_requested')) {
      await this.returnStockNow(updated.checkoutId, updated.lines);
    }
    return orderView(updated);
  }

  /**
   * The lots and stamps of a shipment, recorded by traceability (LotSales) within the transition: the lines are
   * checked against the order first; the lots, stamps and sale records are checked and written under the order's
   * lock, and given back if the transition fails before its event.
   */
  private shipmentLots(ship: ShipRequest, order: OrderDocument): ((o: OrderDocument, at: Date) => Promise<PreparedTransition | null>) | undefined {
    if (ship.lines.length === 0) return undefined;
    const lines = checkShipLines(order, ship.lines);
    return async (current, at) => {
      const recorded = await this.lotSales.recordShipment(
        { orderId: current.id as string, orderCode: current.code, sellerId: current.sellerId, provinceCode: current.provinceCode },
        lines,
        at,
      );
      return {
        set: { lines: linesWithLots(current.lines, recorded.lines) },
        data: { [SHIPPED_LOTS_KEY]: JSON.stringify(recorded.lines) },
        undo: () => recorded.undo(),
      };
    };
  }

  /** Every awaiting order of the checkout is cancelled, its stock returned, the checkout closed. */
  async cancelAwaitingCheckout(checkoutId: string, who: OrderEventActor, reason: string, action: 'cancel' | 'payment_failed' | 'expire' = 'cancel'): Promise<number> {
    return this.locks.run('checkout', checkoutId, () => this.cancelAwaitingCheckoutLocked(checkoutId, who, reason, action), { ttlMs: 30_000, waitMs: 10_000 });
  }

  /** The same, for a caller that holds the checkout's lock (payments' calls through OrderPayments). */
  async cancelAwaitingCheckoutLocked(checkoutId: string, who: OrderEventActor, reason: string, action: 'cancel' | 'payment_failed' | 'expire'): Promise<number> {
    const orders = await this.orders.byCheckout(TRANSITION_SCOPE, checkoutId);
    let cancelled = 0;
    for (const order of orders) {
      if (order.state !== 'awaiting_payment') continue;
      const role: TransitionRole = action === 'cancel' ? 'buyer' : 'system';
      const updated = await this.transitions.apply(order.id as string, { action, role, actor: who, reason, set: () => (action === 'payment_failed' ? { paymentStatus: 'failed' } : {}) }).catch((error: unknown) => {
        // Someone moved it meanwhile (paid, or cancelled by a concurrent call): leave it to that change.
        if (error instanceof AppError && error.getStatus() === 409) return null;
        throw error;
      });
      if (updated?.state === 'cancelled') {
        cancelled++;
        await this.returnStockNow(checkoutId, updated.lines);
      }
    }
    const closed = action === 'expire' ? 'expired' : 'cancelled';
    const remaining = await this.orders.byCheckout(TRANSITION_SCOPE, checkoutId);
    if (remaining.every((o) => o.state === 'cancelled')) {
      await this.checkouts.update(TRANSITION_SCOPE, checkoutId, { $set: { state: closed, closedReason: reason } });
    }
    return cancelled;
  }

  /**
   * The fast path of returning a cancelled order's stock. The state change is already recorded: a failure here (a busy
   * product lock, Redis away) must not fail the change; the order event's StockReturnConsumer returns it later, once.
   */
  private async returnStockNow(checkoutId: string, lines: ReadonlyArray<{ productId: string; quantity: number }>): Promise<void> {
    await this.stock.release(checkoutId, lines).catch((error: unknown) => {
      this.logger.warn(`stock of checkout ${checkoutId} not returned yet (the order event will): ${String(error)}`);
    });
  }
}
