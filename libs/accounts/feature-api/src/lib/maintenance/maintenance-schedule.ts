import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@nss/server-core';

export const SESSIONS_PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Registers the repeating housekeeping jobs. A job scheduler has a fixed id, so every worker replica upserting it at
 * start-up leaves exactly one schedule, and a restarted worker picks it up where it was.
 */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'sessions.purge',
      { every: SESSIONS_PURGE_EVERY_MS },
      { name: 'sessions.purge', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
