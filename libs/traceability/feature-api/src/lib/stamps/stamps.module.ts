import { Module } from '@nestjs/common';
import { TraceabilityCoreModule } from '../traceability-core.module';

/** Stamp batches (request, approval, files, progress, cancel) and stamp activation / voiding. */
@Module({ imports: [TraceabilityCoreModule], controllers: [], providers: [] })
export class StampsModule {}
