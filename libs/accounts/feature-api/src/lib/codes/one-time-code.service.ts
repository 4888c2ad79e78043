import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { OtpPurpose } from '@nss/contracts';
import {
  APP_CONFIG,
  AppConfig,
  AppError,
  RateLimiters,
  REDIS,
  TooManyRequestsError,
} from '@nss/server-core';
import { normalizeVnMobile } from '@nss/util-vn';
import { CODE_VALIDITY_MS, MAX_CODE_ATTEMPTS, generateCode, hashCode, hashesEqual } from './one-time-code.crypto';
import { OneTimeCodesRepository } from './one-time-codes.repository';
import { OTP_SENDER, OtpSender } from './otp-sender';

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 86_400;

function invalidCode(): AppError {
  return AppError.badRequest('INVALID_CODE', 'Mã xác nhận không đúng hoặc đã hết hạn', 'The code is wrong or has expired');
}

function tooManyCodes(retryAfter: number): TooManyRequestsError {
  return new TooManyRequestsError(
    retryAfter,
    'TOO_MANY_CODES',
    'Đã gửi quá nhiều mã xác nhận, vui lòng thử lại sau',
    'Too many codes were sent, try again later',
  );
}

function tooManyWrongCodes(retryAfter: number): TooManyRequestsError {
  return new TooManyRequestsError(
    retryAfter,
    'TOO_MANY_ATTEMPTS',
    'Nhập sai mã quá nhiều lần, vui lòng thử lại sau',
    'Too many wrong codes, try again later',
  );
}

export interface IssueCodeInput {
  phone: string;
  purpose: OtpPurpose;
  subjectId: string;
  /** The caller's address (request.ip), for the per-client send cap; absent for signed-in staff actions. */
  client?: string;
}

/**
 * Six-digit codes sent to a phone to prove its possession (password reset, account handover): valid 10 minutes,
 * single use, 5 guesses per code, and a new code for the same phone and purpose replaces the older ones.
 * Limits (issue 5): sends per phone and purpose, per client and for the whole platform per hour (an SMS costs
 * money), and wrong guesses per phone per day across all its codes (a new code does not give new guesses).
 * The code itself exists only in memory here and in the message to the phone: never log it.
 */
@Injectable()
export class OneTimeCodeService implements OnApplicationShutdown {
  private readonly logger = new Logger(OneTimeCodeService.name);
  private readonly key: string;
  private readonly sendsPerPhone: RateLimiterRedis;
  private readonly sendsPerClient: RateLimiterRedis;
  private readonly sendsGlobal: RateLimiterRedis;
  private readonly failuresPerPhone: RateLimiterRedis;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly codes: OneTimeCodesRepository,
    @Inject(OTP_SENDER) private readonly sender: OtpSender,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly limiters: RateLimiters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createHash('sha256').update(`nss-otp:${config.JWT_ACCESS_SECRET}`).digest('hex');
    this.sendsPerPhone = limiters.limiter('nss:otp:sends:phone', { points: config.OTP_SENDS_PER_PHONE_PER_HOUR, seconds: HOUR_SECONDS });
    this.sendsPerClient = limiters.limiter('nss:otp:sends:client', { points: config.OTP_SENDS_PER_CLIENT_PER_HOUR, seconds: HOUR_SECONDS });
    this.sendsGlobal = limiters.limiter('nss:otp:sends:all', { points: config.OTP_SENDS_GLOBAL_PER_HOUR, seconds: HOUR_SECONDS });
    this.failuresPerPhone = limiters.limiter('nss:otp:fails', { points: config.OTP_FAILURES_PER_PHONE_PER_DAY, seconds: DAY_SECONDS });
  }

  /** Sends a new code to the phone; 429 TOO_MANY_CODES (Retry-After) when a send cap is reached. */
  async issue(input: IssueCodeInput, now = new Date()): Promise<void> {
    const phone = this.phoneOf(input.phone);
    await this.allowSend(phone, input.purpose, input.client);
    await this.create(phone, input, now);
  }

  /**
   * Spends one send of each cap for this phone, purpose and client whether or not a code will be sent, so that
   * callers answering "maybe sent" (password reset) answer known and unknown phones alike, 429 included.
   */
  async allowSend(phoneInput: string, purpose: OtpPurpose, client?: string): Promise<void> {
    const phone = this.phoneOf(phoneInput);
    await this.limiters.consume(this.sendsPerPhone, this.hashed(`${purpose}:${phone}`), 1, tooManyCodes);
    if (client) await this.limiters.consume(this.sendsPerClient, client, 1, tooManyCodes);
    await this.limiters.consume(this.sendsGlobal, 'all', 1, tooManyCodes);
  }

  /**
   * Creates and sends a code without making the caller wait (after allowSend): the request that asked for it
   * answers in the same time whether or not the phone has an account. Failures are logged without the phone or code.
   */
  sendInBackground(input: IssueCodeInput, now = new Date()): void {
    const phone = this.phoneOf(input.phone);
    const work = this.create(phone, input, now).catch((error: unknown) => {
      this.logger.error(`One-time code not sent (${input.purpose}): ${(error as Error).message}`);
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Lets codes being sent finish before the database connection closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async create(phone: string, input: IssueCodeInput, now: Date): Promise<void> {
    await this.codes.deleteExpired(new Date(now.getTime() - CODE_VALIDITY_MS), phone);
    const id = new Types.ObjectId();
    const code = generateCode();
    await this.codes.insert({
      _id: id,
      phone,
      purpose: input.purpose,
      codeHash: hashCode(code, id.toHexString(), this.key),
      subjectId: input.subjectId,
      expiresAt: new Date(now.getTime() + CODE_VALIDITY_MS),
    });
    await this.codes.invalidateOlder(phone, input.purpose, id, now);
    try {
      await this.sender.send({ phone, purpose: input.purpose, code, codeId: id.toHexString() });
    } catch {
      // The sender's error may quote the message (phone, code): log and return none of it.
      throw new Error(`One-time code delivery failed (${input.purpose})`);
    }
  }

  /**
   * The subject id the code was issued for; 400 INVALID_CODE if wrong, expired, used, replaced or out of attempts;
   * 429 TOO_MANY_ATTEMPTS when the phone has spent its wrong guesses of the day (unknown phones alike).
   * Every guess spends an attempt before the comparison, and both the attempt count and the single use are decided
   * by atomic Redis operations, so parallel guesses cannot exceed 5 nor two consumers both succeed, on any backend.
   */
  async consume(input: { phone: string; purpose: OtpPurpose; code: string }, now = new Date()): Promise<string> {
    const phone = normalizeVnMobile(input.phone);
    if (!phone || !/^\d{6}$/.test(input.code)) throw invalidCode();
    // Every guess spends one of the phone's wrong guesses of the day first (atomic in Redis, so parallel guesses
    // cannot overspend it); a right code gives it back.
    const budgetKey = this.hashed(`fails:${phone}`);
    await this.limiters.consume(this.failuresPerPhone, budgetKey, 1, tooManyWrongCodes);
    const subjectId = await this.check(phone, input, now);
    if (subjectId === null) throw invalidCode();
    await this.failuresPerPhone.reward(budgetKey, 1).catch(() => undefined);
    return subjectId;
  }

  /** The subject id for a right, live, unused code; null for any wrong guess. */
  private async check(phone: string, input: { purpose: OtpPurpose; code: string }, now: Date): Promise<string | null> {
    const record = await this.codes.findLive(phone, input.purpose, now);
    if (!record) return null;
    const id = record.id as string;
    const ttlSeconds = Math.ceil(CODE_VALIDITY_MS / 1000) + 60;
    const attemptsKey = `nss:otp:attempts:${id}`;
    const [[, attempts]] = (await this.redis.multi().incr(attemptsKey).expire(attemptsKey, ttlSeconds).exec()) as [
      [Error | null, number],
    ];
    await this.codes.recordAttempts(record._id, Math.min(attempts, MAX_CODE_ATTEMPTS));
    if (attempts > MAX_CODE_ATTEMPTS) return null;
    if (!hashesEqual(hashCode(input.code, id, this.key), record.codeHash)) return null;
    const claimed = await this.redis.set(`nss:otp:used:${id}`, '1', 'EX', ttlSeconds, 'NX');
    if (claimed !== 'OK') return null;
    const consumed = await this.codes.markConsumed(record._id, now);
    return consumed ? record.subjectId : null;
  }

  private phoneOf(input: string): string {
    const phone = normalizeVnMobile(input);
    if (!phone) throw AppError.invalidField('phone', 'Số điện thoại di động Việt Nam không hợp lệ', 'not a Vietnamese mobile number');
    return phone;
  }

  private hashed(value: string): string {
    return createHash('sha256').update(`otp:${value}`).digest('hex').slice(0, 32);
  }
}
