import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppError, REDIS, type AppConfig, type RequestWithActor } from '@nss/server-core';

/**
 * Per-agent limit on seller registrations (AGENT_REGISTRATION_LIMIT per AGENT_REGISTRATION_WINDOW_SECONDS, kept in
 * Redis by rate-limiter-flexible so it holds across API replicas): an agent account, however it is used, cannot
 * sweep citizen IDs or phones through the registration form, and each attempt on a registered one is a case for
 * staff anyway. Counted before validation, so malformed submissions count too. Runs after the global AuthGuard.
 */
@Injectable()
export class AgentRegistrationLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'nss:rl:agent-registration',
      points: config.AGENT_REGISTRATION_LIMIT,
      duration: config.AGENT_REGISTRATION_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
    if (!actor) throw AppError.unauthorized();
    try {
      await this.limiter.consume(actor.userId);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw new AppError(503, 'UNAVAILABLE', 'Dịch vụ tạm thời gián đoạn, vui lòng thử lại', 'Service temporarily unavailable, try again');
      }
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('retry-after', String(seconds));
      throw new AppError(
        429,
        'RATE_LIMITED',
        `Bạn đã gửi quá nhiều hồ sơ đăng ký, vui lòng thử lại sau ${seconds} giây`,
        `Too many registrations submitted, try again in ${seconds} seconds`,
      );
    }
  }
}
