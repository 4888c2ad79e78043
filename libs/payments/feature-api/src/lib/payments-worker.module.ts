import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { CheckoutExpiryProcessor } from './expiry/checkout-expiry.processor';
import { PaymentsCoreModule } from './payments-core.module';

/** Payments in the worker: checkout expiry (querydr before expiring a VNPay-pending checkout). */
@Module({
  imports: [PaymentsCoreModule, BullModule.registerQueue({ name: QUEUES.checkoutExpiry })],
  providers: [CheckoutExpiryProcessor],
})
export class PaymentsWorkerModule {}
