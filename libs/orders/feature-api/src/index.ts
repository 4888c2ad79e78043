export { OrdersModule } from './lib/orders.module';
export { OrdersWorkerModule } from './lib/orders-worker.module';
export { OrdersCoreModule } from './lib/orders-core.module';
export { OrderPayments, type PayableCheckout, type OrderForSellerAction } from './lib/orders/order-payments';
export { OrderTransitions } from './lib/orders/order-transitions';
export { nextOrderState, type TransitionAction, type TransitionRole } from './lib/orders/order-state-machine';
export { CheckoutRepair } from './lib/checkout/checkout-repair';
/** The checkout store: the crash tests make its writes fail at a chosen step. */
export { CheckoutsRepository } from './lib/checkout/checkouts.repository';
export { OrderEventDispatcher, orderEventRecord } from './lib/worker/order-event-dispatcher';
export { OrderAutoComplete } from './lib/worker/order-auto-complete';
export { OrderJobsProcessor } from './lib/worker/order-jobs.processor';
export { shippingFeeVnd, shippingZone } from './lib/shipping/shipping-fee';
export {
  ORDER_EVENT_CONSUMERS,
  ORDER_EVENT_TYPES,
  registerOrderEventConsumer,
  type OrderEventConsumer,
  type OrderEventRecord,
  type OrderEventType,
  type OrderEventActor,
} from './lib/order-events/order-event-consumers';
export { LedgerService, type CompletedOrderFacts, type RefundFacts, type BookingOutcome } from './lib/ledger/ledger.service';
export { LedgerOrderEventConsumer } from './lib/ledger/ledger-order-event.consumer';
export { OrderEventsBackfillModule } from './lib/order-events/order-events-backfill.module';
export { OrderEventsBackfillRepository } from './lib/order-events/order-events-backfill.repository';
