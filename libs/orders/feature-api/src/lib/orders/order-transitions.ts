import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AppError, DocumentLocks } from '@nss/server-core';
import type { OrderActorRole, OrderState } from '@nss/contracts';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import type { OrderEventActor, OrderEventLine, OrderEventType } from '../order-events/order-event-consumers';
import { OrderEventQueue } from '../order-events/order-event-queue';
import type { OrderEvent, OrderEventDocument } from '../order-events/order-event.schema';
import { OrderEventsRepository } from '../order-events/order-events.repository';
import { nextOrderState, type TransitionAction, type TransitionRole } from './order-state-machine';
import type { Order, OrderDocument, OrderLineDoc } from './order.schema';
import { OrdersRepository, TRANSITION_SCOPE } from './orders.repository';

export const ORDER_WHAT: [string, string] = ['đơn hàng', 'Order'];

export { TRANSITION_SCOPE };

export interface TransitionRequest {
  action: TransitionAction;
  role: TransitionRole;
  actor: OrderEventActor;
  reason?: string;
  /** Extra fields written with the new state (shipment, payment status, timestamps). */
  set?: (order: OrderDocument, to: OrderState) => Partial<Order>;
  /** Extra facts carried by the event. */
  data?: Record<string, string>;
  at?: Date;
  /**
   * Work elsewhere that must succeed for the transition to happen (the lots and stamps of a shipment): run under the
   * order's lock once the transition is known to be legal, before the event is written. Its `set` and `data` join the
   * transition's; its `undo` runs when the transition then fails before its event exists (after that, the event is
   * the truth and the order rolls forward to it).
   */
  prepare?: (order: OrderDocument, at: Date) => Promise<PreparedTransition | null>;
}

export interface PreparedTransition {
  set?: Partial<Order>;
  data?: Record<string, string>;
  undo(): Promise<void>;
}

/** Event data key of the shipped lines' lots (JSON of ShippedLineLot[]): the roll-forward writes them too. */
export const SHIPPED_LOTS_KEY = 'lots';

export interface ShippedLineLot {
  productId: string;
  lotId: string;
  lotCode: string;
  serials: string[];
}

/** The order's lines with the lots (and stamps) of a shipment written on the lines they name. */
export function linesWithLots(lines: Order['lines'], lots: readonly ShippedLineLot[]): Order['lines'] {
  const byProduct = new Map(lots.map((l) => [l.productId, l]));
  return lines.map((l) => {
    const lot = byProduct.get(l.productId);
    return {
      productId: l.productId,
      name: l.name,
      unit: l.unit,
      netWeightGrams: l.netWeightGrams,
      unitPriceVnd: l.unitPriceVnd,
      quantity: l.quantity,
      lineTotalVnd: l.lineTotalVnd,
      lotId: lot ? lot.lotId : (l.lotId ?? null),
      lotCode: lot ? lot.lotCode : (l.lotCode ?? null),
      stampSerials: lot ? [...lot.serials] : [...(l.stampSerials ?? [])],
    };
  });
}

export function illegalTransition(from: OrderState, action: string): AppError {
  return AppError.conflict(
    'ILLEGAL_TRANSITION',
    `Không thể thực hiện thao tác này khi đơn hàng đang ở trạng thái "${from}"`,
    `Action "${action}" is not allowed while the order is "${from}"`,
  );
}

export function orderChanged(): AppError {
  return AppError.conflict('ORDER_CHANGED', 'Đơn hàng vừa được cập nhật, vui lòng tải lại', 'The order changed meanwhile, reload it');
}

export const EVENT_TYPE_OF: Record<OrderState, OrderEventType> = {
  awaiting_payment: 'order.created',
  cod_confirmed: 'order.cod_confirmed',
  paid: 'order.paid',
  accepted: 'order.accepted',
  packed: 'order.packed',
  shipped: 'order.shipped',
  delivered: 'order.delivered',
  completed: 'order.completed',
  cancelled: 'order.cancelled',
  refund_requested: 'order.refund_requested',
  refunded: 'order.refunded',
};

/** A line as order events carry it (also what the events backfill writes onto events from before lines existed). */
export function orderEventLine(l: Pick<OrderLineDoc, 'productId' | 'quantity' | 'netWeightGrams' | 'lineTotalVnd'>): OrderEventLine {
  return { productId: l.productId, quantity: l.quantity, netWeightGrams: l.netWeightGrams, lineTotalVnd: l.lineTotalVnd };
}

/** The event document of an order entering `to` (creation: `from` null, version 1). */
export function orderEventDoc(
  order: Pick<Order, 'code' | 'checkoutId' | 'sellerId' | 'buyerUserId' | 'provinceCode' | 'communeCode' | 'buyerProvinceCode' | 'buyerCommuneCode' | 'paymentMethod' | 'itemsTotalVnd' | 'shippingFeeVnd' | 'totalVnd'> & { _id: Types.ObjectId; lines?: Array<Pick<OrderLineDoc, 'productId' | 'quantity' | 'netWeightGrams' | 'lineTotalVnd'>> },
  version: number,
  from: OrderState | null,
  to: OrderState,
  actor: OrderEventActor,
  at: Date,
  reason: string | null,
  data: Record<string, string> | null,
): Partial<OrderEvent> & { _id: Types.ObjectId; key: string } {
  const orderId = order._id.toHexString();
  return {
    _id: new Types.ObjectId(),
    key: `state:${orderId}:${version}`,
    orderId,
    orderCode: order.code,
    checkoutId: order.checkoutId,
    sellerId: order.sellerId,
    buyerUserId: order.buyerUserId,
    type: from === null ? 'order.created' : EVENT_TYPE_OF[to],
    from,
    to,
    actor,
    reason,
    at,
    provinceCode: order.provinceCode,
    communeCode: order.communeCode,
    buyerProvinceCode: order.buyerProvinceCode,
    buyerCommuneCode: order.buyerCommuneCode,
    adminEra: '2025',
    dayVn: vnDayKey(at),
    monthVn: vnMonthKey(at),
    paymentMethod: order.paymentMethod,
    totals: { itemsTotalVnd: order.itemsTotalVnd, shippingFeeVnd: order.shippingFeeVnd, totalVnd: order.totalVnd },
    lines: (order.lines ?? []).map(orderEventLine),
    data,
    consumedBy: [],
    dispatchedAt: null,
  };
}

/**
 * Applies one transition of the state machine to one order, exactly once: under the order's lock, the event
 * `state:<orderId>:<stateVersion+1>` is inserted first (its unique key makes a concurrent writer of the same version
 * fail: 409 ORDER_CHANGED), then the order is written, guarded by the version and the lock's fencing token.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly events: OrderEventsRepository,
    private readonly locks: DocumentLocks,
    private readonly queue: OrderEventQueue,
  ) {}

  async apply(orderId: string, request: TransitionRequest): Promise<OrderDocument> {
    const { doc, eventId } = await this.locks.run('order', orderId, async (lease) => {
      const order = await this.orders.getById(TRANSITION_SCOPE, orderId, ORDER_WHAT);
      const from = order.state;
      const to = nextOrderState({ state: from, action: request.action, role: request.role, paymentMethod: order.paymentMethod, paid: order.paymentStatus === 'succeeded' });
      if (!to) throw illegalTransition(from, request.action);
      const at = request.at ?? new Date();
      const version = order.stateVersion + 1;
      const prepared = request.prepare ? await request.prepare(order, at) : null;
      const data = request.data || prepared?.data ? { ...(request.data ?? {}), ...(prepared?.data ?? {}) } : null;
      const event = await this.events
        .insertOnce(TRANSITION_SCOPE, orderEventDoc(order, version, from, to, request.actor, at, request.reason ?? null, data))
        .catch(async (error: unknown) => {
          await prepared?.undo();
          throw error;
        });
      if (!event) {
        // A dead writer's event of this version: the order catches up with it. Its shipment keeps the stamps it sold.
        const stranded = await this.rollForward(order, version, lease.fence);
        if (!stranded?.data?.[SHIPPED_LOTS_KEY]) await prepared?.undo();
        throw orderChanged();
      }
      await lease.assertHeld();
      const set: Partial<Order> = { state: to, stateVersion: version, ...(request.set?.(order, to) ?? {}), ...(prepared?.set ?? {}) };
      if (to === 'cancelled' || to === 'refund_requested') set.cancelReason = request.reason ?? order.cancelReason ?? null;
      const history = { from, to, at, actorUserId: request.actor.userId, actorRole: request.actor.role as OrderActorRole, ...(request.reason ? { reason: request.reason } : {}) };
      const written = await this.orders.writeTransition(TRANSITION_SCOPE, orderId, order.stateVersion, lease.fence, set, history);
      if (!written) throw orderChanged();
      return { doc: written, eventId: event.id as string };
    }, { busy: ['Đơn hàng đang được cập nhật, vui lòng thử lại', 'The order is being updated, try again'] });
    await this.queue.enqueue(eventId);
    return doc;
  }

  /**
   * The event of the next version exists but the order was not written (a writer died between the two, since we
   * hold the lock): the event is the truth, so the order catches up with it. Fields other than the state that the
   * dead writer meant to set are taken from the event's data where it carries them (shipment).
   */
  private async rollForward(order: OrderDocument, version: number, fence: number): Promise<OrderEventDocument | null> {
    const stranded = await this.events.findByKey(TRANSITION_SCOPE, `state:${order.id as string}:${version}`);
    if (!stranded) return null;
    const set: Partial<Order> = { state: stranded.to, stateVersion: version };
    if (stranded.to === 'shipped' && stranded.data?.['carrier'] && stranded.data['trackingCode']) {
      set.shipment = { carrier: stranded.data['carrier'], trackingCode: stranded.data['trackingCode'] };
    }
    const lots = stranded.to === 'shipped' ? stranded.data?.[SHIPPED_LOTS_KEY] : undefined;
    if (lots) set.lines = linesWithLots(order.lines, JSON.parse(lots) as ShippedLineLot[]);
    if (stranded.to === 'delivered') set.deliveredAt = stranded.at;
    if (stranded.to === 'paid') set.paymentStatus = 'succeeded';
    if (stranded.to === 'refunded') set.paymentStatus = 'refunded';
    const history = { from: stranded.from, to: stranded.to, at: stranded.at, actorUserId: stranded.actor.userId, actorRole: stranded.actor.role as OrderActorRole, ...(stranded.reason ? { reason: stranded.reason } : {}) };
    await this.orders.writeTransition(TRANSITION_SCOPE, order.id as string, order.stateVersion, fence, set, history);
    await this.queue.enqueue(stranded.id as string);
    return stranded;
  }
}
