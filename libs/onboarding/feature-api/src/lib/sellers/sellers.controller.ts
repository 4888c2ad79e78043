import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  agentRegisterBodySchema,
  handoverClaimBodySchema,
  selfRegisterBodySchema,
  sellerIdParamsSchema,
  sellerListQuerySchema,
  verifySellerBodySchema,
} from '@nss/contracts';
import type { AuthTokens, Page, SelfRegisterResult, SellerDetail, SellerSummary } from '@nss/contracts';
import { createZodDto, CurrentActor, Public, Roles, type Actor } from '@nss/server-core';
import { HandoverService } from './handover.service';
import { SellerRegistrationService } from './seller-registration.service';
import { SellersService } from './sellers.service';

class SelfRegisterDto extends createZodDto(selfRegisterBodySchema) {}
class AgentRegisterDto extends createZodDto(agentRegisterBodySchema) {}
class SellerIdParamsDto extends createZodDto(sellerIdParamsSchema) {}
class SellerListQueryDto extends createZodDto(sellerListQuerySchema) {}
class VerifySellerDto extends createZodDto(verifySellerBodySchema) {}
class HandoverClaimDto extends createZodDto(handoverClaimBodySchema) {}

@ApiTags('sellers')
@ApiBearerAuth()
@Controller('sellers')
export class SellersController {
  constructor(
    private readonly registration: SellerRegistrationService,
    private readonly sellers: SellersService,
    private readonly handover: HandoverService,
  ) {}

  @Public()
  @Post('self-register')
  selfRegister(@Body() body: SelfRegisterDto): Promise<SelfRegisterResult> {
    return this.registration.selfRegister(body);
  }

  @Roles('agent')
  @Post()
  register(@CurrentActor() actor: Actor, @Body() body: AgentRegisterDto): Promise<SellerDetail> {
    return this.registration.registerByAgent(actor, body);
  }

  @Roles('agent', 'province_staff', 'admin')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: SellerListQueryDto): Promise<Page<SellerSummary>> {
    return this.sellers.list(actor, query);
  }

  @Roles('seller')
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<SellerDetail> {
    return this.sellers.me(actor);
  }

  @Public()
  @Post('handover/claim')
  @HttpCode(200)
  claim(@Body() body: HandoverClaimDto): Promise<AuthTokens> {
    return this.handover.claim(body);
  }

  @Roles('agent', 'province_staff', 'admin', 'seller')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto): Promise<SellerDetail> {
    return this.sellers.get(actor, params.id);
  }

  @Roles('province_staff', 'admin')
  @Post(':id/verify')
  @HttpCode(200)
  verify(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto, @Body() body: VerifySellerDto): Promise<SellerDetail> {
    return this.sellers.verify(actor, params.id, body);
  }

  @Roles('agent')
  @Post(':id/handover')
  @HttpCode(202)
  async startHandover(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto): Promise<{ sent: true }> {
    await this.handover.start(actor, params.id);
    return { sent: true };
  }
}
