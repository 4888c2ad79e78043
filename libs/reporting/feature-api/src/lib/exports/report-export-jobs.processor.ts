import { Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QUEUES, REPORT_EXPORT_JOB_NAMES, ReportExportJobs, assertEveryJobHandled } from '@nss/server-core';
import { MonthlyReports } from './monthly-reports';
import { ReportExportQueue } from './report-export-queue';
import { ReportExportRunner } from './report-export-runner';
import { ReportExportsRepository } from './report-exports.repository';

type Handlers = { [K in keyof ReportExportJobs]: (data: ReportExportJobs[K], job: Job) => Promise<void> };

export const EXPORTS_SWEEP_EVERY_MS = 60_000;
/** An export still unfinished this long after its creation has its job queued again (same job id: no duplicate). */
const SWEEP_AFTER_MS = 2 * 60_000;
/** The monthly step runs at minute 5 of every hour (Vietnam time); it acts only on the first day of a month. */
export const MONTHLY_REPORT_PATTERN = '5 * * * *';

/**
 * Consumer of the `report-exports` queue (worker only), one export at a time. A worker killed mid-build leaves its
 * job locked for `lockDuration`; a worker then takes it up again as stalled and the runner builds the export again
 * from the start (its file goes to the same key).
 */
@Processor(QUEUES.reportExports, { concurrency: 1, lockDuration: 30_000, stalledInterval: 15_000, maxStalledCount: 20 })
export class ReportExportJobsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ReportExportJobsProcessor.name);
  readonly handlers: Handlers;

  constructor(
    runner: ReportExportRunner,
    monthly: MonthlyReports,
    exports: ReportExportsRepository,
    private readonly producer: ReportExportQueue,
  ) {
    super();
    this.handlers = {
      'report-export.build': async (data, job) => {
        try {
          const outcome = await runner.run(data.exportId);
          this.logger.log(`report-export.build ${data.exportId}: ${outcome}`);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await runner.fail(data.exportId, error instanceof Error ? error.message : String(error)).catch(() => undefined);
          throw error;
        }
      },
      'report-exports.monthly': async () => {
        await monthly.run();
      },
      'report-exports.sweep': async () => {
        for (const doc of await exports.unfinished(new Date(Date.now() - SWEEP_AFTER_MS), 100)) await producer.enqueueBuild(doc._id);
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.reportExports, REPORT_EXPORT_JOB_NAMES, this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    const queue = this.producer.queue;
    await queue.upsertJobScheduler('report-exports.monthly', { pattern: MONTHLY_REPORT_PATTERN, tz: 'Asia/Ho_Chi_Minh' }, { name: 'report-exports.monthly', data: {}, opts });
    await queue.upsertJobScheduler('report-exports.sweep', { every: EXPORTS_SWEEP_EVERY_MS }, { name: 'report-exports.sweep', data: {}, opts });
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
