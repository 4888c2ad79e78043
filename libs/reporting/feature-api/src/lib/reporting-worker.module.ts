import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { ReportingCoreModule } from './reporting-core.module';
import { ReportJobsProcessor } from './worker/report-jobs.processor';

/** Reporting in the worker: the scheduled ingest of domain events into deltas and rollups (queue `reporting`). */
@Module({
  imports: [ReportingCoreModule, BullModule.registerQueue({ name: QUEUES.reporting })],
  providers: [ReportJobsProcessor],
  exports: [ReportingCoreModule],
})
export class ReportingWorkerModule {}
