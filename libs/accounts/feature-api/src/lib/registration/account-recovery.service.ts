import { Injectable } from '@nestjs/common';
import type { AuthTokens, Role } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { SessionService } from '../sessions/session.service';
import type { AccountUser } from '../users/account-user';
import { UsersService } from '../users/users.service';

/** Accounts a proven phone may take back through a registration form: the people who sign up there. */
const RECOVERABLE: ReadonlySet<Role> = new Set(['buyer', 'seller']);

export interface RecoveredAccount {
  user: AccountUser;
  tokens: AuthTokens;
}

/**
 * What a registration does when the phone it just proved already has an account. Proving the phone is what a
 * password reset asks, so recovering is a password reset that signs in at once: the new password replaces the
 * old one and every other session ends. The details of the registration form are not applied. Refused (nothing
 * changed, and only the phone's holder ever sees why):
 * - an account without a password: an agent created it for a household and has not handed it over; the handover
 *   (a code the agent sends, which also ends the agent's access) governs it, not a registration form;
 * - staff, agent and admin accounts: they did not sign up publicly, and a sign-in must keep their own checks
 *   (password reset, then sign-in);
 * - a disabled account.
 */
@Injectable()
export class AccountRecoveryService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
  ) {}

  /** Null when the phone has no account (the caller creates one); the recovered account otherwise. */
  async recover(phone: string, newPassword: string, now = new Date()): Promise<RecoveredAccount | null> {
    const user = await this.users.findByPhone(phone);
    if (!user) return null;
    if (user.status !== 'active') throw AppError.forbidden('Tài khoản đã bị vô hiệu hóa', 'This account has been disabled');
    if (!user.hasPassword) {
      throw AppError.conflict(
        'HANDOVER_REQUIRED',
        'Số điện thoại này đã có tài khoản người bán do cán bộ hỗ trợ tạo. Hãy nhờ cán bộ gửi mã bàn giao tài khoản.',
        'This phone already has a seller account created by an agent. Ask the agent to send the handover code.',
      );
    }
    if (!RECOVERABLE.has(user.role)) {
      throw AppError.conflict(
        'ACCOUNT_EXISTS',
        'Số điện thoại này đã có tài khoản. Hãy đăng nhập hoặc đặt lại mật khẩu.',
        'This phone already has an account. Sign in or reset the password.',
      );
    }
    await this.users.setPassword(user.id, newPassword);
    await this.users.revokeAllSessions(user.id);
    return { user, tokens: await this.sessions.startForUser(user.id, now) };
  }
}
