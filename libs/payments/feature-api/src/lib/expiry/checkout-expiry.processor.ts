import { OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { CHECKOUT_EXPIRY_JOB_NAMES, type CheckoutExpiryJobs, QUEUES, assertEveryJobHandled, checkoutExpireJobId } from '@nss/server-core';
import { CheckoutExpiry } from './checkout-expiry';

type Handlers = { [K in keyof CheckoutExpiryJobs]: (data: CheckoutExpiryJobs[K], job: Job) => Promise<void> };

/** How long to wait before asking VNPay again when every try of a job failed to reach it. */
const GATEWAY_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Consumer of the `checkout-expiry` queue (worker only). When VNPay cannot be reached the job fails and BullMQ retries
 * it; after its last try a fresh job is queued a few minutes later, so a checkout is never left unexpired for good
 * and never expired without asking VNPay.
 */
@Processor(QUEUES.checkoutExpiry, { concurrency: 4 })
export class CheckoutExpiryProcessor extends WorkerHost implements OnModuleInit {
  readonly handlers: Handlers;

  constructor(
    expiry: CheckoutExpiry,
    @InjectQueue(QUEUES.checkoutExpiry) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      'checkout.expire': async (data, job) => {
        try {
          await expiry.expire(data.checkoutId);
        } catch (error) {
          const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (lastTry) {
            await this.queue.add('checkout.expire', data, {
              jobId: `${checkoutExpireJobId(data.checkoutId)}__retry__${Date.now()}`,
              delay: GATEWAY_RETRY_DELAY_MS,
              removeOnComplete: 1000,
              removeOnFail: 1000,
            });
          }
          throw error;
        }
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.checkoutExpiry, CHECKOUT_EXPIRY_JOB_NAMES, this.handlers);
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
