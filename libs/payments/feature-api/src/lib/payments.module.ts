import { Module } from '@nestjs/common';
import { BankFeedController } from './bank-transfer/bank-feed.controller';
import { BankFeedService } from './bank-transfer/bank-feed.service';
import { TransferIssuesService } from './bank-transfer/transfer-issues.service';
import { CashCollectionController } from './cod/cash-collection.controller';
import { CashCollectionService } from './cod/cash-collection.service';
import { PaymentIntentsService } from './intents/payment-intents.service';
import { PaymentsController } from './intents/payments.controller';
import { PaymentsCoreModule } from './payments-core.module';
import { RefundsService } from './refunds/refunds.service';
import { PaymentReviewsService } from './reviews/payment-reviews.service';
import { PaymentQueuesController } from './staff/payment-queues.controller';
import { RefundsController } from './staff/refunds.controller';
import { VnpayGatewayController } from './vnpay/vnpay-gateway.controller';

/** Payments in the API: payment intents, VNPay (create, IPN, return, querydr, refund), VietQR + bank feed, COD. */
@Module({
  imports: [PaymentsCoreModule],
  controllers: [PaymentsController, VnpayGatewayController, BankFeedController, PaymentQueuesController, RefundsController, CashCollectionController],
  providers: [PaymentIntentsService, BankFeedService, TransferIssuesService, PaymentReviewsService, RefundsService, CashCollectionService],
  exports: [PaymentsCoreModule],
})
export class PaymentsModule {}
