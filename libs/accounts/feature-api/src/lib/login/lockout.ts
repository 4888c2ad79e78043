import { formatVnDateTime } from '@nss/util-vn';

/** Pure arithmetic of sign-in lockout and per-IP rate limits (Redis does the counting). */

export interface LockoutPolicy {
  maxFailures: number;
  lockoutSeconds: number;
}

/** After the n-th consecutive failure, is the account locked? */
export function locksAfter(failures: number, policy: LockoutPolicy): boolean {
  return failures >= policy.maxFailures;
}

/** Whole minutes a person must wait, never 0 while locked. */
export function minutesToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

/** The bilingual message of a locked account: how long to wait and at what time (Vietnam time) to try again. */
export function lockedMessage(retryAfterMs: number, now: Date): { message: string; messageEn: string } {
  const minutes = minutesToWait(retryAfterMs);
  const at = formatVnDateTime(new Date(now.getTime() + retryAfterMs));
  return {
    message: `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút (lúc ${at}).`,
    messageEn: `Account temporarily locked after too many failed sign-ins. Try again in ${minutes} minute${
      minutes === 1 ? '' : 's'
    } (at ${at} Vietnam time).`,
  };
}

/** A fixed rate-limit window: its index (part of the Redis key) and the seconds until it resets. */
export function rateWindow(nowMs: number, windowSeconds: number): { index: number; resetInSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  return { index, resetInSeconds: Math.max(1, Math.ceil(((index + 1) * windowMs - nowMs) / 1000)) };
}
