import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrdersCoreModule } from '../orders-core.module';
import { LedgerEntriesRepository } from './ledger-entries.repository';
import { LedgerEntryDoc, LedgerEntrySchema } from './ledger-entry.schema';
import { LedgerOrderEventConsumer } from './ledger-order-event.consumer';
import { LedgerSellers } from './ledger-sellers';
import { LedgerService } from './ledger.service';
import { StatementsService } from './statements.service';

/**
 * The seller ledger's storage and bookkeeping, without routes: imported by the API's LedgerModule and by the worker
 * (OrdersWorkerModule registers LedgerOrderEventConsumer with the order-event dispatcher).
 */
@Module({
  imports: [OrdersCoreModule, MongooseModule.forFeature([{ name: LedgerEntryDoc.name, schema: LedgerEntrySchema }])],
  providers: [LedgerEntriesRepository, LedgerSellers, LedgerService, StatementsService, LedgerOrderEventConsumer],
  exports: [LedgerService, StatementsService, LedgerOrderEventConsumer],
})
export class LedgerCoreModule {}
