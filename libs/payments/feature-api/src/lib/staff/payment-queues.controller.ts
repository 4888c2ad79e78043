import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type BankTransferIssue,
  type Page,
  type PaymentReview,
  bankTransferIssuePageSchema,
  bankTransferIssueSchema,
  paymentIdParamsSchema,
  paymentQueueQuerySchema,
  paymentReviewPageSchema,
  paymentReviewSchema,
  resolveBankTransferIssueBodySchema,
  resolvePaymentReviewBodySchema,
} from '@nss/contracts';
import { type Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { TransferIssuesService } from '../bank-transfer/transfer-issues.service';
import { PaymentReviewsService } from '../reviews/payment-reviews.service';

class QueueQueryDto extends createZodDto(paymentQueueQuerySchema) {}
class IdParamsDto extends createZodDto(paymentIdParamsSchema) {}
class ResolveReviewDto extends createZodDto(resolvePaymentReviewBodySchema) {}
class ResolveIssueDto extends createZodDto(resolveBankTransferIssueBodySchema) {}
class PaymentReviewDto extends createZodDto(paymentReviewSchema) {}
class PaymentReviewPageDto extends createZodDto(paymentReviewPageSchema) {}
class BankTransferIssueDto extends createZodDto(bankTransferIssueSchema) {}
class BankTransferIssuePageDto extends createZodDto(bankTransferIssuePageSchema) {}

/**
 * Staff of the sellers' provinces and admins: VNPay payments held for manual review (code 07, paid after expiry) and
 * bank transfers that did not match (under/over-payment, unknown code, late, already paid). Transfers with no known
 * checkout belong to no province: admins only.
 */
@ApiTags('payments')
@ApiBearerAuth()
@Roles('province_staff', 'admin')
@Controller('payments')
export class PaymentQueuesController {
  constructor(
    private readonly reviews: PaymentReviewsService,
    private readonly issues: TransferIssuesService,
  ) {}

  @Get('reviews')
  @ApiOkResponse({ type: PaymentReviewPageDto })
  listReviews(@CurrentActor() actor: Actor, @Query() query: QueueQueryDto): Promise<Page<PaymentReview>> {
    return this.reviews.list(actor, query);
  }

  @Post('reviews/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentReviewDto })
  resolveReview(@CurrentActor() actor: Actor, @Param() params: IdParamsDto, @Body() body: ResolveReviewDto): Promise<PaymentReview> {
    return this.reviews.resolve(actor, params.id, body);
  }

  @Get('bank-transfers/issues')
  @ApiOkResponse({ type: BankTransferIssuePageDto })
  listIssues(@CurrentActor() actor: Actor, @Query() query: QueueQueryDto): Promise<Page<BankTransferIssue>> {
    return this.issues.list(actor, query);
  }

  @Post('bank-transfers/issues/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: BankTransferIssueDto })
  resolveIssue(@CurrentActor() actor: Actor, @Param() params: IdParamsDto, @Body() body: ResolveIssueDto): Promise<BankTransferIssue> {
    return this.issues.resolve(actor, params.id, body);
  }
}
