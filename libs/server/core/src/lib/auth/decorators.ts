import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@nss/contracts';
import type { Actor } from '../scope/actor';
import { AppError } from '../errors/app-error';

export const IS_PUBLIC = 'nss:isPublic';
export const ROLES = 'nss:roles';
export const ALLOW_WITHOUT_TOTP = 'nss:allowWithoutTotp';

/** The endpoint needs no sign-in (storefront, login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Reachable by staff and admins who must enrol TOTP and have not yet (enrolment, me, logout). */
export const AllowWithoutTotp = () => SetMetadata(ALLOW_WITHOUT_TOTP, true);

/** Only these roles may call the endpoint. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface RequestWithActor {
  actor?: Actor;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/** The signed-in caller. Throws 401 on a public route called without a token. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<RequestWithActor>();
  if (!request.actor) throw AppError.unauthorized();
  return request.actor;
});

/** The caller if signed in, else undefined (for public endpoints that show more to some roles). */
export const OptionalActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithActor>().actor;
});
