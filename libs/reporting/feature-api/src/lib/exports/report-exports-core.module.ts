import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsModule } from '@nss/accounts-api';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { ReportFunnelService } from '../api/report-funnel.service';
import { ReportsService } from '../api/reports.service';
import { RollupReader } from '../api/rollup-reader';
import { ReportHousehold, ReportHouseholdPhone, ReportHouseholdPhoneSchema, ReportHouseholdSchema } from '../store/report-household.schema';
import { ReportHouseholdsRepository } from '../store/report-households.repository';
import { ReportRollup, ReportRollupSchema } from '../store/report-rollup.schema';
import { ReportMonthsRepository } from '../store/report-months.repository';
import { ReportRollupsRepository } from '../store/report-rollups.repository';
import { ReportExportQueue } from './report-export-queue';
import { ReportExport, ReportExportSchema } from './report-export.schema';
import { ReportExportsRepository } from './report-exports.repository';

const queue = BullModule.registerQueue({ name: QUEUES.reportExports });
const providers = [ReportExportsRepository, ReportExportQueue, ReportRollupsRepository, ReportMonthsRepository, ReportHouseholdsRepository, RollupReader, ReportsService, ReportFunnelService];

/**
 * What the export routes (API) and the export jobs (worker) share: the export records, the `report-exports` queue,
 * and the readers the dashboard answers with (an export is made from the same figures the dashboard shows; the
 * funnel names agents from accounts).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReportExport.name, schema: ReportExportSchema },
      { name: ReportRollup.name, schema: ReportRollupSchema },
      { name: ReportHousehold.name, schema: ReportHouseholdSchema },
      { name: ReportHouseholdPhone.name, schema: ReportHouseholdPhoneSchema },
    ]),
    MediaStorageModule,
    AccountsModule,
    queue,
  ],
  providers,
  exports: [...providers, queue, MediaStorageModule],
})
export class ReportExportsCoreModule {}
