import { Logger, OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { MEDIA_JOB_NAMES, MediaJobs, QUEUES, assertEveryJobHandled } from '@nss/server-core';
import { PhotoThumbnailer } from './photo-thumbnailer';

type Handlers = { [K in keyof MediaJobs]: (data: MediaJobs[K]) => Promise<void> };

/** Consumer of the `media` queue, in the worker process only. */
@Processor(QUEUES.media, { concurrency: 2 })
export class MediaJobsProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(MediaJobsProcessor.name);
  private readonly handlers: Handlers;

  constructor(thumbnailer: PhotoThumbnailer) {
    super();
    this.handlers = { 'photo.thumbnails': (data) => thumbnailer.run(data) };
  }

  onModuleInit(): void {
    assertEveryJobHandled(QUEUES.media, MEDIA_JOB_NAMES, this.handlers);
  }

  async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, ((data: unknown) => Promise<void>) | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    this.logger.debug(`${job.name} ${job.id}`);
    await handler(job.data);
  }
}
