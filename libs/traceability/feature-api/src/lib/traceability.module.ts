import { Module } from '@nestjs/common';
import { LotsModule } from './lots/lots.module';
import { ScansModule } from './scans/scans.module';
import { StampsModule } from './stamps/stamps.module';
import { TraceabilityCoreModule } from './traceability-core.module';

/** Traceability in the API: lots and diary, stamps, the scan page and scan analytics. */
@Module({ imports: [TraceabilityCoreModule, LotsModule, StampsModule, ScansModule], exports: [TraceabilityCoreModule] })
export class TraceabilityModule {}
