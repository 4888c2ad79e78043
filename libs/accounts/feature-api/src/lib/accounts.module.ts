import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TokenRevocations } from '@nss/server-core';
import { NotificationsOutboxModule } from '@nss/notifications-api';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OneTimeCode, OneTimeCodeSchema } from './codes/one-time-code.schema';
import { OneTimeCodeService } from './codes/one-time-code.service';
import { OneTimeCodesRepository } from './codes/one-time-codes.repository';
import { OTP_SENDER } from './codes/otp-sender';
import { NotificationOtpSender } from './codes/notification-otp-sender';
import { LoginThrottleService } from './login/login-throttle.service';
import { RefreshToken, RefreshTokenSchema } from './sessions/refresh-token.schema';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';
import { SessionService } from './sessions/session.service';
import { TotpController } from './totp/totp.controller';
import { TotpService } from './totp/totp.service';
import { PasswordHasher } from './users/password-hasher';
import { AccountRecoveryService } from './registration/account-recovery.service';
import { BuyerRegistrationService } from './registration/buyer-registration.service';
import { PhoneProofService } from './registration/phone-proof.service';
import { RegistrationController } from './registration/registration.controller';
import { User, UserSchema } from './users/user.schema';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/**
 * Accounts: users, registration, sign-in, sessions and one-time codes. Other features use UsersService,
 * OneTimeCodeService, SessionService (to sign a user in after a handover), PhoneProofService and
 * AccountRecoveryService (the seller's self-registration); nothing else leaves this module.
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
  controllers: [AuthController, TotpController, RegistrationController],
  providers: [
    UsersRepository,
    UsersService,
    PasswordHasher,
    RefreshTokensRepository,
    SessionService,
    LoginThrottleService,
    TotpService,
    OneTimeCodesRepository,
    OneTimeCodeService,
    NotificationOtpSender,
    { provide: OTP_SENDER, useExisting: NotificationOtpSender },
    AuthService,
    PhoneProofService,
    AccountRecoveryService,
    BuyerRegistrationService,
  ],
  exports: [UsersService, OneTimeCodeService, SessionService, OTP_SENDER, PhoneProofService, AccountRecoveryService],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly revocations: TokenRevocations,
    private readonly users: UsersRepository,
  ) {}

  /** The guard (server-core) checks token versions; they are stored on users, here. */
  onModuleInit(): void {
    this.revocations.useVersionSource((userId) => this.users.tokenVersionOf(userId));
  }
}
