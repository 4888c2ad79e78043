import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { AuthTokens } from '@nss/contracts';
import type { Redis } from 'ioredis';
import { AccessTokenService, APP_CONFIG, AppConfig, AppError, REDIS, TokenRevocations } from '@nss/server-core';
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

/** What a sign-in's tokens share: its family (the session id in access tokens), end of life and token version. */
interface Family {
  familyId: string;
  familyExpiresAt: Date;
  version: number;
}

/**
 * Sessions: a short-lived access token plus an opaque refresh token that is replaced at every refresh. Presenting
 * a token that was already replaced means someone kept a copy: every token of that sign-in is revoked. A sign-in
 * lives at most REFRESH_FAMILY_MAX_AGE_SECONDS; logout ends its access tokens too, and signing out everywhere raises
 * the user's token version, which ends all of them (the guard checks it).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly revocations: TokenRevocations,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session (a new token family) for a user who has just proved who they are. */
  async start(user: UserDocument, now = new Date()): Promise<AuthTokens> {
    await this.refreshTokens.deleteExpiredOfUser(user.id as string, now);
    const family: Family = {
      familyId: new Types.ObjectId().toHexString(),
      familyExpiresAt: new Date(now.getTime() + this.config.REFRESH_FAMILY_MAX_AGE_SECONDS * 1000),
      version: user.tokenVersion ?? 0,
    };
    return this.issue(user, family, new Types.ObjectId(), now);
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
    const family: Family = {
      familyId: known.familyId,
      familyExpiresAt: known.familyExpiresAt ?? known.expiresAt,
      version: known.tokenVersion ?? 0,
    };
    if (!known.revokedAt && family.familyExpiresAt <= now) throw sessionExpired('SESSION_TOO_OLD');
    if (known.revokedAt || known.expiresAt <= now) throw sessionExpired('INVALID_REFRESH_TOKEN');
    const claimed = await this.redis.set(`nss:refresh:rotating:${tokenHash}`, '1', 'EX', ROTATION_CLAIM_SECONDS, 'NX');
    if (claimed !== 'OK') throw sessionExpired('INVALID_REFRESH_TOKEN');
    const nextId = new Types.ObjectId();
    const rotated = await this.refreshTokens.rotate(tokenHash, nextId.toHexString(), now);
    if (!rotated) throw sessionExpired('INVALID_REFRESH_TOKEN');
    const user = await this.users.findById(rotated.userId);
    if (!user || user.status !== 'active' || (await this.signedOutSince(rotated.userId, family))) {
      await this.refreshTokens.revokeFamily(rotated.familyId, now);
      throw sessionExpired('INVALID_REFRESH_TOKEN');
    }
    const tokens = await this.issue(user, family, nextId, now);
    // A sign-out everywhere that ran meanwhile may have revoked the user's tokens before ours was written: look
    // again now that it is written (revokeAll raises the version before it revokes, so one of the two sees it).
    if (await this.signedOutSince(rotated.userId, family)) {
      await this.refreshTokens.revokeFamily(rotated.familyId, now);
      throw sessionExpired('INVALID_REFRESH_TOKEN');
    }
    return tokens;
  }

  /** Ends the session the token belongs to (its access tokens too), if it is the caller's. Idempotent. */
  async end(userId: string, refreshToken: string, now = new Date()): Promise<void> {
    const known = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!known || known.userId !== userId) return;
    await this.revocations.endSession(known.familyId);
    await this.refreshTokens.revokeFamily(known.familyId, now);
  }

  /**
   * Signs the user out everywhere (sign-out everywhere, password reset, handover, disabling): raises the token
   * version first (every access token issued so far stops working at once), then revokes the refresh tokens.
   */
  async revokeAll(userId: string, now = new Date()): Promise<void> {
    const version = await this.users.bumpTokenVersion(userId);
    if (version !== null) await this.revocations.versionRaised(userId, version);
    await this.refreshTokens.revokeAllOfUser(userId, now);
  }

  /** Deletes expired records of all users (FerretDB has no TTL index); meant for a periodic job. */
  purgeExpired(now = new Date()): Promise<number> {
    return this.refreshTokens.deleteExpired(now);
  }

  private async signedOutSince(userId: string, family: Family): Promise<boolean> {
    return (await this.revocations.currentVersion(userId)) > family.version;
  }

  private async issue(user: UserDocument, family: Family, id: Types.ObjectId, now: Date): Promise<AuthTokens> {
    const refreshToken = newRefreshToken();
    const ttlEnd = now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS;
    await this.refreshTokens.insert({
      _id: id,
      tokenHash: hashRefreshToken(refreshToken),
      userId: user.id as string,
      familyId: family.familyId,
      expiresAt: new Date(Math.min(ttlEnd, family.familyExpiresAt.getTime())),
      familyExpiresAt: family.familyExpiresAt,
      tokenVersion: family.version,
    });
    const access = this.accessTokens.sign(actorOf(user), {
      version: family.version,
      sessionId: family.familyId,
      totpEnrolled: user.totpSecret != null,
    });
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresInSeconds, user: meOf(user) };
  }
}
