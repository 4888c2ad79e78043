import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller';
import { LedgerCoreModule } from './ledger-core.module';
import { PayoutsController } from './payouts.controller';

/** The seller ledger in the API: balances, statements (JSON and CSV) and payouts. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [LedgerController, PayoutsController],
})
export class LedgerModule {}
