import { Logger, OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { MAINTENANCE_JOB_NAMES, MaintenanceJobs, QUEUES, assertEveryJobHandled } from '@nss/server-core';
import { RefreshTokensRepository } from '../sessions/refresh-tokens.repository';

type Handlers = { [K in keyof MaintenanceJobs]: (data: MaintenanceJobs[K]) => Promise<void> };

/** Consumer of the `maintenance` queue, in the worker process only. */
@Processor(QUEUES.maintenance, { concurrency: 1 })
export class MaintenanceJobsProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(MaintenanceJobsProcessor.name);
  readonly handlers: Handlers;

  constructor(refreshTokens: RefreshTokensRepository) {
    super();
    this.handlers = {
      'sessions.purge': async () => {
        const removed = await refreshTokens.deleteExpired(new Date());
        this.logger.log(`sessions.purge removed ${removed} expired refresh token(s)`);
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.maintenance, MAINTENANCE_JOB_NAMES, this.handlers);
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data);
  }
}
