import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OneTimeCode, OneTimeCodeSchema } from './codes/one-time-code.schema';
import { OneTimeCodeService } from './codes/one-time-code.service';
import { OneTimeCodesRepository } from './codes/one-time-codes.repository';
import { OtpOutboxMessage, OtpOutboxMessageSchema } from './codes/otp-outbox.schema';
import { OTP_SENDER } from './codes/otp-sender';
import { OutboxOtpSender } from './codes/outbox-otp-sender';
import { DevOutboxController } from './dev/dev-outbox.controller';
import { AUTH_RATE_LIMIT, AuthRateLimitGuard, DEFAULT_AUTH_RATE_LIMIT } from './login/auth-rate-limit.guard';
import { LoginProtectionService } from './login/login-protection.service';
import { RefreshToken, RefreshTokenSchema } from './sessions/refresh-token.schema';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';
import { SessionService } from './sessions/session.service';
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
      { name: OtpOutboxMessage.name, schema: OtpOutboxMessageSchema },
    ]),
  ],
  controllers: [AuthController, RegistrationController, DevOutboxController],
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
    OutboxOtpSender,
    { provide: OTP_SENDER, useExisting: OutboxOtpSender },
    AuthService,
    PhoneProofService,
    AccountRecoveryService,
    BuyerRegistrationService,
  ],
  exports: [UsersService, OneTimeCodeService, SessionService, OTP_SENDER, PhoneProofService, AccountRecoveryService],
})
export class AccountsModule {}
