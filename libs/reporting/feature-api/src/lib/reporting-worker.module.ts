import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { ReportExportsWorkerModule } from './exports/report-exports-worker.module';
import { ReportingCoreModule } from './reporting-core.module';
import { ReportJobsProcessor } from './worker/report-jobs.processor';

/**
 * Reporting in the worker: the scheduled ingest of domain events into deltas and rollups (queue `reporting`), and the
 * export files and the monthly report (queue `report-exports`).
 */
@Module({
  imports: [ReportingCoreModule, ReportExportsWorkerModule, BullModule.registerQueue({ name: QUEUES.reporting })],
  providers: [ReportJobsProcessor],
  exports: [ReportingCoreModule, ReportExportsWorkerModule],
})
export class ReportingWorkerModule {}
