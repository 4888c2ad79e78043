import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@nss/contracts';
import { AppError } from '../errors/app-error';
import { AccessTokenService } from './access-token';
import { IS_PUBLIC, ROLES, RequestWithActor } from './decorators';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and @Roles() narrows who may call.
 * A bearer token on a public route is still read, so public pages can show more to signed-in users.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    if (value?.startsWith('Bearer ')) {
      const actor = this.tokens.verify(value.slice(7).trim());
      if (actor) request.actor = actor;
    }
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (isPublic) return true;
    if (!request.actor) throw AppError.unauthorized();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) throw AppError.forbidden();
    return true;
  }
}
