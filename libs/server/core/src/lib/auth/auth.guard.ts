import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@nss/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { AccessTokenService } from './access-token';
import { ALLOW_WITHOUT_TOTP, IS_PUBLIC, ROLES, RequestWithActor } from './decorators';
import { TokenRevocations } from './token-revocations';

/** Roles that may be required to use TOTP (TOTP_REQUIRED_FOR_STAFF). */
export const TOTP_ROLES: readonly Role[] = ['province_staff', 'admin'];

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and @Roles() narrows who may call.
 * A token is valid when its signature, expiry, issuer and audience hold and it was not revoked (logout of its session,
 * or a newer token version of its user). A bearer token on a public route is still read, so public pages can show more
 * to signed-in users; a revoked one is ignored there. When TOTP is required for staff, staff and admins without it
 * reach only the routes marked @AllowWithoutTotp() (enrolment, me, logout).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly revocations: TokenRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    let totpEnrolled = false;
    if (value?.startsWith('Bearer ')) {
      const verified = this.tokens.verifyToken(value.slice(7).trim());
      if (verified && !(await this.revocations.isRevoked(verified.actor.userId, verified))) {
        request.actor = verified.actor;
        totpEnrolled = verified.totpEnrolled === true;
      }
    }
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (isPublic) return true;
    if (!request.actor) throw AppError.unauthorized();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) throw AppError.forbidden();
    if (this.config.TOTP_REQUIRED_FOR_STAFF && TOTP_ROLES.includes(request.actor.role) && !totpEnrolled) {
      if (!this.reflector.getAllAndOverride<boolean>(ALLOW_WITHOUT_TOTP, targets)) {
        throw new AppError(
          403,
          'TOTP_ENROLMENT_REQUIRED',
          'Vui lòng bật xác thực hai bước (TOTP) trước khi tiếp tục',
          'Set up two-step verification (TOTP) before continuing',
        );
      }
    }
    return true;
  }
}
