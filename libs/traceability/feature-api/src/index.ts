export * from './lib/traceability.module';
export * from './lib/traceability-worker.module';
export * from './lib/traceability-core.module';
export { SCAN_PAGE_ROUTES } from './lib/scans/scan-page.controller';
export { ScanWriter } from './lib/scans/scan-writer';
export { StampGenerator, STAMP_CHUNK } from './lib/stamps/stamp-generator';
export { enqueueGeneration } from './lib/stamps/batch-jobs';
export { LotSalesModule } from './lib/sales/lot-sales.module';
export { LotSales, type ShipmentLine, type ShipmentOrder, type RecordedShipment } from './lib/sales/lot-sales';
