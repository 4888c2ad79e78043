import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CashCollected, cashCollectedSchema, codOrderIdParamsSchema } from '@nss/contracts';
import { type Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { CashCollectionService } from './cash-collection.service';

class OrderIdParamsDto extends createZodDto(codOrderIdParamsSchema) {}
class CashCollectedDto extends createZodDto(cashCollectedSchema) {}

/** Cash on delivery: the order's seller or its managing agent records the cash collected (once). */
@ApiTags('payments')
@ApiBearerAuth()
@Roles('seller', 'agent')
@Controller('payments/cod')
export class CashCollectionController {
  constructor(private readonly cash: CashCollectionService) {}

  @Post(':orderId/collected')
  @HttpCode(200)
  @ApiOkResponse({ type: CashCollectedDto })
  collected(@CurrentActor() actor: Actor, @Param() params: OrderIdParamsDto): Promise<CashCollected> {
    return this.cash.collected(actor, params.orderId);
  }
}
