import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { AuthTokens, LoginResult, Me } from '@nss/contracts';
import { type Actor, AllowWithoutTotp, CurrentActor, Public, RateLimit } from '@nss/server-core';
import { TotpService } from '../totp/totp.service';
import {
  AuthTokensDto,
  LoginDto,
  LogoutDto,
  MeDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  TotpChallengeDto,
  TotpLoginDto,
} from './auth.dto';
import { AuthService } from './auth.service';

/** Public POSTs here are limited per client (`RATE_LIMIT_AUTH`); `@Ip()` is the address TRUST_PROXY allows. */
@ApiTags('auth')
@ApiExtraModels(AuthTokensDto, TotpChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  @Post('login')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Phiên đăng nhập, hoặc yêu cầu mã TOTP / tokens, or a TOTP challenge',
    schema: { oneOf: [{ $ref: getSchemaPath(AuthTokensDto) }, { $ref: getSchemaPath(TotpChallengeDto) }] },
  })
  login(@Body() body: LoginDto, @Ip() client: string): Promise<LoginResult> {
    return this.auth.login(body, client);
  }

  @Post('login/totp')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto })
  loginTotp(@Body() body: TotpLoginDto): Promise<AuthTokens> {
    return this.totp.completeSignIn(body);
  }

  @Post('refresh')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto })
  refresh(@Body() body: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @AllowWithoutTotp()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Đã đăng xuất / signed out' })
  logout(@CurrentActor() actor: Actor, @Body() body: LogoutDto): Promise<void> {
    return this.auth.logout(actor.userId, body.refreshToken);
  }

  @Post('logout-all')
  @AllowWithoutTotp()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Đã đăng xuất khỏi mọi thiết bị / signed out everywhere' })
  logoutAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logoutEverywhere(actor.userId);
  }

  @Get('me')
  @AllowWithoutTotp()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.auth.me(actor.userId);
  }

  @Post('password-reset/request')
  @Public()
  @RateLimit('auth')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'Luôn 202, không có nội dung; mã gửi tới điện thoại nếu có tài khoản / always 202, empty body; a code is sent if the account exists',
  })
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @Ip() client: string): Promise<void> {
    return this.auth.requestPasswordReset(body.phone, client);
  }

  @Post('password-reset/confirm')
  @Public()
  @RateLimit('auth')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã đặt mật khẩu mới / new password set' })
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.auth.confirmPasswordReset(body);
  }
}
