import { Module } from '@nestjs/common';
import { TraceabilityCoreModule } from './traceability-core.module';

/** Traceability in the worker: stamp batch generation (queue `stamps`). */
@Module({ imports: [TraceabilityCoreModule], providers: [] })
export class TraceabilityWorkerModule {}
