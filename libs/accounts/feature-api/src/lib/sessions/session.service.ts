import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { AuthTokens } from '@nss/contracts';
import type { Redis } from 'ioredis';
import { AccessTokenService, APP_CONFIG, AppConfig, AppError, REDIS } from '@nss/server-core';
import { actorOf, meOf } from '../users/user.mapper';
import type { UserDocument } from '../users/user.schema';
import { UsersRepository } from '../users/users.repository';
import { hashRefreshToken, newRefreshToken } from './refresh-token.crypto';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const DAY_MS = 86_400_000;
/** How long a refresh token stays claimed in Redis: the race window; afterwards the database record decides. */
const ROTATION_CLAIM_SECONDS = 300;

function sessionExpired(code: string): AppError {
  return new AppError(401, code, 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại', 'Session expired, please sign in again');
}

/**
 * Sessions: a short-lived access token plus an opaque refresh token that is replaced at every refresh. Presenting
 * a token that was already replaced means someone kept a copy: every token of that sign-in is revoked.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly accessTokens: AccessTokenService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session (a new token family) for a user who has just proved who they are. */
  async start(user: UserDocument, now = new Date()): Promise<AuthTokens> {
    await this.refreshTokens.deleteExpiredOfUser(user.id as string, now);
    const familyId = new Types.ObjectId().toHexString();
    return this.issue(user, familyId, new Types.ObjectId(), now);
  }

  /** Signs in a user by id (after registration, or an account handover in onboarding). */
  async startForUser(userId: string, now = new Date()): Promise<AuthTokens> {
    const user = await this.users.findById(userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return this.start(user, now);
  }

  /**
   * Replaces a live refresh token with a new one. A token that was already replaced revokes its family (401
   * REFRESH_TOKEN_REUSED). Of two refreshes racing with one token, the one that claims it in Redis (atomic on any
   * database backend) wins and the other gets 401; if that other was a copy, its owner's next use of the replaced
   * token will revoke the family.
   */
  async refresh(refreshToken: string, now = new Date()): Promise<AuthTokens> {
    const tokenHash = hashRefreshToken(refreshToken);
    const known = await this.refreshTokens.findByHash(tokenHash);
    if (!known) throw sessionExpired('INVALID_REFRESH_TOKEN');
    if (known.replacedBy) {
      await this.refreshTokens.revokeFamily(known.familyId, now);
      throw sessionExpired('REFRESH_TOKEN_REUSED');
    }
    if (known.revokedAt || known.expiresAt <= now) throw sessionExpired('INVALID_REFRESH_TOKEN');
    const claimed = await this.redis.set(`nss:refresh:rotating:${tokenHash}`, '1', 'EX', ROTATION_CLAIM_SECONDS, 'NX');
    if (claimed !== 'OK') throw sessionExpired('INVALID_REFRESH_TOKEN');
    const nextId = new Types.ObjectId();
    const rotated = await this.refreshTokens.rotate(tokenHash, nextId.toHexString(), now);
    if (!rotated) throw sessionExpired('INVALID_REFRESH_TOKEN');
    const user = await this.users.findById(rotated.userId);
    if (!user || user.status !== 'active') {
      await this.refreshTokens.revokeFamily(rotated.familyId, now);
      throw sessionExpired('INVALID_REFRESH_TOKEN');
    }
    return this.issue(user, rotated.familyId, nextId, now);
  }

  /** Ends the session the token belongs to, if it is the caller's. Idempotent: an unknown token is no error. */
  async end(userId: string, refreshToken: string, now = new Date()): Promise<void> {
    const known = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (known && known.userId === userId) await this.refreshTokens.revokeFamily(known.familyId, now);
  }

  /** Signs the user out everywhere (password change, handover, disabling). Access tokens live on until they expire. */
  async revokeAll(userId: string, now = new Date()): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(userId, now);
  }

  /** Deletes expired records of all users (FerretDB has no TTL index); meant for a periodic job. */
  purgeExpired(now = new Date()): Promise<number> {
    return this.refreshTokens.deleteExpired(now);
  }

  private async issue(user: UserDocument, familyId: string, id: Types.ObjectId, now: Date): Promise<AuthTokens> {
    const refreshToken = newRefreshToken();
    await this.refreshTokens.insert({
      _id: id,
      tokenHash: hashRefreshToken(refreshToken),
      userId: user.id as string,
      familyId,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS),
    });
    const access = this.accessTokens.sign(actorOf(user));
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresInSeconds, user: meOf(user) };
  }
}
