import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, AppError, REDIS } from '@nss/server-core';
import { LockoutPolicy, lockedMessage, locksAfter } from './lockout';

/**
 * Counts one failure and locks the account when the limit is reached, atomically (two failures racing cannot both
 * miss the limit). Failures are forgotten after the lockout period if the limit is never reached.
 * KEYS: failures, lock. ARGV: maxFailures, lockoutSeconds. Returns the failure count (the limit when it locked).
 */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
end
return n`;

/** Per-phone sign-in failure counting and lockout, in the shared Redis. Keys carry a hash, not the phone. */
@Injectable()
export class LoginProtectionService {
  private readonly policy: LockoutPolicy;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { maxFailures: config.LOGIN_MAX_FAILURES, lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS };
  }

  /** Throws 423 ACCOUNT_LOCKED while the phone is locked, whatever the password. */
  async assertNotLocked(phone: string, now = new Date()): Promise<void> {
    const retryAfterMs = await this.redis.pttl(this.keys(phone).lock);
    if (retryAfterMs > 0) {
      const { message, messageEn } = lockedMessage(retryAfterMs, now);
      throw new AppError(423, 'ACCOUNT_LOCKED', message, messageEn);
    }
  }

  /** Records a failed sign-in; returns true when this failure locked the account. */
  async recordFailure(phone: string): Promise<boolean> {
    const { failures, lock } = this.keys(phone);
    const result = await this.redis.eval(
      RECORD_FAILURE,
      2,
      failures,
      lock,
      String(this.policy.maxFailures),
      String(this.policy.lockoutSeconds),
    );
    return locksAfter(Number(result), this.policy);
  }

  /** A successful sign-in or password reset starts afresh. */
  async reset(phone: string): Promise<void> {
    const { failures, lock } = this.keys(phone);
    await this.redis.del(failures, lock);
  }

  private keys(phone: string): { failures: string; lock: string } {
    const id = createHash('sha256').update(`login:${phone}`).digest('hex').slice(0, 32);
    return { failures: `nss:login:failures:${id}`, lock: `nss:login:lock:${id}` };
  }
}
