import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthTokens, Me } from '@nss/contracts';
import { type Actor, CurrentActor, Public } from '@nss/server-core';
import { AuthRateLimitGuard } from '../login/auth-rate-limit.guard';
import {
  AuthTokensDto,
  LoginDto,
  LogoutDto,
  MeDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
} from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthRateLimitGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto })
  login(@Body() body: LoginDto): Promise<AuthTokens> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto })
  refresh(@Body() body: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Đã đăng xuất / signed out' })
  logout(@CurrentActor() actor: Actor, @Body() body: LogoutDto): Promise<void> {
    return this.auth.logout(actor.userId, body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.auth.me(actor.userId);
  }

  @Post('password-reset/request')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'Luôn 202, không có nội dung; mã gửi tới điện thoại nếu có tài khoản / always 202, empty body; a code is sent if the account exists',
  })
  requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    return this.auth.requestPasswordReset(body.phone);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã đặt mật khẩu mới / new password set' })
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.auth.confirmPasswordReset(body);
  }
}
