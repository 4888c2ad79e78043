import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { funnelQuerySchema, funnelSchema } from '@nss/contracts';
import type { FunnelDto } from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { FunnelService } from './funnel.service';

class FunnelQueryDto extends createZodDto(funnelQuerySchema) {}
class FunnelResponseDto extends createZodDto(funnelSchema) {}

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('onboarding')
export class FunnelController {
  constructor(private readonly funnel: FunnelService) {}

  @Roles('agent', 'province_staff', 'admin')
  @Get('funnel')
  @ApiOkResponse({ type: FunnelResponseDto })
  get(@CurrentActor() actor: Actor, @Query() query: FunnelQueryDto): Promise<FunnelDto> {
    return this.funnel.funnel(actor, query);
  }
}
