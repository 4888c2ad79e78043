import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportSourcesRepository } from './sources/report-sources.repository';
import { SOURCE_MODELS } from './sources/source-events';
import { ReportDelta, ReportDeltaSchema } from './store/report-delta.schema';
import { ReportHousehold, ReportHouseholdPhone, ReportHouseholdPhoneSchema, ReportHouseholdSchema } from './store/report-household.schema';
import { ReportHouseholdsRepository } from './store/report-households.repository';
import { ReportRollup, ReportRollupSchema } from './store/report-rollup.schema';
import { ReportStoreRepository, SHADOW_DELTA_MODEL, SHADOW_ROLLUP_MODEL, SHADOW_TOP_MODEL } from './store/report-store.repository';
import { ReportTop, ReportTopSchema } from './store/report-top.schema';
import { FunnelProjection } from './worker/funnel-projection';
import { ReportIngest } from './worker/report-ingest';
import { ReportRebuild } from './worker/report-rebuild';

/** The shadow copies the rebuild writes before it compares (and, on `--apply`, swaps). */
const shadowDeltaSchema = ReportDeltaSchema.clone().set('collection', 'report_deltas_rebuild');
const shadowRollupSchema = ReportRollupSchema.clone().set('collection', 'report_rollups_rebuild');
const shadowTopSchema = ReportTopSchema.clone().set('collection', 'report_top_rebuild');

/**
 * Reporting's consumer side without a queue consumer: the source event views, deltas, rollups, the funnel
 * projection, the ingest and the rebuild. The worker adds the scheduled job; the `report:rebuild` command uses it alone.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      ...SOURCE_MODELS,
      { name: ReportDelta.name, schema: ReportDeltaSchema },
      { name: ReportRollup.name, schema: ReportRollupSchema },
      { name: ReportHousehold.name, schema: ReportHouseholdSchema },
      { name: ReportHouseholdPhone.name, schema: ReportHouseholdPhoneSchema },
      { name: SHADOW_DELTA_MODEL, schema: shadowDeltaSchema },
      { name: SHADOW_ROLLUP_MODEL, schema: shadowRollupSchema },
      { name: ReportTop.name, schema: ReportTopSchema },
      { name: SHADOW_TOP_MODEL, schema: shadowTopSchema },
    ]),
  ],
  providers: [ReportSourcesRepository, ReportStoreRepository, ReportHouseholdsRepository, FunnelProjection, ReportIngest, ReportRebuild],
  exports: [ReportIngest, ReportRebuild],
})
export class ReportingCoreModule {}
