import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { moderationDecisionSchema, moderationQuerySchema, productIdParamsSchema } from '@nss/contracts';
import type { Page, Product } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { ProductPageResponseDto, ProductResponseDto } from '../products/product.dto';
import { ModerationService } from './moderation.service';

class ModerationQueryDto extends createZodDto(moderationQuerySchema) {}
class ModerationDecisionDto extends createZodDto(moderationDecisionSchema) {}
class ProductIdParamsDto extends createZodDto(productIdParamsSchema) {}

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation/products')
@Roles('province_staff', 'admin')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get()
  @ApiOkResponse({ type: ProductPageResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: ModerationQueryDto): Promise<Page<Product>> {
    return this.moderation.list(actor, query);
  }

  @Post(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductResponseDto })
  decide(@CurrentActor() actor: Actor, @Param() { id }: ProductIdParamsDto, @Body() body: ModerationDecisionDto): Promise<Product> {
    return this.moderation.decide(actor, id, body);
  }
}
