import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, REDIS } from '@nss/server-core';

/**
 * Per-IP fixed-window limit on the public onboarding POSTs (self-registration, handover claim), which create
 * accounts or set passwords without sign-in. Generous on purpose: a whole training class may self-register from
 * one commune office's connection. Counted before validation, so malformed floods count too.
 */
export const PUBLIC_ONBOARDING_LIMIT = { limit: 60, windowSeconds: 600 };

@Injectable()
export class PublicOnboardingRateLimitGuard implements CanActivate {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ ip?: string }>();
    const { limit, windowSeconds } = PUBLIC_ONBOARDING_LIMIT;
    const now = Date.now();
    const index = Math.floor(now / (windowSeconds * 1000));
    const resetInSeconds = Math.max(1, Math.ceil(((index + 1) * windowSeconds * 1000 - now) / 1000));
    const key = `nss:rl:onboarding:${request.ip ?? 'unknown'}:${index}`;
    const replies = (await this.redis.multi().incr(key).expire(key, resetInSeconds + 1).exec()) ?? [];
    const count = Number(replies[0]?.[1] ?? 0);
    if (count > limit) {
      context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('retry-after', String(resetInSeconds));
      throw new AppError(
        429,
        'RATE_LIMITED',
        `Quá nhiều yêu cầu, vui lòng thử lại sau ${resetInSeconds} giây`,
        `Too many requests, try again in ${resetInSeconds} seconds`,
      );
    }
    return true;
  }
}
