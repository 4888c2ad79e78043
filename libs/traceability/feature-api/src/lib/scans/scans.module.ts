import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogCoreModule } from '@nss/catalog-api';
import { OnboardingModule } from '@nss/onboarding-api';
import { MediaStorageModule } from '@nss/server-core';
import { TraceEvent, TraceEventSchema } from '../events/trace-event.schema';
import { Lot, LotSchema } from '../lots/lot.schema';
import { LotDiaryEntry, LotDiaryEntrySchema } from '../lots/lot-diary.schema';
import { Stamp, StampSchema } from '../stamps/stamp.schema';
import { StampBatch, StampBatchSchema } from '../stamps/stamp-batch.schema';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { ScanAccess } from './scan-access';
import { ScanAnalyticsController } from './scan-analytics.controller';
import { ScanAnalyticsService } from './scan-analytics.service';
import { ScanClientHasher } from './scan-client-hasher';
import { ScanLedger } from './scan-ledger';
import { ScanPageRoutes } from './scan-page.routes';
import { ScanPathRepository } from './scan-path.repository';
import { ScanWriter } from './scan-writer';
import { ScanService } from './scan.service';
import { TraceController } from './trace.controller';
import { TraceRecords } from './trace-records';

/** The models the scan path reads directly (registered once on the connection; the core module owns them). */
const scanPathModels = MongooseModule.forFeature([
  { name: Stamp.name, schema: StampSchema },
  { name: StampBatch.name, schema: StampBatchSchema },
  { name: Lot.name, schema: LotSchema },
  { name: LotDiaryEntry.name, schema: LotDiaryEntrySchema },
  { name: TraceEvent.name, schema: TraceEventSchema },
]);

/** The public scan page (`/t/:serial`, GS1 Digital Link), verdicts, scan recording and scan analytics. */
@Module({
  imports: [TraceabilityCoreModule, scanPathModels, CatalogCoreModule, OnboardingModule, MediaStorageModule],
  controllers: [TraceController, ScanAnalyticsController],
  providers: [ScanPageRoutes, ScanClientHasher, ScanLedger, ScanPathRepository, TraceRecords, ScanService, ScanWriter, ScanAccess, ScanAnalyticsService],
  exports: [ScanWriter, ScanPageRoutes],
})
export class ScansModule {}
