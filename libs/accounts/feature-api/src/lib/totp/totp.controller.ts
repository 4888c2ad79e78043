import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthTokens, TotpEnrolment, TotpStatus } from '@nss/contracts';
import { type Actor, AllowWithoutTotp, CurrentActor, Roles } from '@nss/server-core';
import { AuthTokensDto, TotpCodeDto, TotpEnrolmentDto, TotpStatusDto } from '../auth/auth.dto';
import { TotpService } from './totp.service';

/** TOTP enrolment for staff and admins (reachable before enrolment when TOTP_REQUIRED_FOR_STAFF is on). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/totp')
@Roles('province_staff', 'admin')
@AllowWithoutTotp()
export class TotpController {
  constructor(private readonly totp: TotpService) {}

  @Get()
  @ApiOkResponse({ type: TotpStatusDto })
  status(@CurrentActor() actor: Actor): Promise<TotpStatus> {
    return this.totp.status(actor);
  }

  @Post('enrol')
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  enrol(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.totp.enrol(actor);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto, description: 'TOTP bật; phiên mới / TOTP on; a new session' })
  confirm(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<AuthTokens> {
    return this.totp.confirm(actor, body.code);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'TOTP tắt; mọi phiên kết thúc / TOTP off; every session ended' })
  disable(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    return this.totp.disable(actor, body.code);
  }
}
