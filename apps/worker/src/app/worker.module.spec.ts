import 'reflect-metadata';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { PROCESSOR_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import { type AppConfig, QUEUES } from '@nss/server-core';
import { WorkerModule } from './worker.module';

/** Every class provider of a module and of the modules it imports (static metadata only; nothing connects). */
function providersOf(module: Type | DynamicModule, seen = new Set<unknown>()): Provider[] {
  const cls = 'module' in module ? module.module : module;
  if (seen.has(module)) return [];
  seen.add(module);
  const imports: Array<Type | DynamicModule> = [
    ...(Reflect.getMetadata('imports', cls) ?? []),
    ...('module' in module ? (module.imports as Array<Type | DynamicModule>) ?? [] : []),
  ];
  const own: Provider[] = [...(Reflect.getMetadata('providers', cls) ?? []), ...('module' in module ? module.providers ?? [] : [])];
  return [...own, ...imports.filter(Boolean).flatMap((m) => providersOf(m, seen))];
}

describe('WorkerModule', () => {
  it('consumes every queue the API produces to (a queue without a consumer piles up jobs silently)', () => {
    const config = { MONGODB_URI: 'mongodb://127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:1' } as unknown as AppConfig;
    const consumed = providersOf(WorkerModule.forRoot(config))
      .filter((p): p is Type => typeof p === 'function')
      .map((p) => (Reflect.getMetadata(PROCESSOR_METADATA, p) as { name?: string } | undefined)?.name)
      .filter(Boolean);
    expect(new Set(consumed)).toEqual(new Set(Object.values(QUEUES)));
  });
});
