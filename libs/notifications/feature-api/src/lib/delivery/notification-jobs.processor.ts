import { OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { NOTIFICATION_JOB_NAMES, NotificationJobs, QUEUES, assertEveryJobHandled } from '@nss/server-core';
import { MessageDelivery } from './message-delivery';
import { OutboxRelay } from './outbox-relay';

type Handlers = { [K in keyof NotificationJobs]: (data: NotificationJobs[K], job: Job) => Promise<void> };

/**
 * Consumer of the `notifications` queue (worker process only). A transient failure throws and BullMQ retries with
 * backoff; a permanent one ends the job with UnrecoverableError once the message is dead-lettered.
 */
@Processor(QUEUES.notifications, { concurrency: 4 })
export class NotificationJobsProcessor extends WorkerHost implements OnModuleInit {
  readonly handlers: Handlers;

  constructor(delivery: MessageDelivery, relay: OutboxRelay) {
    super();
    this.handlers = {
      'message.deliver': async (data, job) => {
        const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const result = await delivery.deliver(data.messageId, { lastTry });
        if (result.state === 'dead' && result.permanent) throw new UnrecoverableError('Message dead-lettered (permanent failure)');
      },
      'outbox.sweep': async () => {
        await relay.sweep();
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.notifications, NOTIFICATION_JOB_NAMES, this.handlers);
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
