import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { limitStoreUnavailable, retryAfterSeconds, TooManyRequestsError } from '../errors/too-many-requests';
import { REDIS } from '../redis/redis.token';

/** A limit: so many points per window of so many seconds. */
export interface RatePolicy {
  points: number;
  seconds: number;
}

/** The per-client limits routes use by name with `@RateLimit(name)`; their values come from configuration. */
export type RatePolicyName = 'auth' | 'public-onboarding';

function configuredPolicies(config: AppConfig): Record<RatePolicyName, RatePolicy> {
  return { auth: config.RATE_LIMIT_AUTH, 'public-onboarding': config.RATE_LIMIT_PUBLIC_ONBOARDING };
}

/** Was this rejection the limit (a RateLimiterRes) rather than the store failing (an Error)? */
export function isLimitReached(reason: unknown): reason is RateLimiterRes {
  return reason instanceof RateLimiterRes;
}

/**
 * Limits counted in the shared Redis by rate-limiter-flexible (atomic INCR + PEXPIRE per key, so every API replica
 * sees the same count). One limiter per named policy or ad-hoc rule, made once. Keys are opaque strings chosen by
 * callers: hash personal data (phones) before using it in a key.
 */
@Injectable()
export class RateLimiters {
  private readonly policies: Record<RatePolicyName, RatePolicy>;
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policies = configuredPolicies(config);
  }

  /** The limiter of a named policy (for `@RateLimit`). */
  named(name: RatePolicyName): RateLimiterRedis {
    return this.limiter(`nss:rl:${name}`, this.policies[name]);
  }

  /**
   * A limiter for a rule of a service (e.g. codes sent per phone); `prefix` names the rule. `insured`: while Redis is
   * away (not ready, or a command fails) the limit is counted in this process's memory instead of refusing with 503
   * (rate-limiter-flexible's `insuranceLimiter`). Only for routes that can answer without Redis (the scan page): each
   * API process then counts on its own, so a client spread over N processes gets up to N times the limit meanwhile,
   * and what it spent in memory is forgotten when Redis is back.
   */
  limiter(prefix: string, policy: RatePolicy, options: { insured?: boolean } = {}): RateLimiterRedis {
    const id = `${prefix}:${policy.points}/${policy.seconds}${options.insured ? ':insured' : ''}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: prefix,
        points: policy.points,
        duration: policy.seconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: options.insured ? new RateLimiterMemory({ keyPrefix: prefix, points: policy.points, duration: policy.seconds }) : undefined,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Spends points of `key`; throws TooManyRequestsError (429, Retry-After) when the limit is passed, 503 when Redis
   * cannot answer. `error` builds a more specific 429 from the seconds to wait.
   */
  async consume(
    limiter: RateLimiterRedis,
    key: string,
    points = 1,
    error: (retryAfter: number) => TooManyRequestsError = (retryAfter) => new TooManyRequestsError(retryAfter),
  ): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key, points);
    } catch (reason) {
      if (isLimitReached(reason)) throw error(retryAfterSeconds(reason.msBeforeNext));
      throw limitStoreUnavailable();
    }
  }
}
