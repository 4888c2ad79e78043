import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Redis } from 'ioredis';
import type { OtpPurpose } from '@nss/contracts';
import { APP_CONFIG, AppConfig, AppError, REDIS } from '@nss/server-core';
import { normalizeVnMobile } from '@nss/util-vn';
import { rateWindow } from '../login/lockout';
import { CODE_VALIDITY_MS, MAX_CODE_ATTEMPTS, generateCode, hashCode, hashesEqual } from './one-time-code.crypto';
import { OneTimeCodesRepository } from './one-time-codes.repository';
import { OTP_SENDER, OtpSender } from './otp-sender';

/** Codes a phone may be sent per purpose and hour: an SMS costs money and annoys the owner of the number. */
export const MAX_CODES_PER_HOUR = 5;

function invalidCode(): AppError {
  return AppError.badRequest('INVALID_CODE', 'Mã xác nhận không đúng hoặc đã hết hạn', 'The code is wrong or has expired');
}

/**
 * Six-digit codes sent to a phone to prove its possession (password reset, account handover): valid 10 minutes,
 * single use, 5 guesses, and a new code for the same phone and purpose replaces the older ones.
 * The code itself exists only in memory here and in the message to the phone: never log it.
 */
@Injectable()
export class OneTimeCodeService {
  private readonly key: string;

  constructor(
    private readonly codes: OneTimeCodesRepository,
    @Inject(OTP_SENDER) private readonly sender: OtpSender,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createHash('sha256').update(`nss-otp:${config.JWT_ACCESS_SECRET}`).digest('hex');
  }

  /** Sends a new code to the phone; 429 TOO_MANY_CODES after 5 codes in an hour for the same phone and purpose. */
  async issue(input: { phone: string; purpose: OtpPurpose; subjectId: string }, now = new Date()): Promise<void> {
    const phone = this.phoneOf(input.phone);
    await this.countIssue(phone, input.purpose, now);
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
   * The subject id the code was issued for; 400 INVALID_CODE if wrong, expired, used, replaced or out of attempts.
   * Every guess spends an attempt before the comparison, and both the attempt count and the single use are decided
   * by atomic Redis operations, so parallel guesses cannot exceed 5 nor two consumers both succeed, on any backend.
   */
  async consume(input: { phone: string; purpose: OtpPurpose; code: string }, now = new Date()): Promise<string> {
    const phone = normalizeVnMobile(input.phone);
    if (!phone || !/^\d{6}$/.test(input.code)) throw invalidCode();
    const record = await this.codes.findLive(phone, input.purpose, now);
    if (!record) throw invalidCode();
    const id = record.id as string;
    const ttlSeconds = Math.ceil(CODE_VALIDITY_MS / 1000) + 60;
    const attemptsKey = `nss:otp:attempts:${id}`;
    const [[, attempts]] = (await this.redis.multi().incr(attemptsKey).expire(attemptsKey, ttlSeconds).exec()) as [
      [Error | null, number],
    ];
    await this.codes.recordAttempts(record._id, Math.min(attempts, MAX_CODE_ATTEMPTS));
    if (attempts > MAX_CODE_ATTEMPTS) throw invalidCode();
    if (!hashesEqual(hashCode(input.code, id, this.key), record.codeHash)) throw invalidCode();
    const claimed = await this.redis.set(`nss:otp:used:${id}`, '1', 'EX', ttlSeconds, 'NX');
    if (claimed !== 'OK') throw invalidCode();
    const consumed = await this.codes.markConsumed(record._id, now);
    if (!consumed) throw invalidCode();
    return record.subjectId;
  }

  private phoneOf(input: string): string {
    const phone = normalizeVnMobile(input);
    if (!phone) throw AppError.invalidField('phone', 'Số điện thoại di động Việt Nam không hợp lệ', 'not a Vietnamese mobile number');
    return phone;
  }

  private async countIssue(phone: string, purpose: OtpPurpose, now: Date): Promise<void> {
    const { index, resetInSeconds } = rateWindow(now.getTime(), 3600);
    const id = createHash('sha256').update(`otp:${purpose}:${phone}`).digest('hex').slice(0, 32);
    const key = `nss:otp:issued:${id}:${index}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, resetInSeconds + 1).exec()) as [[Error | null, number]];
    if (count > MAX_CODES_PER_HOUR) {
      throw new AppError(
        429,
        'TOO_MANY_CODES',
        'Đã gửi quá nhiều mã tới số điện thoại này, vui lòng thử lại sau',
        'Too many codes sent to this phone number, try again later',
      );
    }
  }
}
