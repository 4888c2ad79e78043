import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OrderJobs, QUEUES, orderEventJobId } from '@nss/server-core';

export const ORDER_EVENT_JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: 1000, removeOnFail: 5000 };

/**
 * Queues the dispatch of an order event. The event is written first; a failed enqueue (Redis down) is logged, not
 * thrown: the worker's sweep finds undispatched events and queues them again (same job id, so never twice).
 */
@Injectable()
export class OrderEventQueue {
  private readonly logger = new Logger(OrderEventQueue.name);

  constructor(@InjectQueue(QUEUES.orders) private readonly queue: Queue) {}

  async enqueue(eventId: string): Promise<void> {
    const data: OrderJobs['order-event.dispatch'] = { eventId };
    await this.queue.add('order-event.dispatch', data, { ...ORDER_EVENT_JOB_OPTIONS, jobId: orderEventJobId(eventId) }).catch((error: unknown) => {
      this.logger.warn(`order event ${eventId} not queued (the sweep will): ${String(error)}`);
    });
  }
}
