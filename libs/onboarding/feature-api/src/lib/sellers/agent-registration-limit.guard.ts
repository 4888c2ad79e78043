import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError, RateLimiters, TooManyRequestsError, type AppConfig, type RequestWithActor } from '@nss/server-core';

/**
 * Per-agent limit on seller registrations (AGENT_REGISTRATION_LIMIT per AGENT_REGISTRATION_WINDOW_SECONDS), through
 * the platform's one Redis-backed limiter (rate-limiter-flexible, so it holds across API replicas): an agent account,
 * however it is used, cannot sweep citizen IDs or phones through the registration form, and each attempt on a
 * registered one is a case for staff anyway. Counted before validation, so malformed submissions count too. Runs
 * after the global AuthGuard, keyed by the agent, not by its address (a commune office's agents share one).
 */
@Injectable()
export class AgentRegistrationLimitGuard implements CanActivate {
  private readonly policy: { points: number; seconds: number };

  constructor(
    private readonly limiters: RateLimiters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { points: config.AGENT_REGISTRATION_LIMIT, seconds: config.AGENT_REGISTRATION_WINDOW_SECONDS };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
    if (!actor) throw AppError.unauthorized();
    await this.limiters.consume(
      this.limiters.limiter('nss:rl:agent-registration', this.policy),
      actor.userId,
      1,
      (seconds) =>
        new TooManyRequestsError(
          seconds,
          'RATE_LIMITED',
          `Bạn đã gửi quá nhiều hồ sơ đăng ký, vui lòng thử lại sau ${seconds} giây`,
          `Too many registrations submitted, try again in ${seconds} seconds`,
        ),
    );
    return true;
  }
}
