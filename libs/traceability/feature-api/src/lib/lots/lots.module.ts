import { Module } from '@nestjs/common';
import { CatalogCoreModule } from '@nss/catalog-api';
import { OnboardingModule } from '@nss/onboarding-api';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { DiaryService } from './diary.service';
import { LotAccess } from './lot-access';
import { LotEpcisService } from './lot-epcis.service';
import { LotsController } from './lots.controller';
import { LotsService } from './lots.service';

/**
 * Lots and their production diary (seller, agent; staff read their province). Products are read through the
 * catalogue's core (no search index), sellers through onboarding's SellerDirectory.
 */
@Module({
  imports: [TraceabilityCoreModule, CatalogCoreModule, OnboardingModule],
  controllers: [LotsController],
  providers: [LotAccess, LotsService, DiaryService, LotEpcisService],
  exports: [LotAccess],
})
export class LotsModule {}
