import { Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { QUEUES, REPORT_JOB_NAMES, ReportJobs, assertEveryJobHandled } from '@nss/server-core';
import { ReportIngest } from './report-ingest';

type Handlers = { [K in keyof ReportJobs]: (data: ReportJobs[K], job: Job) => Promise<void> };

/** How often the ingest runs: dashboards lag the events by about this much. */
export const REPORT_INGEST_EVERY_MS = 5_000;

/** Consumer of the `reporting` queue (worker only), one job at a time. */
@Processor(QUEUES.reporting, { concurrency: 1, lockDuration: 60_000, stalledInterval: 30_000 })
export class ReportJobsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ReportJobsProcessor.name);
  readonly handlers: Handlers;

  constructor(
    ingest: ReportIngest,
    @InjectQueue(QUEUES.reporting) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      'report.ingest': async (_data, job) => {
        const outcome = await ingest.runOnce();
        if (outcome) await job.updateProgress(outcome as unknown as Record<string, number>);
        else this.logger.debug('report.ingest: another worker is running it');
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.reporting, REPORT_JOB_NAMES, this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('report.ingest', { every: REPORT_INGEST_EVERY_MS }, { name: 'report.ingest', data: {}, opts });
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
