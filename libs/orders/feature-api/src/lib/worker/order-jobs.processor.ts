import { OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { ORDER_JOB_NAMES, OrderJobs, QUEUES, assertEveryJobHandled } from '@nss/server-core';
import { CheckoutRepair } from '../checkout/checkout-repair';
import { OrderAutoComplete } from './order-auto-complete';
import { OrderEventDispatcher } from './order-event-dispatcher';

type Handlers = { [K in keyof OrderJobs]: (data: OrderJobs[K], job: Job) => Promise<void> };

export const ORDER_EVENTS_SWEEP_EVERY_MS = 60_000;
export const ORDERS_AUTO_COMPLETE_EVERY_MS = 60 * 60_000;

/**
 * Consumer of the `orders` queue (worker only): order-event dispatch, the sweep (lost dispatch jobs, checkouts a
 * crash left half-done) every minute, auto-completion every hour. (`checkout.expire` is on its own queue,
 * `checkout-expiry`, consumed by payments.)
 */
@Processor(QUEUES.orders, { concurrency: 4 })
export class OrderJobsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  readonly handlers: Handlers;

  constructor(
    dispatcher: OrderEventDispatcher,
    repair: CheckoutRepair,
    autoComplete: OrderAutoComplete,
    @InjectQueue(QUEUES.orders) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      'order-event.dispatch': async (data) => {
        await dispatcher.dispatch(data.eventId);
      },
      'order-events.sweep': async () => {
        await dispatcher.sweep();
        await repair.repairStale();
      },
      'orders.auto-complete': async () => {
        await autoComplete.run();
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.orders, ORDER_JOB_NAMES, this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('order-events.sweep', { every: ORDER_EVENTS_SWEEP_EVERY_MS }, { name: 'order-events.sweep', data: {}, opts });
    await this.queue.upsertJobScheduler('orders.auto-complete', { every: ORDERS_AUTO_COMPLETE_EVERY_MS }, { name: 'orders.auto-complete', data: {}, opts });
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
