import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createdPayoutSchema, createPayoutSchema, payoutListQuerySchema, payoutPageSchema } from '@nss/contracts';
import type { CreatedPayout, Page, Payout } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { LedgerService } from './ledger.service';

class CreatePayoutDto extends createZodDto(createPayoutSchema) {}
class PayoutListQueryDto extends createZodDto(payoutListQuerySchema) {}
class CreatedPayoutResponseDto extends createZodDto(createdPayoutSchema) {}
class PayoutPageResponseDto extends createZodDto(payoutPageSchema) {}

/** Payouts to sellers, recorded by staff of the seller's province (with the bank's reference) and admins. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('payouts')
@Roles('province_staff', 'admin')
export class PayoutsController {
  constructor(private readonly ledger: LedgerService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedPayoutResponseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePayoutDto): Promise<CreatedPayout> {
    return this.ledger.createPayout(actor, body);
  }

  @Get()
  @ApiOkResponse({ type: PayoutPageResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: PayoutListQueryDto): Promise<Page<Payout>> {
    return this.ledger.listPayouts(actor, query);
  }
}
