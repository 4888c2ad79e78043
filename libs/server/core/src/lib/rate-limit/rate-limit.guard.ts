import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestWithActor } from '../auth/decorators';
import { RateLimiters, RatePolicyName } from './rate-limiters';

const RATE_LIMIT = 'nss:rateLimit';

/**
 * Per-client limit on the route (or every route of the controller): one point per request, counted before
 * validation so malformed floods count too. The client is Fastify's `request.ip`, which honours X-Forwarded-For only
 * from the proxies named in TRUST_PROXY.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiters: RateLimiters,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.getAllAndOverride<RatePolicyName | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!name) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    await this.limiters.consume(this.limiters.named(name), request.ip ?? 'unknown');
    return true;
  }
}

/** `@RateLimit('auth')`: the named per-client policy (see RATE_LIMIT_* in the configuration) guards the route. */
export const RateLimit = (name: RatePolicyName) => applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(RateLimitGuard));
