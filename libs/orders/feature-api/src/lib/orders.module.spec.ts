import 'reflect-metadata';
import { ORDER_JOB_NAMES } from '@nss/server-core';
import { LedgerModule } from './ledger/ledger.module';
import { ReviewsModule } from './reviews/reviews.module';
import { LedgerCoreModule } from './ledger/ledger-core.module';
import { LedgerOrderEventConsumer } from './ledger/ledger-order-event.consumer';
import { ORDER_EVENT_CONSUMERS } from './order-events/order-event-consumers';
import { OrdersModule } from './orders.module';
import { OrdersCoreModule } from './orders-core.module';
import { OrdersWorkerModule } from './orders-worker.module';
import { OrderPayments } from './orders/order-payments';
import { AddressesController } from './http/addresses.controller';
import { CartsController } from './http/carts.controller';
import { OrdersController } from './http/orders.controller';
import { OrderJobsProcessor } from './worker/order-jobs.processor';
import type { CheckoutRepair } from './checkout/checkout-repair';
import type { OrderAutoComplete } from './worker/order-auto-complete';
import type { OrderEventDispatcher } from './worker/order-event-dispatcher';
import type { Queue } from 'bullmq';

// The modules are compiled against the real database and Redis by the integration tests (orders-*.int-spec.ts and
// the worker's wiring test); here only what they declare.
describe('OrdersModule', () => {
  it('serves carts, addresses, checkout and orders and gives payments OrderPayments', () => {
    expect(Reflect.getMetadata('controllers', OrdersModule)).toEqual([CartsController, AddressesController, OrdersController]);
    // Payments injects OrderPayments from either side (the core module is exported by both).
    expect(Reflect.getMetadata('providers', OrdersCoreModule)).toContain(OrderPayments);
    expect(Reflect.getMetadata('exports', OrdersCoreModule)).toContain(OrderPayments);
    expect(Reflect.getMetadata('exports', OrdersModule)).toContain(OrdersCoreModule);
    expect(Reflect.getMetadata('exports', OrdersWorkerModule)).toContain(OrdersCoreModule);
  });

  it('mounts the seller ledger and reviews in the API, and the ledger consumer in the worker', () => {
    expect(Reflect.getMetadata('imports', OrdersModule)).toEqual(expect.arrayContaining([LedgerModule, ReviewsModule]));
    expect(Reflect.getMetadata('imports', OrdersWorkerModule)).toContain(LedgerCoreModule);
    const consumers = (Reflect.getMetadata('providers', OrdersWorkerModule) as Array<{ provide?: unknown; inject?: unknown[] }>).find((p) => p.provide === ORDER_EVENT_CONSUMERS);
    expect(consumers?.inject).toContain(LedgerOrderEventConsumer);
  });

  it('handles every job of the orders queue in the worker', async () => {
    const calls: string[] = [];
    const processor = new OrderJobsProcessor(
      { dispatch: async (id: string) => void calls.push(`dispatch ${id}`), sweep: async () => void calls.push('sweep') } as unknown as OrderEventDispatcher,
      { repairStale: async () => void calls.push('repair') } as unknown as CheckoutRepair,
      { run: async () => void calls.push('auto-complete') } as unknown as OrderAutoComplete,
      {} as Queue,
    );
    expect(() => processor.onModuleInit()).not.toThrow();
    expect(Object.keys(processor.handlers).sort()).toEqual([...ORDER_JOB_NAMES].sort());
    for (const name of ORDER_JOB_NAMES) await processor.process({ name, data: { eventId: 'e1' } } as never);
    expect(calls).toEqual(['dispatch e1', 'sweep', 'repair', 'auto-complete']);
  });
});
