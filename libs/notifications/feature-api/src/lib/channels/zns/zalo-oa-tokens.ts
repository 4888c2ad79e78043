import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DocumentLocks, MessagingConfig } from '@nss/server-core';
import { MessageCipher } from '../../outbox/message-cipher';
import { ZaloOaTokensRepository } from './zalo-oa-tokens.repository';

/** Refresh this long before the access token expires ("refresh early"). */
const REFRESH_MARGIN_MS = 60 * 60 * 1000;
const OAUTH_TIMEOUT_MS = 10_000;

/** Refreshing failed: an OA admin must consent again in a browser. The message falls back to SMS meanwhile. */
export class OaConsentNeededError extends Error {
  constructor(reason: string) {
    super(`Zalo OA token refresh failed (${reason}): an OA admin must re-authorise the app`);
    this.name = 'OaConsentNeededError';
  }
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * The OA access token: read from the database, refreshed early, one refresh at a time per OA (a Redis lock shared by
 * every worker), the rotated pair stored before it is used. The first refresh token comes from ZALO_OA_REFRESH_TOKEN.
 */
@Injectable()
export class ZaloOaTokens {
  private readonly logger = new Logger(ZaloOaTokens.name);
  private readonly config: MessagingConfig;

  constructor(
    private readonly tokens: ZaloOaTokensRepository,
    private readonly cipher: MessageCipher,
    private readonly locks: DocumentLocks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.messaging;
  }

  /** A usable access token, refreshing it first if it is missing or about to expire. */
  async accessToken(now = new Date()): Promise<string> {
    const current = await this.current();
    if (current && current.expiresAt.getTime() - now.getTime() > REFRESH_MARGIN_MS) return current.pair.accessToken;
    return this.refresh(current?.pair.accessToken ?? null);
  }

  /** After ZNS refused `rejected`: refresh, unless another worker already replaced it (then use theirs). */
  async refresh(rejected: string | null): Promise<string> {
    const appId = this.config.zaloAppId;
    return this.locks.run(
      'zalo-oa',
      appId,
      async () => {
        const current = await this.current();
        if (current && current.pair.accessToken !== rejected && current.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) {
          return current.pair.accessToken;
        }
        const pair = await this.callOAuth(current?.pair.refreshToken ?? this.config.zaloInitialRefreshToken);
        await this.tokens.save(appId, this.cipher.encrypt({ ...pair.tokens }, `zalo-oa:${appId}`), pair.expiresAt);
        return pair.tokens.accessToken;
      },
      { ttlMs: OAUTH_TIMEOUT_MS * 3, waitMs: OAUTH_TIMEOUT_MS * 2 },
    );
  }

  private async current(): Promise<{ pair: TokenPair; expiresAt: Date } | null> {
    const doc = await this.tokens.find(this.config.zaloAppId);
    if (!doc) return null;
    const params = this.cipher.decrypt(doc.sealedTokens, `zalo-oa:${this.config.zaloAppId}`);
    return { pair: { accessToken: params['accessToken'] ?? '', refreshToken: params['refreshToken'] ?? '' }, expiresAt: doc.accessExpiresAt };
  }

  private async callOAuth(refreshToken: string): Promise<{ tokens: TokenPair; expiresAt: Date }> {
    let body: { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string };
    try {
      const response = await fetch(`${this.config.zaloOAuthUrl}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.config.zaloAppSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: this.config.zaloAppId, grant_type: 'refresh_token' }).toString(),
        signal: AbortSignal.timeout(OAUTH_TIMEOUT_MS),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new OaConsentNeededError(`transport: ${(error as Error).name}`);
    }
    if (!body.access_token || !body.refresh_token) {
      // Alert a person: only a browser consent by an OA admin gives a new refresh token.
      this.logger.error(`ALERT zalo-oa: refresh refused (${body.error ?? '?'} ${body.error_name ?? ''}); OA admin consent needed`);
      throw new OaConsentNeededError(String(body.error ?? 'no token in answer'));
    }
    const seconds = Number(body.expires_in);
    const expiresAt = new Date(Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000);
    return { tokens: { accessToken: body.access_token, refreshToken: body.refresh_token }, expiresAt };
  }
}
