import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { MediaJobsProcessor } from './photos/media-jobs.processor';
import { PhotoThumbnailer } from './photos/photo-thumbnailer';
import { CatalogCoreModule } from './catalog-core.module';

/** The catalogue in the worker: the `media` queue consumer (photo thumbnails). */
@Module({
  imports: [
    CatalogCoreModule,
    MediaStorageModule,
    BullModule.registerQueue({ name: QUEUES.media }),
  ],
  providers: [PhotoThumbnailer, MediaJobsProcessor],
})
export class CatalogWorkerModule {}
