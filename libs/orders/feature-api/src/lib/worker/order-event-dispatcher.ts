import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { ORDER_EVENT_CONSUMERS, type OrderEventConsumer, type OrderEventRecord } from '../order-events/order-event-consumers';
import { OrderEventQueue } from '../order-events/order-event-queue';
import type { OrderEvent } from '../order-events/order-event.schema';
import { DISPATCH_SCOPE, OrderEventsRepository } from '../order-events/order-events.repository';

/** An undispatched event older than this probably lost its job. */
const SWEEP_AFTER_MS = 60_000;

export function orderEventRecord(doc: OrderEvent & { _id: Types.ObjectId }): OrderEventRecord {
  return {
    id: doc._id.toHexString(),
    key: doc.key,
    orderId: doc.orderId,
    orderCode: doc.orderCode,
    checkoutId: doc.checkoutId,
    sellerId: doc.sellerId,
    buyerUserId: doc.buyerUserId,
    type: doc.type,
    from: doc.from ?? null,
    to: doc.to,
    actor: { userId: doc.actor.userId ?? null, role: doc.actor.role },
    reason: doc.reason ?? null,
    at: doc.at,
    provinceCode: doc.provinceCode,
    communeCode: doc.communeCode,
    buyerProvinceCode: doc.buyerProvinceCode,
    buyerCommuneCode: doc.buyerCommuneCode,
    adminEra: '2025',
    dayVn: doc.dayVn,
    monthVn: doc.monthVn,
    paymentMethod: doc.paymentMethod,
    totals: { ...doc.totals },
    lines: (doc.lines ?? []).map((l) => ({ ...l })),
    data: doc.data ? { ...doc.data } : null,
    dispatchedAt: doc.dispatchedAt ?? null,
  };
}

/**
 * Runs every consumer of an order event once: each finished consumer is recorded on the event (`consumedBy`), so a
 * retry runs only those that failed; the event is marked dispatched when all are done. A failure throws (BullMQ
 * retries the job with backoff).
 */
@Injectable()
export class OrderEventDispatcher {
  private readonly logger = new Logger(OrderEventDispatcher.name);

  constructor(
    private readonly events: OrderEventsRepository,
    @Inject(ORDER_EVENT_CONSUMERS) private readonly consumers: OrderEventConsumer[],
    private readonly queue: OrderEventQueue,
  ) {}

  async dispatch(eventId: string, now = new Date()): Promise<'dispatched' | 'already' | 'missing'> {
    const doc = await this.events.findById(DISPATCH_SCOPE, eventId);
    if (!doc) return 'missing';
    if (doc.dispatchedAt) return 'already';
    const record = orderEventRecord(doc);
    const failures: string[] = [];
    for (const consumer of this.consumers) {
      if (doc.consumedBy.includes(consumer.name)) continue;
      try {
        await consumer.handle(record);
        await this.events.markConsumed(DISPATCH_SCOPE, eventId, consumer.name);
      } catch (error) {
        failures.push(`${consumer.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length) throw new Error(`order event ${doc.key} not fully dispatched: ${failures.join('; ')}`);
    await this.events.markDispatched(DISPATCH_SCOPE, eventId, now);
    return 'dispatched';
  }

  /** Queues again the events whose dispatch job was lost; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const stale = await this.events.undispatched(DISPATCH_SCOPE, new Date(now.getTime() - SWEEP_AFTER_MS), 500);
    for (const event of stale) await this.queue.enqueue(event.id as string);
    if (stale.length) this.logger.warn(`order-events.sweep re-queued ${stale.length} event(s)`);
    return stale.length;
  }
}
