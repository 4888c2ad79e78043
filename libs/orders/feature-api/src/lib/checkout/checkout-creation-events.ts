import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Types } from 'mongoose';
import type { PaymentMethod } from '@nss/contracts';
import { Actor, CheckoutExpiryJobs, QUEUES, checkoutExpireJobId } from '@nss/server-core';
import { OrderEventQueue } from '../order-events/order-event-queue';
import { OrderEventsRepository } from '../order-events/order-events.repository';
import { orderEventDoc, TRANSITION_SCOPE } from '../orders/order-transitions';
import type { Order } from '../orders/order.schema';

export const CHECKOUT_EXPIRY_JOB_OPTIONS = { attempts: 10, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 1000, removeOnFail: 5000 };

/**
 * What follows the creation of a checkout's orders: their creation events, the events' dispatch and the checkout's
 * expiry job. The API's checkout calls it; the worker's sweep (CheckoutRepair) calls it again for a checkout a crash
 * left half-done, which is why it is its own provider (the worker has no carts or search index).
 */
@Injectable()
export class CheckoutCreationEvents {
  private readonly logger = new Logger(CheckoutCreationEvents.name);

  constructor(
    private readonly events: OrderEventsRepository,
    private readonly eventQueue: OrderEventQueue,
    @InjectQueue(QUEUES.checkoutExpiry) private readonly expiryQueue: Queue,
  ) {}

  /** The creation events, their dispatch and the expiry job. Idempotent (the sweep calls it again after a crash). */
  async afterCreate(checkoutId: string, method: PaymentMethod, expiresAt: Date | null, orderDocs: Array<Partial<Order> & { _id: Types.ObjectId }>, actor: Pick<Actor, 'userId'>, now: Date): Promise<void> {
    for (const order of orderDocs) {
      const doc = orderEventDoc(order as Order & { _id: Types.ObjectId }, 1, null, order.state!, { userId: actor.userId, role: 'buyer' }, now, null, null);
      const event = (await this.events.insertOnce(TRANSITION_SCOPE, doc)) ?? (await this.events.findByKey(TRANSITION_SCOPE, doc.key));
      if (event) await this.eventQueue.enqueue(event.id as string);
    }
    if (expiresAt) {
      const data: CheckoutExpiryJobs['checkout.expire'] = { checkoutId };
      await this.expiryQueue
        .add('checkout.expire', data, { ...CHECKOUT_EXPIRY_JOB_OPTIONS, jobId: checkoutExpireJobId(checkoutId), delay: Math.max(0, expiresAt.getTime() - Date.now()) })
        .catch((error: unknown) => this.logger.error(`expiry of checkout ${checkoutId} not queued (the sweep expires it): ${String(error)}`));
    }
  }

}
