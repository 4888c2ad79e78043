import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TraceEvent, TraceEventSchema } from './events/trace-event.schema';
import { TraceEventsRepository } from './events/trace-events.repository';
import { LotDiaryEntry, LotDiaryEntrySchema } from './lots/lot-diary.schema';
import { Lot, LotSchema } from './lots/lot.schema';
import { LotDiaryRepository, LotsRepository } from './lots/lots.repository';
import { LotSale, LotSaleSchema } from './sales/lot-sale.schema';
import { LotSalesRepository } from './sales/lot-sales.repository';
import { StampScan, StampScanSchema } from './scans/stamp-scan.schema';
import { StampScansRepository } from './scans/stamp-scans.repository';
import { StampBatch, StampBatchSchema } from './stamps/stamp-batch.schema';
import { StampMirror } from './stamps/stamp-mirror';
import { Stamp, StampSchema } from './stamps/stamp.schema';
import { StampBatchesRepository, StampsRepository } from './stamps/stamps.repository';

const models = MongooseModule.forFeature([
  { name: Lot.name, schema: LotSchema },
  { name: LotDiaryEntry.name, schema: LotDiaryEntrySchema },
  { name: StampBatch.name, schema: StampBatchSchema },
  { name: Stamp.name, schema: StampSchema },
  { name: StampScan.name, schema: StampScanSchema },
  { name: TraceEvent.name, schema: TraceEventSchema },
  { name: LotSale.name, schema: LotSaleSchema },
]);

const repositories = [LotsRepository, LotDiaryRepository, StampBatchesRepository, StampsRepository, StampScansRepository, TraceEventsRepository, LotSalesRepository, StampMirror];

/** The collections every traceability module shares (API and worker). */
@Module({ imports: [models], providers: repositories, exports: repositories })
export class TraceabilityCoreModule {}
