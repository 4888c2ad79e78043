import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TraceEvent, TraceEventSchema } from '../events/trace-event.schema';
import { Lot, LotSchema } from '../lots/lot.schema';
import { LotDiaryEntry, LotDiaryEntrySchema } from '../lots/lot-diary.schema';
import { Stamp, StampSchema } from '../stamps/stamp.schema';
import { StampBatch, StampBatchSchema } from '../stamps/stamp-batch.schema';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { ScanLedger } from './scan-ledger';
import { ScanPathRepository } from './scan-path.repository';
import { ScanWriter } from './scan-writer';
import { UncountedScan, UncountedScanSchema } from './uncounted-scan.schema';
import { UncountedScansRepository } from './uncounted-scans.repository';

/** The models the scan path reads directly (registered once on the connection; the core module owns them). */
const scanPathModels = MongooseModule.forFeature([
  { name: Stamp.name, schema: StampSchema },
  { name: StampBatch.name, schema: StampBatchSchema },
  { name: Lot.name, schema: LotSchema },
  { name: LotDiaryEntry.name, schema: LotDiaryEntrySchema },
  { name: TraceEvent.name, schema: TraceEventSchema },
  { name: UncountedScan.name, schema: UncountedScanSchema },
]);

/**
 * Where scans are counted and kept: the Redis ledger (counters, outbox) and the writer that stores the outbox; while
 * Redis is away, the scans recorded in the database until they are counted (UncountedScansRepository). The API counts
 * (ScansModule); the worker stores (TraceabilityWorkerModule runs ScanWriterSchedule).
 */
@Module({
  imports: [TraceabilityCoreModule, scanPathModels],
  providers: [ScanLedger, ScanPathRepository, ScanWriter, UncountedScansRepository],
  exports: [ScanLedger, ScanPathRepository, ScanWriter, UncountedScansRepository],
})
export class ScanStoreModule {}
