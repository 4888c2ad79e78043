import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  agentRegisterBodySchema,
  agentRegistrationReceiptSchema,
  authTokensSchema,
  handoverStartedSchema,
  selfRegisterResultSchema,
  sellerDetailSchema,
  sellerPageSchema,
  handoverClaimBodySchema,
  selfRegisterBodySchema,
  sellerIdParamsSchema,
  sellerListQuerySchema,
  verifySellerBodySchema,
} from '@nss/contracts';
import type { AgentRegistrationReceipt, AuthTokens, HandoverStarted, Page, SelfRegisterResult, SellerDetail, SellerSummary } from '@nss/contracts';
import { createZodDto, CurrentActor, Public, RateLimit, Roles, type Actor } from '@nss/server-core';
import { AgentRegistrationLimitGuard } from './agent-registration-limit.guard';
import { HandoverService } from './handover.service';
import { SellerRegistrationService } from './seller-registration.service';
import { SellersService } from './sellers.service';

class SelfRegisterDto extends createZodDto(selfRegisterBodySchema) {}
class AgentRegisterDto extends createZodDto(agentRegisterBodySchema) {}
class SellerIdParamsDto extends createZodDto(sellerIdParamsSchema) {}
class SellerListQueryDto extends createZodDto(sellerListQuerySchema) {}
class VerifySellerDto extends createZodDto(verifySellerBodySchema) {}
class HandoverClaimDto extends createZodDto(handoverClaimBodySchema) {}
class SelfRegisterResultDto extends createZodDto(selfRegisterResultSchema) {}
class SellerDetailDto extends createZodDto(sellerDetailSchema) {}
class SellerPageDto extends createZodDto(sellerPageSchema) {}
class AuthTokensResponseDto extends createZodDto(authTokensSchema) {}
class HandoverStartedDto extends createZodDto(handoverStartedSchema) {}
class AgentRegistrationReceiptDto extends createZodDto(agentRegistrationReceiptSchema) {}

@ApiTags('sellers')
@Controller('sellers')
export class SellersController {
  constructor(
    private readonly registration: SellerRegistrationService,
    private readonly sellers: SellersService,
    private readonly handover: HandoverService,
  ) {}

  @Public()
  @RateLimit('public-onboarding')
  @Post('self-register')
  @ApiCreatedResponse({ type: SelfRegisterResultDto })
  selfRegister(@Body() body: SelfRegisterDto): Promise<SelfRegisterResult> {
    return this.registration.selfRegister(body);
  }

  @ApiBearerAuth()
  @Roles('agent')
  @UseGuards(AgentRegistrationLimitGuard)
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: AgentRegistrationReceiptDto,
    description:
      'Cùng một câu trả lời dù hộ mới hay CCCD/số điện thoại đã đăng ký (khi đó hồ sơ chuyển cho cán bộ Sở) / the same answer whether the household is new or its citizen ID or phone is registered (then a case goes to the province staff)',
  })
  register(@CurrentActor() actor: Actor, @Body() body: AgentRegisterDto): Promise<AgentRegistrationReceipt> {
    return this.registration.registerByAgent(actor, body);
  }

  @ApiBearerAuth()
  @Roles('agent', 'province_staff', 'admin')
  @Get()
  @ApiOkResponse({ type: SellerPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: SellerListQueryDto): Promise<Page<SellerSummary>> {
    return this.sellers.list(actor, query);
  }

  @ApiBearerAuth()
  @Roles('seller')
  @Get('me')
  @ApiOkResponse({ type: SellerDetailDto })
  me(@CurrentActor() actor: Actor): Promise<SellerDetail> {
    return this.sellers.me(actor);
  }

  @Public()
  @RateLimit('public-onboarding')
  @Post('handover/claim')
  @ApiOkResponse({ type: AuthTokensResponseDto })
  @HttpCode(200)
  claim(@Body() body: HandoverClaimDto): Promise<AuthTokens> {
    return this.handover.claim(body);
  }

  @ApiBearerAuth()
  @Roles('agent', 'province_staff', 'admin', 'seller')
  @Get(':id')
  @ApiOkResponse({ type: SellerDetailDto })
  get(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto): Promise<SellerDetail> {
    return this.sellers.get(actor, params.id);
  }

  @ApiBearerAuth()
  @Roles('province_staff', 'admin')
  @Post(':id/verify')
  @ApiOkResponse({ type: SellerDetailDto })
  @HttpCode(200)
  verify(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto, @Body() body: VerifySellerDto): Promise<SellerDetail> {
    return this.sellers.verify(actor, params.id, body);
  }

  @ApiBearerAuth()
  @Roles('agent')
  @Post(':id/handover')
  @ApiAcceptedResponse({ type: HandoverStartedDto, description: 'Mã đã gửi tới điện thoại của hộ / code sent to the household’s phone' })
  @HttpCode(202)
  async startHandover(@CurrentActor() actor: Actor, @Param() params: SellerIdParamsDto): Promise<HandoverStarted> {
    await this.handover.start(actor, params.id);
    return { sent: true };
  }
}
