import { Module } from '@nestjs/common';
import { AccountsModule } from '@nss/accounts-api';
import { NotificationsOutboxModule } from '@nss/notifications-api';
import { AuthCoreModule } from '@nss/server-core';
import { MonthlyReports } from './monthly-reports';
import { ReportExportBuilder } from './report-export-builder';
import { ReportExportJobsProcessor } from './report-export-jobs.processor';
import { ReportExportRunner } from './report-export-runner';
import { ReportExportsCoreModule } from './report-exports-core.module';

/**
 * Export jobs in the worker (queue `report-exports`): building the files, the monthly report and its notice to the
 * province's staff (accounts: who they are; notifications: the outbox), the sweep of exports whose job was lost.
 */
@Module({
  imports: [AuthCoreModule, ReportExportsCoreModule, AccountsModule, NotificationsOutboxModule],
  providers: [ReportExportBuilder, MonthlyReports, ReportExportRunner, ReportExportJobsProcessor],
  exports: [ReportExportsCoreModule, ReportExportRunner, MonthlyReports],
})
export class ReportExportsWorkerModule {}
