import { Module } from '@nestjs/common';
import { TraceabilityCoreModule } from '../traceability-core.module';
import { LotSales } from './lot-sales';

/** Traceability's interface for orders (shipping from a lot, stamps sold). Imported by orders' core module. */
@Module({ imports: [TraceabilityCoreModule], providers: [LotSales], exports: [LotSales] })
export class LotSalesModule {}
