import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { generateSecret, generateURI, verify } from 'otplib';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { AuthTokens, TotpChallenge, TotpEnrolment, TotpLoginBody, TotpStatus } from '@nss/contracts';
import { type Actor, APP_CONFIG, AppConfig, AppError, RateLimiters, REDIS, TOTP_ROLES, TooManyRequestsError } from '@nss/server-core';
import { SessionService } from '../sessions/session.service';
import type { UserDocument } from '../users/user.schema';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { openTotpSecret, parseTotpKey, sealTotpSecret } from './totp-secret-box';

/** How long a password-checked sign-in waits for its TOTP code, and how many codes it may try. */
const CHALLENGE_SECONDS = 300;
const CHALLENGE_ATTEMPTS = 5;
/** Wrong TOTP codes per user per 15 minutes, across challenges and enrolment (a million codes, six digits). */
const FAILURES_PER_USER = { points: 10, seconds: 900 };

function wrongCode(): AppError {
  return AppError.badRequest('INVALID_TOTP_CODE', 'Mã xác thực không đúng', 'The authentication code is wrong');
}

function challengeGone(): AppError {
  return new AppError(
    401,
    'TOTP_CHALLENGE_EXPIRED',
    'Phiên xác thực đã hết hạn, vui lòng đăng nhập lại',
    'The sign-in has expired, please sign in again',
  );
}

function tooManyWrongCodes(retryAfter: number): TooManyRequestsError {
  return new TooManyRequestsError(
    retryAfter,
    'TOTP_THROTTLED',
    `Nhập sai mã xác thực nhiều lần, vui lòng thử lại sau ${retryAfter} giây`,
    `Too many wrong authentication codes, try again in ${retryAfter} seconds`,
  );
}

/**
 * TOTP (authenticator apps, RFC 6238 through otplib) for staff and admins: enrolment (secret sealed with
 * TOTP_ENCRYPTION_KEY, confirmed by a first code), disabling, and the second step of sign-in: a random challenge
 * token valid 5 minutes and for 5 codes, wrong codes also limited per user; a code is accepted once (no replay).
 */
@Injectable()
export class TotpService {
  private readonly key: Buffer | null;
  private readonly failures: RateLimiterRedis;

  constructor(
    private readonly usersRepo: UsersRepository,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly limiters: RateLimiters,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = config.TOTP_ENCRYPTION_KEY ? parseTotpKey(config.TOTP_ENCRYPTION_KEY) : null;
    this.failures = limiters.limiter('nss:totp:fails', FAILURES_PER_USER);
  }

  async status(actor: Actor): Promise<TotpStatus> {
    const user = await this.existing(actor.userId);
    return { enabled: user.totpSecret !== null, required: this.requiredFor(actor) };
  }

  /** A new secret to scan; replaces an unconfirmed one. 409 if TOTP is already on or no key is configured. */
  async enrol(actor: Actor): Promise<TotpEnrolment> {
    const key = this.requireKey();
    const user = await this.existing(actor.userId);
    if (user.totpSecret) throw AppError.conflict('TOTP_ALREADY_ENABLED', 'Xác thực hai bước đã được bật', 'TOTP is already enabled');
    const secret = generateSecret();
    await this.usersRepo.update(actor.userId, { totpPendingSecret: sealTotpSecret(secret, key) });
    return { secret, otpauthUrl: generateURI({ issuer: 'Nông Sàn Số', label: user.phone, secret }) };
  }

  /** Turns TOTP on with a first code; other sessions end (they were password-only) and a new one starts. */
  async confirm(actor: Actor, code: string): Promise<AuthTokens> {
    const key = this.requireKey();
    const user = await this.existing(actor.userId);
    const secret = user.totpPendingSecret ? openTotpSecret(user.totpPendingSecret, key) : null;
    if (!secret) throw AppError.conflict('NO_TOTP_ENROLMENT', 'Chưa bắt đầu bật xác thực hai bước', 'No TOTP enrolment in progress');
    await this.checkCode(actor.userId, secret, code);
    await this.usersRepo.update(actor.userId, { totpSecret: user.totpPendingSecret, totpPendingSecret: null });
    await this.users.revokeAllSessions(actor.userId);
    return this.sessions.startForUser(actor.userId);
  }

  /** Turns TOTP off with a current code (refused where it is required); every session ends. */
  async disable(actor: Actor, code: string): Promise<void> {
    if (this.requiredFor(actor)) {
      throw AppError.conflict('TOTP_REQUIRED', 'Vai trò này bắt buộc xác thực hai bước', 'TOTP is required for this role');
    }
    const user = await this.existing(actor.userId);
    const secret = user.totpSecret ? this.open(user.totpSecret) : null;
    if (!secret) throw AppError.conflict('TOTP_NOT_ENABLED', 'Xác thực hai bước chưa được bật', 'TOTP is not enabled');
    await this.checkCode(actor.userId, secret, code);
    await this.usersRepo.update(actor.userId, { totpSecret: null, totpPendingSecret: null });
    await this.users.revokeAllSessions(actor.userId);
  }

  /** After a right password: what the client must answer with a TOTP code. */
  async challenge(userId: string): Promise<TotpChallenge> {
    const challengeToken = randomBytes(32).toString('base64url');
    await this.redis.set(this.challengeKey(challengeToken), userId, 'EX', CHALLENGE_SECONDS);
    return { totpRequired: true, challengeToken, expiresIn: CHALLENGE_SECONDS };
  }

  /** The second step of sign-in: tokens for a live challenge and a right code. */
  async completeSignIn(body: TotpLoginBody): Promise<AuthTokens> {
    const key = this.challengeKey(body.challengeToken);
    const attempts = await this.redis.multi().incr(`${key}:n`).expire(`${key}:n`, CHALLENGE_SECONDS).get(key).exec();
    const tries = Number(attempts?.[0]?.[1] ?? 0);
    const userId = attempts?.[2]?.[1] as string | null | undefined;
    if (!userId || tries > CHALLENGE_ATTEMPTS) {
      await this.redis.del(key);
      throw challengeGone();
    }
    const user = await this.usersRepo.findById(userId);
    const secret = user?.totpSecret ? this.open(user.totpSecret) : null;
    if (!user || user.status !== 'active' || !secret) throw challengeGone();
    await this.checkCode(userId, secret, body.code);
    // Single use: of two requests racing with the same challenge and code, one gets the tokens.
    if ((await this.redis.del(key)) !== 1) throw challengeGone();
    return this.sessions.start(user);
  }

  private requiredFor(actor: Actor): boolean {
    return this.config.TOTP_REQUIRED_FOR_STAFF && TOTP_ROLES.includes(actor.role);
  }

  /** Spends one of the user's wrong-code allowance first (given back when right), then checks and burns the code. */
  private async checkCode(userId: string, secret: string, code: string): Promise<void> {
    await this.limiters.consume(this.failures, userId, 1, tooManyWrongCodes);
    const result = await verify({ secret, token: code, epochTolerance: 30 });
    if (!result.valid) throw wrongCode();
    const step = 'timeStep' in result ? String(result.timeStep) : 'x';
    const fresh = await this.redis.set(`nss:totp:used:${userId}:${step}`, '1', 'EX', 120, 'NX');
    if (fresh !== 'OK') throw wrongCode();
    await this.failures.reward(userId, 1).catch(() => undefined);
  }

  private open(sealed: string): string | null {
    return this.key ? openTotpSecret(sealed, this.key) : null;
  }

  private requireKey(): Buffer {
    if (!this.key) {
      throw AppError.conflict(
        'TOTP_UNAVAILABLE',
        'Máy chủ chưa cấu hình khóa mã hóa cho xác thực hai bước',
        'TOTP is not available: no encryption key is configured',
      );
    }
    return this.key;
  }

  private async existing(userId: string): Promise<UserDocument> {
    const user = await this.usersRepo.findById(userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return user;
  }

  private challengeKey(token: string): string {
    return `nss:totp:challenge:${createHash('sha256').update(token).digest('hex')}`;
  }
}
