import { Module } from '@nestjs/common';
import { ReportExportsCoreModule } from '../exports/report-exports-core.module';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';
import { ReportExportsController } from './report-exports.controller';
import { ReportExportsService } from './report-exports.service';

/** Export routes (`/api/reports/exports`, the worker makes the files) and the public open data (`/api/open-data`). */
@Module({
  imports: [ReportExportsCoreModule],
  controllers: [ReportExportsController, OpenDataController],
  providers: [ReportExportsService, OpenDataService],
})
export class ReportExportsApiModule {}
