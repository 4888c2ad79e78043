export { PaymentsModule } from './lib/payments.module';
export { PaymentsWorkerModule } from './lib/payments-worker.module';
export { CheckoutExpiry, type ExpiryOutcome } from './lib/expiry/checkout-expiry';
