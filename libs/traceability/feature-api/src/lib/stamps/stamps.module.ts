import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { CatalogCoreModule } from '@nss/catalog-api';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { LotsModule } from '../lots/lots.module';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { StampActivationService } from './stamp-activation.service';
import { StampBatchesController, StampsController } from './stamp-batches.controller';
import { StampBatchesService } from './stamp-batches.service';
import { StampRangeChanges } from './stamp-range-changes';

/** Stamp batches (request, approval, files, progress, cancel) and stamp activation / voiding; generation is queued. */
@Module({
  imports: [TraceabilityCoreModule, LotsModule, CatalogCoreModule, MediaStorageModule, BullModule.registerQueue({ name: QUEUES.stamps })],
  controllers: [StampBatchesController, StampsController],
  providers: [StampBatchesService, StampActivationService, StampRangeChanges],
})
export class StampsModule {}
