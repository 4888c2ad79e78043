import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsOutboxModule } from '@nss/notifications-api';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OneTimeCode, OneTimeCodeSchema } from './codes/one-time-code.schema';
import { OneTimeCodeService } from './codes/one-time-code.service';
import { OneTimeCodesRepository } from './codes/one-time-codes.repository';
import { OTP_SENDER } from './codes/otp-sender';
import { NotificationOtpSender } from './codes/notification-otp-sender';
import { AUTH_RATE_LIMIT, AuthRateLimitGuard, DEFAULT_AUTH_RATE_LIMIT } from './login/auth-rate-limit.guard';
import { LoginProtectionService } from './login/login-protection.service';
import { RefreshToken, RefreshTokenSchema } from './sessions/refresh-token.schema';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';
import { SessionService } from './sessions/session.service';
import { PasswordHasher } from './users/password-hasher';
import { User, UserSchema } from './users/user.schema';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/**
 * Accounts: users, sign-in, sessions and one-time codes. Other features use UsersService, OneTimeCodeService and
 * SessionService (to sign a user in after a handover); nothing else leaves this module.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: OneTimeCode.name, schema: OneTimeCodeSchema },
    ]),
    NotificationsOutboxModule,
  ],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    UsersService,
    PasswordHasher,
    RefreshTokensRepository,
    SessionService,
    LoginProtectionService,
    { provide: AUTH_RATE_LIMIT, useValue: DEFAULT_AUTH_RATE_LIMIT },
    AuthRateLimitGuard,
    OneTimeCodesRepository,
    OneTimeCodeService,
    NotificationOtpSender,
    { provide: OTP_SENDER, useExisting: NotificationOtpSender },
    AuthService,
  ],
  exports: [UsersService, OneTimeCodeService, SessionService, OTP_SENDER],
})
export class AccountsModule {}
