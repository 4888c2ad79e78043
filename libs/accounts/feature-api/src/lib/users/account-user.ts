import type { Me, UserStatus } from '@nss/contracts';
import { meOf } from './user.mapper';
import type { UserDocument } from './user.schema';

/** A user as other features see it: no password hash, just whether one is set. */
export interface AccountUser extends Me {
  status: UserStatus;
  /** False for an account an agent created and has not handed over yet. */
  hasPassword: boolean;
  createdAt: Date;
}

export function accountUserOf(user: UserDocument): AccountUser {
  return { ...meOf(user), status: user.status, hasPassword: user.passwordHash !== null, createdAt: user.createdAt };
}
