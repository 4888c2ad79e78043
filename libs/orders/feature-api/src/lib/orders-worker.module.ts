import { Module } from '@nestjs/common';
import { AuthCoreModule } from '@nss/server-core';
import { AccountsModule } from '@nss/accounts-api';
import { NotificationsOutboxModule } from '@nss/notifications-api';
import { LedgerCoreModule } from './ledger/ledger-core.module';
import { LedgerOrderEventConsumer } from './ledger/ledger-order-event.consumer';
import { ORDER_EVENT_CONSUMERS, type OrderEventConsumer } from './order-events/order-event-consumers';
import { OrdersCoreModule } from './orders-core.module';
import { OrderAutoComplete } from './worker/order-auto-complete';
import { OrderEventDispatcher } from './worker/order-event-dispatcher';
import { OrderJobsProcessor } from './worker/order-jobs.processor';
import { FirstSaleConsumer, OrderMessagesConsumer } from './worker/order-messages.consumer';
import { StockReturnConsumer } from './worker/stock-return.consumer';

/**
 * Orders in the worker: order-event dispatch (messages, ledger, first sale), the sweep, auto-completion.
 * The consumers of order events: the array below. A consumer of another part of this library (the ledger) is added
 * to `inject` (or pushes itself with `registerOrderEventConsumer` in its `onModuleInit`).
 */
@Module({
  // AuthCoreModule: the onboarding and catalogue modules (sellers, stock) need its rate limiters to be built; in the
  // worker nothing is served, so its guard never runs.
  imports: [AuthCoreModule, OrdersCoreModule, LedgerCoreModule, NotificationsOutboxModule, AccountsModule],
  providers: [
    OrderMessagesConsumer,
    FirstSaleConsumer,
    StockReturnConsumer,
    {
      provide: ORDER_EVENT_CONSUMERS,
      inject: [StockReturnConsumer, OrderMessagesConsumer, FirstSaleConsumer, LedgerOrderEventConsumer],
      useFactory: (...consumers: OrderEventConsumer[]): OrderEventConsumer[] => [...consumers],
    },
    OrderEventDispatcher,
    OrderAutoComplete,
    OrderJobsProcessor,
  ],
  exports: [OrdersCoreModule, ORDER_EVENT_CONSUMERS, OrderEventDispatcher, OrderAutoComplete],
})
export class OrdersWorkerModule {}
