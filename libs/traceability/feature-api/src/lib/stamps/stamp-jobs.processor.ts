import { Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { QUEUES, STAMP_JOB_NAMES, StampJobs, assertEveryJobHandled } from '@nss/server-core';
import { enqueueGeneration, enqueueRangeChange } from './batch-jobs';
import { StampGenerator } from './stamp-generator';
import { StampRangeJob } from './stamp-range-job';
import { StampBatchesRepository } from './stamps.repository';

type Handlers = { [K in keyof StampJobs]: (data: StampJobs[K], job: Job) => Promise<void> };

export const STAMPS_SWEEP_EVERY_MS = 60_000;

/**
 * Consumer of the `stamps` queue (worker only): one batch at a time per worker (generation is CPU- and
 * database-bound). A worker killed mid-batch leaves its job locked for `lockDuration`; another worker (or the same one
 * restarted) then takes it up again as stalled and the generator (or the range change) continues from what is stored.
 */
@Processor(QUEUES.stamps, { concurrency: 1, lockDuration: 20_000, stalledInterval: 10_000, maxStalledCount: 20 })
export class StampJobsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(StampJobsProcessor.name);
  readonly handlers: Handlers;

  constructor(
    generator: StampGenerator,
    rangeJob: StampRangeJob,
    batches: StampBatchesRepository,
    @InjectQueue(QUEUES.stamps) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      'stamps.generate': async (data, job) => {
        try {
          const outcome = await generator.generate(data.batchId);
          this.logger.log(`stamps.generate ${data.batchId}: ${outcome}`);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await generator.fail(data.batchId, error instanceof Error ? error.message : String(error)).catch(() => undefined);
          throw error;
        }
      },
      'stamps.range': async (data) => {
        const outcome = await rangeJob.run(data.batchId, data.key);
        this.logger.log(`stamps.range ${data.key}: ${outcome}`);
      },
      'stamps.sweep': async () => {
        for (const batchId of await batches.unfinishedForWorker()) await enqueueGeneration(this.queue, batchId);
        for (const { batchId, key } of await batches.pendingChangesForWorker()) await enqueueRangeChange(this.queue, batchId, key);
      },
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.stamps, STAMP_JOB_NAMES, this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('stamps.sweep', { every: STAMPS_SWEEP_EVERY_MS }, { name: 'stamps.sweep', data: {}, opts });
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown, job: Job) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    await handler(job.data, job);
  }
}
