import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { StampGenerator } from './stamps/stamp-generator';
import { StampJobsProcessor } from './stamps/stamp-jobs.processor';
import { StampRangeChanges } from './stamps/stamp-range-changes';
import { StampRangeJob } from './stamps/stamp-range-job';
import { ScanStoreModule } from './scans/scan-store.module';
import { ScanWriterSchedule } from './scans/scan-writer';
import { TraceabilityCoreModule } from './traceability-core.module';

/**
 * Traceability in the worker: stamp batch generation and large range activations / voidings (queue `stamps`), and the
 * scan writer storing what the API's scans left in the Redis outbox.
 */
@Module({
  imports: [TraceabilityCoreModule, ScanStoreModule, MediaStorageModule, BullModule.registerQueue({ name: QUEUES.stamps })],
  providers: [StampGenerator, StampRangeChanges, StampRangeJob, StampJobsProcessor, ScanWriterSchedule],
  exports: [StampGenerator],
})
export class TraceabilityWorkerModule {}
