import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { limitStoreUnavailable } from '../errors/too-many-requests';
import { REDIS } from '../redis/redis.token';
import type { TokenSession } from './access-token';

/** Reads a user's current token version from the database (registered by the accounts feature). */
export type TokenVersionSource = (userId: string) => Promise<number>;

const VERSION_CACHE_SECONDS = 86_400;

/** Sets the cached version only upward (a stale read must never lower it). KEYS: version. ARGV: version, ttl. */
const RAISE_VERSION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1`;

/**
 * Whether an access token was revoked before it expired: its user's token version moved past the token's (sign-out
 * everywhere, password reset, handover), or its session was ended (logout). Versions are kept in the database by
 * the accounts feature and cached here in Redis; a bump writes the cache at once, so every API replica refuses the
 * old tokens on their next request. A cache fill never overwrites (SET NX), so a fill racing a bump cannot
 * restore the old version.
 */
@Injectable()
export class TokenRevocations {
  private source: TokenVersionSource = async () => 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The accounts feature tells where versions are stored. */
  useVersionSource(source: TokenVersionSource): void {
    this.source = source;
  }

  /** True when the token's session was ended or its version is older than the user's. 503 if Redis is down. */
  async isRevoked(userId: string, session: TokenSession): Promise<boolean> {
    try {
      const [cached, ended] = await this.redis.mget(this.versionKey(userId), this.sessionKey(session.sessionId ?? '-'));
      if (ended !== null) return true;
      return session.version < (cached !== null ? Number(cached) : await this.fill(userId));
    } catch {
      throw limitStoreUnavailable();
    }
  }

  /** The user's current version (cache, else the database). */
  async currentVersion(userId: string): Promise<number> {
    const cached = await this.redis.get(this.versionKey(userId));
    return cached !== null ? Number(cached) : this.fill(userId);
  }

  /** Call after the database version was raised: tokens of older versions stop working now. */
  async versionRaised(userId: string, version: number): Promise<void> {
    await this.redis.eval(RAISE_VERSION, 1, this.versionKey(userId), String(version), String(VERSION_CACHE_SECONDS));
  }

  /** Ends one session's access tokens (logout); remembered as long as such a token can live. */
  async endSession(sessionId: string): Promise<void> {
    await this.redis.set(this.sessionKey(sessionId), '1', 'EX', this.config.ACCESS_TOKEN_TTL_SECONDS + 60);
  }

  private async fill(userId: string): Promise<number> {
    const version = await this.source(userId);
    const stored = await this.redis.set(this.versionKey(userId), String(version), 'EX', VERSION_CACHE_SECONDS, 'NX');
    if (stored === 'OK') return version;
    // A bump got there first: its value is the newer one.
    const cached = await this.redis.get(this.versionKey(userId));
    return cached !== null ? Math.max(Number(cached), version) : version;
  }

  private versionKey(userId: string): string {
    return `nss:auth:ver:${userId}`;
  }

  private sessionKey(sessionId: string): string {
    return `nss:auth:ended:${sessionId}`;
  }
}
