import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogEventsBackfillModule, CatalogEventsBackfillRepository } from '@nss/catalog-api';
import { OnboardingEventsBackfillModule, OnboardingEventsBackfillRepository } from '@nss/onboarding-api';
import { OrderEventsBackfillModule, OrderEventsBackfillRepository } from '@nss/orders-api';
import { ReportingCoreModule, ReportRebuild, type RebuildReport } from '@nss/reporting-api';
import { type AppConfig, InfrastructureModule } from '@nss/server-core';
import { formatRebuildReport } from './report-rebuild.command';

export interface BackfillReport {
  /** Source events each domain wrote (or completed) for records made before reporting's events existed. */
  written: { trainingAttended: number; accountMilestones: number; productsApproved: number; orderEventsCompleted: number };
  /** The rebuild that follows (applied): re-derives the deltas of completed events and every rollup. */
  rebuild: RebuildReport;
}

/**
 * Reporting's backfill: each owning domain writes the events its earlier records lack, with the keys the live code
 * uses (unique: a second run, or a live write of the same fact, writes nothing more), then `report:rebuild --apply`
 * re-derives every delta and rollup from the events (the order events completed in place keep their ids, so the
 * ingest's cursors would not read them again). New events are also read by the running ingest; the rebuild holds its
 * lock, so the two never interleave.
 */
@Injectable()
export class ReportBackfill {
  constructor(
    private readonly onboarding: OnboardingEventsBackfillRepository,
    private readonly catalog: CatalogEventsBackfillRepository,
    private readonly orders: OrderEventsBackfillRepository,
    private readonly rebuild: ReportRebuild,
  ) {}

  async run(): Promise<BackfillReport> {
    const written = {
      trainingAttended: await this.onboarding.trainingEventsOfAttendances(),
      accountMilestones: await this.onboarding.accountMilestonesOfSellers(),
      productsApproved: await this.catalog.approvedEventsOfListedProducts(),
      orderEventsCompleted: await this.orders.linesOfEarlierEvents(),
    };
    return { written, rebuild: await this.rebuild.run({ apply: true }) };
  }
}

@Module({
  imports: [OnboardingEventsBackfillModule, CatalogEventsBackfillModule, OrderEventsBackfillModule, ReportingCoreModule],
  providers: [ReportBackfill],
  exports: [ReportBackfill],
})
export class ReportBackfillModule {}

export function formatBackfillReport(report: BackfillReport): string {
  const w = report.written;
  return (
    `Bổ sung sự kiện / events backfilled: training.attended ${w.trainingAttended}, accountAt ${w.accountMilestones}, ` +
    `product.approved ${w.productsApproved}, order events completed ${w.orderEventsCompleted}\n${formatRebuildReport(report.rebuild)}`
  );
}

/** `node dist/apps/worker/main.js report:backfill`: run once after deploying the version that added the events. */
export async function runReportBackfill(config: AppConfig): Promise<number> {
  @Module({ imports: [InfrastructureModule.forRoot(config), ReportBackfillModule] })
  class ReportBackfillCommandModule {}
  const app = await NestFactory.createApplicationContext(ReportBackfillCommandModule, { logger: ['error', 'warn', 'log'] });
  try {
    process.stdout.write(formatBackfillReport(await app.get(ReportBackfill).run()));
    return 0;
  } finally {
    await app.close();
  }
}
