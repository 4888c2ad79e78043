import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OnboardingModule } from '@nss/onboarding-api';
import { OrdersCoreModule } from '@nss/orders-api';
import { BankFeedTransactionDoc, BankFeedTransactionSchema } from './bank-transfer/bank-feed-transaction.schema';
import { BankFeedTransactionsRepository } from './bank-transfer/bank-feed-transactions.repository';
import { BankTransferIssueDoc, BankTransferIssueSchema } from './bank-transfer/bank-transfer-issue.schema';
import { BankTransferIssuesRepository } from './bank-transfer/bank-transfer-issues.repository';
import { CheckoutExpiry } from './expiry/checkout-expiry';
import { PaymentEventDoc, PaymentEventSchema } from './intents/payment-event.schema';
import { PaymentEventsRepository } from './intents/payment-events.repository';
import { PaymentIntentDoc, PaymentIntentSchema } from './intents/payment-intent.schema';
import { PaymentIntentsRepository } from './intents/payment-intents.repository';
import { PaymentSettlement } from './intents/payment-settlement';
import { PaymentTransitions } from './intents/payment-transitions';
import { PaymentsPlatform } from './payments-platform';
import { RefundDoc, RefundSchema } from './refunds/refund.schema';
import { RefundsRepository } from './refunds/refunds.repository';
import { PaymentReviewDoc, PaymentReviewSchema } from './reviews/payment-review.schema';
import { PaymentReviewsRepository } from './reviews/payment-reviews.repository';
import { VnpayMerchant } from './vnpay/vnpay-merchant';
import { vnpayProvider } from './vnpay/vnpay.provider';

const models = MongooseModule.forFeature([
  { name: PaymentIntentDoc.name, schema: PaymentIntentSchema },
  { name: PaymentEventDoc.name, schema: PaymentEventSchema },
  { name: PaymentReviewDoc.name, schema: PaymentReviewSchema },
  { name: BankFeedTransactionDoc.name, schema: BankFeedTransactionSchema },
  { name: BankTransferIssueDoc.name, schema: BankTransferIssueSchema },
  { name: RefundDoc.name, schema: RefundSchema },
]);

const shared = [
  PaymentsPlatform,
  PaymentIntentsRepository,
  PaymentEventsRepository,
  PaymentReviewsRepository,
  BankFeedTransactionsRepository,
  BankTransferIssuesRepository,
  RefundsRepository,
  PaymentTransitions,
  PaymentSettlement,
  vnpayProvider,
  VnpayMerchant,
  CheckoutExpiry,
];

/** What the API and the worker share: the collections, the state machine of intents, VNPay, orders' interface. */
@Module({ imports: [models, OrdersCoreModule, OnboardingModule], providers: shared, exports: shared })
export class PaymentsCoreModule {}
