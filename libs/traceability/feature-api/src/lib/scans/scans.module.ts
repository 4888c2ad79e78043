import { Module } from '@nestjs/common';
import { CatalogCoreModule } from '@nss/catalog-api';
import { OnboardingModule } from '@nss/onboarding-api';
import { MediaStorageModule } from '@nss/server-core';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { ScanAccess } from './scan-access';
import { ScanAnalyticsController } from './scan-analytics.controller';
import { ScanAnalyticsService } from './scan-analytics.service';
import { ScanClientHasher } from './scan-client-hasher';
import { ScanPageRoutes } from './scan-page.routes';
import { ScanService } from './scan.service';
import { ScanStoreModule } from './scan-store.module';
import { TraceController } from './trace.controller';
import { TraceRecords } from './trace-records';

/** The public scan page (`/t/:serial`, GS1 Digital Link), verdicts, scan recording and scan analytics. */
@Module({
  imports: [TraceabilityCoreModule, ScanStoreModule, CatalogCoreModule, OnboardingModule, MediaStorageModule],
  controllers: [TraceController, ScanAnalyticsController],
  providers: [ScanPageRoutes, ScanClientHasher, TraceRecords, ScanService, ScanAccess, ScanAnalyticsService],
  exports: [ScanStoreModule, ScanPageRoutes],
})
export class ScansModule {}
