import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig, limitStoreUnavailable, RateLimiters, TooManyRequestsError, retryAfterSeconds } from '@nss/server-core';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { delayAfterFailures, LoginThrottlePolicy, throttledMessage } from './login-throttle';

const DAY_SECONDS = 86_400;
const HOUR_SECONDS = 3_600;

function throttled(retryAfter: number): TooManyRequestsError {
  const { message, messageEn } = throttledMessage(retryAfter);
  return new TooManyRequestsError(retryAfter, 'LOGIN_THROTTLED', message, messageEn);
}

/**
 * Slows password guessing without handing strangers a way to lock owners out (issue 5):
 * - per (phone, client): after a few free failures each further one makes that client wait twice as long;
 * - per phone: past a ceiling of failures in an hour (from all clients), only clients that have not failed on this
 *   phone may still try, so a guesser using many addresses is stopped while the owner's own device is not.
 * Counters live in Redis (rate-limiter-flexible); keys hold a hash of the phone, never the phone.
 */
@Injectable()
export class LoginThrottleService {
  private readonly policy: LoginThrottlePolicy;
  private readonly failsByPhoneClient: RateLimiterRedis;
  private readonly blocksByPhoneClient: RateLimiterRedis;
  private readonly failsByPhone: RateLimiterRedis;
  private readonly ceiling: number;

  constructor(limiters: RateLimiters, @Inject(APP_CONFIG) config: AppConfig) {
    this.policy = {
      freeFailures: config.LOGIN_FREE_FAILURES,
      baseDelaySeconds: config.LOGIN_DELAY_BASE_SECONDS,
      maxDelaySeconds: config.LOGIN_DELAY_MAX_SECONDS,
    };
    this.ceiling = config.LOGIN_PHONE_FAILURE_CEILING;
    // Counters only (penalty never rejects): the decisions are taken below.
    this.failsByPhoneClient = limiters.limiter('nss:login:fails', { points: 1_000_000, seconds: DAY_SECONDS });
    this.blocksByPhoneClient = limiters.limiter('nss:login:wait', { points: 1, seconds: 1 });
    this.failsByPhone = limiters.limiter('nss:login:phone', { points: 1_000_000, seconds: HOUR_SECONDS });
  }

  /** Throws 429 LOGIN_THROTTLED (Retry-After) when this client must wait before trying this phone again. */
  async assertMayTry(phone: string, client: string): Promise<void> {
    const pair = this.pairKey(phone, client);
    await this.guard(async () => {
      const [wait, phoneFails, pairFails] = await Promise.all([
        this.blocksByPhoneClient.get(pair),
        this.failsByPhone.get(this.phoneKey(phone)),
        this.failsByPhoneClient.get(pair),
      ]);
      if (wait && wait.consumedPoints > 1 && wait.msBeforeNext > 0) throw throttled(retryAfterSeconds(wait.msBeforeNext));
      const overCeiling = phoneFails !== null && phoneFails.consumedPoints >= this.ceiling;
      if (overCeiling && pairFails !== null && pairFails.consumedPoints > 0) {
        throw throttled(retryAfterSeconds(phoneFails.msBeforeNext));
      }
    });
  }

  /** Counts a wrong password (or unknown phone) from this client; returns the seconds it must now wait. */
  async recordFailure(phone: string, client: string): Promise<number> {
    const pair = this.pairKey(phone, client);
    return this.guard(async () => {
      const [pairFails] = await Promise.all([
        this.failsByPhoneClient.penalty(pair, 1),
        this.failsByPhone.penalty(this.phoneKey(phone), 1),
      ]);
      const delay = delayAfterFailures(pairFails.consumedPoints, this.policy);
      if (delay > 0) await this.blocksByPhoneClient.block(pair, delay);
      return delay;
    });
  }

  /** A successful sign-in clears this client's record for the phone (the phone's ceiling count stays). */
  async recordSuccess(phone: string, client: string): Promise<void> {
    const pair = this.pairKey(phone, client);
    await this.guard(() => Promise.all([this.failsByPhoneClient.delete(pair), this.blocksByPhoneClient.delete(pair)]));
  }

  /** The owner proved who they are (new password): strangers' failures on the phone no longer count. */
  async forgetPhone(phone: string): Promise<void> {
    await this.guard(() => this.failsByPhone.delete(this.phoneKey(phone)));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw error;
      throw limitStoreUnavailable();
    }
  }

  private phoneKey(phone: string): string {
    return createHash('sha256').update(`login:${phone}`).digest('hex').slice(0, 32);
  }

  private pairKey(phone: string, client: string): string {
    return createHash('sha256').update(`login:${phone}:${client}`).digest('hex').slice(0, 32);
  }
}
