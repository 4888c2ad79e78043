import 'reflect-metadata';
import { LotsModule } from './lots/lots.module';
import { ScansModule } from './scans/scans.module';
import { StampsModule } from './stamps/stamps.module';
import { TraceabilityCoreModule } from './traceability-core.module';
import { TraceabilityModule } from './traceability.module';
import { TraceabilityWorkerModule } from './traceability-worker.module';
import { LotsRepository } from './lots/lots.repository';
import { StampsRepository } from './stamps/stamps.repository';

// The modules are compiled against the real database and Redis by the integration tests; here what they declare.
describe('TraceabilityModule', () => {
  it('mounts lots, stamps and scans in the API and shares the collections with the worker', () => {
    expect(Reflect.getMetadata('imports', TraceabilityModule)).toEqual(expect.arrayContaining([LotsModule, StampsModule, ScansModule]));
    expect(Reflect.getMetadata('imports', TraceabilityWorkerModule)).toContain(TraceabilityCoreModule);
    expect(Reflect.getMetadata('exports', TraceabilityCoreModule)).toEqual(expect.arrayContaining([LotsRepository, StampsRepository]));
  });
});
