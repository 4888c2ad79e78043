import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportExportsApiModule } from './api/report-exports-api.module';
import { ReportFunnelService } from './api/report-funnel.service';
import { ReportsController } from './api/reports.controller';
import { ReportsService } from './api/reports.service';
import { RollupReader } from './api/rollup-reader';
import { ReportHousehold, ReportHouseholdSchema } from './store/report-household.schema';
import { ReportHouseholdsRepository } from './store/report-households.repository';
import { ReportRollup, ReportRollupSchema } from './store/report-rollup.schema';
import { ReportRollupsRepository } from './store/report-rollups.repository';
import { REPORT_NAME_MODELS, ReportNamesRepository } from './store/report-names.repository';
import { ReportTop, ReportTopSchema } from './store/report-top.schema';
import { ReportTopsRepository } from './store/report-tops.repository';
import { ReportTopService } from './api/report-top.service';

/**
 * Reporting in the API: figures, commune table, series and the funnel under `/api/reports`, read from reporting's
 * own rollups and funnel households (the worker's ReportingWorkerModule writes them from the domain events).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReportRollup.name, schema: ReportRollupSchema },
      { name: ReportHousehold.name, schema: ReportHouseholdSchema },
      { name: ReportTop.name, schema: ReportTopSchema },
      ...REPORT_NAME_MODELS,
    ]),
    // Exports (files made by the worker) and the public open data.
    ReportExportsApiModule,
  ],
  controllers: [ReportsController],
  providers: [ReportRollupsRepository, ReportHouseholdsRepository, RollupReader, ReportsService, ReportFunnelService, ReportTopsRepository, ReportNamesRepository, ReportTopService],
})
export class ReportingModule {}
