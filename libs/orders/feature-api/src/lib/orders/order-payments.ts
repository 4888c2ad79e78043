import { Injectable } from '@nestjs/common';
import { AppError, DataScope, DocumentLocks } from '@nss/server-core';
import type { OrderState, PaymentMethod, CheckoutState } from '@nss/contracts';
import type { Actor } from '@nss/server-core';
import { CheckoutsRepository } from '../checkout/checkouts.repository';
import type { CheckoutDocument } from '../checkout/checkout.schema';
import { StockReservations } from '../checkout/stock-reservations';
import { OrdersRepository, PAYMENTS_SCOPE } from './orders.repository';
import { actorRoleOf, OrdersService } from './orders.service';
import { ORDER_WHAT, OrderTransitions } from './order-transitions';

/** A checkout as payments sees it (design § "Orders' public interface for payments"). */
export interface PayableCheckout {
  checkoutId: string;
  code: string;
  buyerUserId: string;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  state: CheckoutState;
  expiresAt: Date | null;
  orders: { orderId: string; code: string; sellerId: string; totalVnd: number; state: OrderState }[];
  createdAt: Date;
}

export interface OrderForSellerAction {
  orderId: string;
  sellerId: string;
  state: OrderState;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  checkoutId: string;
}

/**
 * Orders' public interface for payments: the only way payments reads checkouts and moves orders. Every method is
 * idempotent (payments may call it again after a crash or a repeated IPN).
 */
const CHECKOUT_WHAT: [string, string] = ['phiên thanh toán', 'Checkout'];
const SYSTEM = { userId: null, role: 'system' as const };

function checkoutBusy(): AppError {
  return AppError.conflict('CHECKOUT_BUSY', 'Đơn thanh toán đang được xử lý, vui lòng thử lại', 'The checkout is still being created, try again');
}

/**
 * Orders' public interface for payments: the only way payments reads checkouts and moves orders. Every method is
 * idempotent (payments may call it again after a crash or a repeated IPN). Checkout-wide changes hold the
 * checkout's lock, so a payment and an expiry of one checkout never interleave.
 */
@Injectable()
export class OrderPayments {
  constructor(
    private readonly checkouts: CheckoutsRepository,
    private readonly orders: OrdersRepository,
    private readonly ordersService: OrdersService,
    private readonly transitions: OrderTransitions,
    private readonly stock: StockReservations,
    private readonly locks: DocumentLocks,
  ) {}

  /** Platform read (payments' own jobs and webhooks); null when unknown. */
  async getCheckout(checkoutId: string): Promise<PayableCheckout | null> {
    const doc = await this.checkouts.findById(PAYMENTS_SCOPE, checkoutId);
    return doc ? this.payable(doc) : null;
  }

  /** By the `TT…` code (the VietQR purpose, the VNPay OrderInfo). */
  async getCheckoutByCode(code: string): Promise<PayableCheckout | null> {
    const doc = await this.checkouts.findByCode(PAYMENTS_SCOPE, code.trim().toUpperCase());
    return doc ? this.payable(doc) : null;
  }

  /** 404 unless the checkout is the actor's own (a buyer). */
  async getCheckoutForBuyer(actor: Actor, checkoutId: string): Promise<PayableCheckout> {
    const doc = actor.role === 'buyer' ? await this.checkouts.findById(DataScope.forActor(actor), checkoutId) : null;
    if (!doc) throw AppError.notFound(...CHECKOUT_WHAT);
    return this.payable(doc);
  }

  /**
   * The money arrived: every `awaiting_payment` order of the checkout → `paid`. `already` when it was recorded
   * before; `too_late` when the checkout had expired or was cancelled (its stock released) — payments then puts the
   * payment in the manual-review queue for a refund; the stock is never silently taken again.
   */
  async recordPaymentSucceeded(checkoutId: string, p: { paymentId: string; at: Date }): Promise<'paid' | 'already' | 'too_late'> {
    return this.withCheckout(checkoutId, async (checkout) => {
      if (checkout.state === 'settled') return 'already';
      if (checkout.state === 'expired' || checkout.state === 'cancelled') return 'too_late';
      if (checkout.state === 'reserving') throw checkoutBusy();
      for (const order of await this.orders.byCheckout(PAYMENTS_SCOPE, checkoutId)) {
        if (order.state !== 'awaiting_payment') continue;
        await this.transitions.apply(order.id as string, {
          action: 'payment_succeeded',
          role: 'system',
          actor: SYSTEM,
          at: p.at,
          data: { paymentId: p.paymentId },
          set: () => ({ paymentStatus: 'succeeded' }),
        });
      }
      await this.checkouts.update(PAYMENTS_SCOPE, checkoutId, { $set: { state: 'settled', paymentId: p.paymentId } });
      return 'paid';
    });
  }

  /** The payment failed or was cancelled: the awaiting orders are cancelled (`payment_failed`), stock returned once. */
  async recordPaymentFailed(checkoutId: string, p: { paymentId: string; reason: string; at: Date }): Promise<void> {
    await this.withCheckout(checkoutId, async (checkout) => {
      if (checkout.state !== 'awaiting_payment') return;
      await this.ordersService.cancelAwaitingCheckoutLocked(checkoutId, SYSTEM, `payment_failed: ${p.reason}`.slice(0, 200), 'payment_failed');
    });
  }

  /** Expiry (the `checkout.expire` job, run by payments): cancels the awaiting orders (`expired`), stock returned once. */
  async expireCheckout(checkoutId: string, at: Date): Promise<'expired' | 'already' | 'paid'> {
    return this.withCheckout(checkoutId, async (checkout) => {
      if (checkout.state === 'settled') return 'paid';
      if (checkout.state === 'expired' || checkout.state === 'cancelled') return 'already';
      if (checkout.state === 'reserving') {
        // A checkout left half-done by a crash: return what it took (each line whose take happened, once).
        await this.stock.releaseReserving(checkoutId, checkout.reservations, at);
        await this.checkouts.update(PAYMENTS_SCOPE, checkoutId, { $set: { state: 'expired', closedReason: 'expired', requestKey: null } });
        return 'expired';
      }
      await this.ordersService.cancelAwaitingCheckoutLocked(checkoutId, SYSTEM, 'expired', 'expire');
      const after = await this.checkouts.findById(PAYMENTS_SCOPE, checkoutId);
      return after?.state === 'settled' ? 'paid' : 'expired';
    });
  }

  /** COD: the seller collected the cash at delivery → the delivered order becomes `completed`. */
  async recordCashCollected(orderId: string, p: { paymentId: string; actor: Actor; at: Date }): Promise<void> {
    const order = await this.orders.getById(PAYMENTS_SCOPE, orderId, ORDER_WHAT);
    if (order.paymentMethod !== 'cod') throw AppError.conflict('NOT_COD', 'Đơn hàng không thu tiền khi giao', 'The order is not cash on delivery');
    if (order.state === 'completed' && order.paymentStatus === 'succeeded') return;
    await this.transitions.apply(orderId, {
      action: 'cash_collected',
      role: 'system',
      actor: { userId: p.actor.userId, role: actorRoleOf(p.actor) },
      at: p.at,
      data: { paymentId: p.paymentId },
      set: () => ({ paymentStatus: 'succeeded' }),
    });
  }

  /** The refund was made: `refund_requested` (or any paid state) → `refunded`. A second call changes nothing. */
  async recordRefunded(orderId: string, p: { refundId: string; amountVnd: number; actor: Actor | null; at: Date }): Promise<void> {
    const order = await this.orders.getById(PAYMENTS_SCOPE, orderId, ORDER_WHAT);
    if (order.state === 'refunded') return;
    const before = order.state;
    const updated = await this.transitions.apply(orderId, {
      action: 'refunded',
      role: 'system',
      actor: p.actor ? { userId: p.actor.userId, role: actorRoleOf(p.actor) } : SYSTEM,
      at: p.at,
      data: { refundId: p.refundId, amountVnd: String(p.amountVnd) },
      set: () => ({ paymentStatus: 'refunded' }),
    });
    // Goods that never left the seller go back to stock (once per checkout and product).
    if (['paid', 'accepted', 'packed'].includes(before)) await this.stock.release(updated.checkoutId, updated.lines, p.at);
  }

  /** 404 unless the actor is the order's seller or the agent managing that seller. */
  async getOrderForSellerAction(actor: Actor, orderId: string): Promise<OrderForSellerAction> {
    const order = await this.ordersService.find(actor, orderId);
    const role = await this.ordersService.roleOn(actor, order);
    if (role !== 'seller' && role !== 'agent') throw AppError.notFound(...ORDER_WHAT);
    return { orderId: order.id as string, sellerId: order.sellerId, state: order.state, paymentMethod: order.paymentMethod, totalVnd: order.totalVnd, checkoutId: order.checkoutId };
  }

  private async withCheckout<T>(checkoutId: string, work: (checkout: CheckoutDocument) => Promise<T>): Promise<T> {
    return this.locks.run(
      'checkout',
      checkoutId,
      async () => {
        const checkout = await this.checkouts.findById(PAYMENTS_SCOPE, checkoutId);
        if (!checkout) throw AppError.notFound(...CHECKOUT_WHAT);
        return work(checkout);
      },
      { ttlMs: 30_000, waitMs: 10_000 },
    );
  }

  private async payable(doc: CheckoutDocument): Promise<PayableCheckout> {
    const orders = await this.orders.byCheckout(PAYMENTS_SCOPE, doc.id as string);
    return {
      checkoutId: doc.id as string,
      code: doc.code,
      buyerUserId: doc.buyerUserId,
      paymentMethod: doc.paymentMethod,
      totalVnd: doc.totalVnd,
      state: doc.state === 'reserving' ? 'awaiting_payment' : doc.state,
      expiresAt: doc.expiresAt ?? null,
      orders: orders.map((o) => ({ orderId: o.id as string, code: o.code, sellerId: o.sellerId, totalVnd: o.totalVnd, state: o.state })),
      createdAt: doc.createdAt,
    };
  }
}
