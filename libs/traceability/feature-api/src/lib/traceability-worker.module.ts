import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { StampGenerator } from './stamps/stamp-generator';
import { StampJobsProcessor } from './stamps/stamp-jobs.processor';
import { TraceabilityCoreModule } from './traceability-core.module';

/** Traceability in the worker: stamp batch generation (queue `stamps`). */
@Module({
  imports: [TraceabilityCoreModule, MediaStorageModule, BullModule.registerQueue({ name: QUEUES.stamps })],
  providers: [StampGenerator, StampJobsProcessor],
  exports: [StampGenerator],
})
export class TraceabilityWorkerModule {}
