import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@nss/server-core';
import { MessageOutbox } from '../outbox/message-outbox';
import { MessagesRepository } from '../outbox/messages.repository';

export const OUTBOX_SWEEP_EVERY_MS = 60_000;
/** A queued message untouched this long has probably lost its job (a try or a backoff step updates it sooner). */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * The outbox relay: a message is written before its job is queued, so a crash or a Redis failure in between would
 * leave it waiting forever. Every minute the worker re-queues such messages; the job id makes this a no-op when the
 * job still exists, and an expired message is dead-lettered by the delivery it gets.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: MessageOutbox,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'outbox.sweep',
      { every: OUTBOX_SWEEP_EVERY_MS },
      { name: 'outbox.sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  /** Re-queues stale waiting messages; returns how many were looked at. */
  async sweep(now = new Date()): Promise<number> {
    const stale = await this.messages.findStaleQueued(new Date(now.getTime() - STALE_AFTER_MS), 500);
    for (const message of stale) await this.outbox.enqueue(message.id as string, message.generation);
    if (stale.length) this.logger.warn(`outbox.sweep re-queued ${stale.length} waiting message(s)`);
    return stale.length;
  }
}
