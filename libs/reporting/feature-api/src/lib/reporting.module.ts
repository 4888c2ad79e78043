import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportExportsApiModule } from './api/report-exports-api.module';
import { ReportsController } from './api/reports.controller';
import { ReportExportsCoreModule } from './exports/report-exports-core.module';
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
      { name: ReportTop.name, schema: ReportTopSchema },
      ...REPORT_NAME_MODELS,
    ]),
    // The readers the dashboard answers with (shared with the export jobs: one instance of each).
    ReportExportsCoreModule,
    // Exports (files made by the worker) and the public open data.
    ReportExportsApiModule,
  ],
  controllers: [ReportsController],
  providers: [ReportTopsRepository, ReportNamesRepository, ReportTopService],
})
export class ReportingModule {}
