export { ReportingModule } from './lib/reporting.module';
export { ReportingWorkerModule } from './lib/reporting-worker.module';
export { ReportingCoreModule } from './lib/reporting-core.module';
export { ReportIngest, reportRedisKeys, type IngestOutcome } from './lib/worker/report-ingest';
export { ReportRebuild, type RebuildReport, type FigureDrift } from './lib/worker/report-rebuild';
export { REPORT_INGEST_EVERY_MS } from './lib/worker/report-jobs.processor';
