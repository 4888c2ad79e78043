import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, REDIS, RequestWithActor } from '@nss/server-core';
import { rateWindow } from './lockout';

export interface AuthRateLimit {
  /** Requests allowed per IP and window. */
  limit: number;
  windowSeconds: number;
}

/** Injection token of the per-IP limit on the sign-in endpoints (default 30 POSTs a minute). */
export const AUTH_RATE_LIMIT = Symbol('AUTH_RATE_LIMIT');
export const DEFAULT_AUTH_RATE_LIMIT: AuthRateLimit = { limit: 30, windowSeconds: 60 };

/**
 * Per-IP fixed-window limit on POSTs to /auth/*: slows password guessing across many phones and code requests.
 * The IP is Fastify's request.ip (X-Forwarded-For is trusted: the API runs behind a proxy).
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AUTH_RATE_LIMIT) private readonly rule: AuthRateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor & { method?: string }>();
    if (request.method !== 'POST') return true;
    const { index, resetInSeconds } = rateWindow(Date.now(), this.rule.windowSeconds);
    const key = `nss:rl:auth:${request.ip ?? 'unknown'}:${index}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, resetInSeconds + 1).exec()) as [[Error | null, number]];
    if (count > this.rule.limit) {
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
