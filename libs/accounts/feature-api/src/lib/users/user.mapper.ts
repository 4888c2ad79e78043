import type { Me } from '@nss/contracts';
import type { Actor } from '@nss/server-core';
import type { UserDocument } from './user.schema';

/** The claims an access token carries for this user. */
export function actorOf(user: UserDocument): Actor {
  return {
    userId: user.id as string,
    role: user.role,
    ...(user.provinceCode ? { provinceCode: user.provinceCode } : {}),
    ...(user.sellerId ? { sellerId: user.sellerId } : {}),
  };
}

export function meOf(user: UserDocument): Me {
  return {
    id: user.id as string,
    phone: user.phone,
    fullName: user.fullName,
    role: user.role,
    ...(user.provinceCode ? { provinceCode: user.provinceCode } : {}),
    ...(user.sellerId ? { sellerId: user.sellerId } : {}),
  };
}
