import { AppError } from './app-error';

/** Whole seconds to wait, never 0 while limited. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * 429 with a Retry-After header (set by the exception filter) and the bilingual error shape. `code` tells which rule
 * refused (RATE_LIMITED, LOGIN_THROTTLED, TOO_MANY_CODES…).
 */
export class TooManyRequestsError extends AppError {
  constructor(
    readonly retryAfter: number,
    code = 'RATE_LIMITED',
    message = `Quá nhiều yêu cầu, vui lòng thử lại sau ${retryAfter} giây`,
    messageEn = `Too many requests, try again in ${retryAfter} seconds`,
  ) {
    super(429, code, message, messageEn);
  }
}

/** 503 when the store that enforces a limit (Redis) cannot answer: refuse rather than let everything through. */
export function limitStoreUnavailable(): AppError {
  return new AppError(
    503,
    'SERVICE_UNAVAILABLE',
    'Hệ thống đang bận, vui lòng thử lại sau ít phút',
    'The service is temporarily unavailable, try again in a few minutes',
  );
}
