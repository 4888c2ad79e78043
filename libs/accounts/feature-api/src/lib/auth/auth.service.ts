import { HttpException, Injectable } from '@nestjs/common';
import type { AuthTokens, LoginBody, Me, PasswordResetConfirmBody } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { LoginProtectionService } from '../login/login-protection.service';
import { SessionService } from '../sessions/session.service';
import { PasswordHasher } from '../users/password-hasher';
import { meOf } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';

/** One answer for an unknown phone, a wrong password and an account without a password: no enumeration. */
function invalidCredentials(): AppError {
  return new AppError(401, 'INVALID_CREDENTIALS', 'Số điện thoại hoặc mật khẩu không đúng', 'Wrong phone number or password');
}

/** Sign-in, sessions and password reset for the /auth endpoints (registration: registration/). */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly protection: LoginProtectionService,
    private readonly codes: OneTimeCodeService,
  ) {}

  async login(body: LoginBody): Promise<AuthTokens> {
    await this.protection.assertNotLocked(body.phone);
    const user = await this.usersRepo.findByPhone(body.phone);
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, body.password)
      : await this.hasher.verifyNothing(body.password);
    if (!user || !ok) {
      const lockedNow = await this.protection.recordFailure(body.phone);
      if (lockedNow) await this.protection.assertNotLocked(body.phone);
      throw invalidCredentials();
    }
    if (user.status !== 'active') {
      throw AppError.forbidden('Tài khoản đã bị vô hiệu hóa', 'This account has been disabled');
    }
    await this.protection.reset(body.phone);
    return this.sessions.start(user);
  }

  refresh(refreshToken: string): Promise<AuthTokens> {
    return this.sessions.refresh(refreshToken);
  }

  logout(userId: string, refreshToken: string): Promise<void> {
    return this.sessions.end(userId, refreshToken);
  }

  async me(userId: string): Promise<Me> {
    const user = await this.usersRepo.findById(userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return meOf(user);
  }

  /**
   * Sends a reset code when the phone has an active account with a password; says nothing either way. Accounts
   * without a password are agent-managed: they get theirs through the handover, not here.
   */
  async requestPasswordReset(phone: string): Promise<void> {
    const user = await this.usersRepo.findByPhone(phone);
    if (!user || user.status !== 'active' || !user.passwordHash) return;
    try {
      await this.codes.issue({ phone, purpose: 'password_reset', subjectId: user.id as string });
    } catch (error) {
      // Too many codes: stay silent, as for an unknown phone, so the answer does not reveal the account.
      if (error instanceof HttpException && error.getStatus() === 429) return;
      throw error;
    }
  }

  /** Sets the new password (which lifts a lockout) and signs the user out everywhere. */
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
