/** Pure arithmetic of sign-in throttling (Redis, through rate-limiter-flexible, does the counting). */

export interface LoginThrottlePolicy {
  /** Wrong passwords per (phone, client) before any delay. */
  freeFailures: number;
  /** The first delay; each further failure doubles it… */
  baseDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
}

/**
 * Seconds a client must wait after its n-th consecutive wrong password for a phone: none while n < freeFailures,
 * then base, 2×base, 4×base… capped at max. The owner on another client is not affected.
 */
export function delayAfterFailures(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** doublings);
}

/** The bilingual message of a throttled sign-in. */
export function throttledMessage(retryAfter: number): { message: string; messageEn: string } {
  return {
    message: `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${retryAfter} giây hoặc đặt lại mật khẩu.`,
    messageEn: `Too many failed sign-ins. Try again in ${retryAfter} seconds or reset your password.`,
  };
}
