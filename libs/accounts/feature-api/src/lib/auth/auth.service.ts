import { Injectable } from '@nestjs/common';
import type { AuthTokens, LoginBody, LoginResult, Me, PasswordResetConfirmBody } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { LoginThrottleService } from '../login/login-throttle.service';
import { SessionService } from '../sessions/session.service';
import { TotpService } from '../totp/totp.service';
import { PasswordHasher } from '../users/password-hasher';
import { meOf } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';

/** One answer for an unknown phone, a wrong password and an account without a password: no enumeration. */
function invalidCredentials(): AppError {
  return new AppError(401, 'INVALID_CREDENTIALS', 'Số điện thoại hoặc mật khẩu không đúng', 'Wrong phone number or password');
}

/** Sign-in, sessions and password reset for the /auth endpoints (registration: registration/). `client` is the caller's address. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly codes: OneTimeCodeService,
    private readonly totp: TotpService,
  ) {}

  /**
   * Password sign-in, throttled per (phone, client) with growing delays (429 LOGIN_THROTTLED) instead of a lock
   * anyone could set off. A user with TOTP gets a short-lived challenge to answer with a code instead of tokens.
   */
  async login(body: LoginBody, client: string): Promise<LoginResult> {
    await this.throttle.assertMayTry(body.phone, client);
    const user = await this.usersRepo.findByPhone(body.phone);
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, body.password)
      : await this.hasher.verifyNothing(body.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(body.phone, client);
      throw invalidCredentials();
    }
    if (user.status !== 'active') {
      throw AppError.forbidden('Tài khoản đã bị vô hiệu hóa', 'This account has been disabled');
    }
    await this.throttle.recordSuccess(body.phone, client);
    if (user.totpSecret) return this.totp.challenge(user.id as string);
    return this.sessions.start(user);
  }

  refresh(refreshToken: string): Promise<AuthTokens> {
    return this.sessions.refresh(refreshToken);
  }

  logout(userId: string, refreshToken: string): Promise<void> {
    return this.sessions.end(userId, refreshToken);
  }

  /** Ends every session of the caller, on every device, access tokens included. */
  logoutEverywhere(userId: string): Promise<void> {
    return this.users.revokeAllSessions(userId);
  }

  async me(userId: string): Promise<Me> {
    const user = await this.usersRepo.findById(userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return meOf(user);
  }

  /**
   * Sends a reset code when the phone has an active account with a password; says nothing either way. Both paths
   * do the same work before answering: spend the send caps (429 alike for every phone), look the phone up; the
   * code itself is created and sent after the answer. Accounts without a password are agent-managed: they get
   * theirs through the handover, not here.
   */
  async requestPasswordReset(phone: string, client: string): Promise<void> {
    await this.codes.allowSend(phone, 'password_reset', client);
    const user = await this.usersRepo.findByPhone(phone);
    if (user && user.status === 'active' && user.passwordHash) {
      this.codes.sendInBackground({ phone, purpose: 'password_reset', subjectId: user.id as string, client });
    }
  }

  /** Sets the new password (which forgets strangers' failed sign-ins) and signs the user out everywhere. */
  async confirmPasswordReset(body: PasswordResetConfirmBody): Promise<void> {
    const userId = await this.codes.consume({ phone: body.phone, purpose: 'password_reset', code: body.code });
    const user = await this.usersRepo.findById(userId);
    if (!user || user.phone !== body.phone) {
      throw AppError.badRequest('INVALID_CODE', 'Mã xác nhận không đúng hoặc đã hết hạn', 'The code is wrong or has expired');
    }
    await this.users.setPassword(userId, body.newPassword);
    await this.users.revokeAllSessions(userId);
  }
}
