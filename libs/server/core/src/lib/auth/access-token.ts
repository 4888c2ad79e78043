import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { roleSchema } from '@nss/contracts';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Actor } from '../scope/actor';

/**
 * The claims of an access token: short-lived, so role or province changes take effect within minutes. `ver` is the
 * user's token version when it was issued (a logout everywhere, password reset or handover bumps it, and older tokens
 * stop working at once); `sid` names the sign-in (refresh-token family) so that one session can be ended; `tfa`
 * says whether the user had TOTP enrolled.
 */
const claimsSchema = z.object({
  sub: z.string(),
  role: roleSchema,
  prov: z.string().optional(),
  sel: z.string().optional(),
  ver: z.number().int().min(0).default(0),
  sid: z.string().optional(),
  tfa: z.boolean().optional(),
});

/** What a valid token says besides the actor. */
export interface TokenSession {
  /** The user's token version at issue time. */
  version: number;
  /** The sign-in (refresh-token family) the token belongs to. */
  sessionId?: string;
  /** The user had TOTP enrolled when the token was issued. */
  totpEnrolled?: boolean;
}

export interface VerifiedToken extends TokenSession {
  actor: Actor;
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(actor: Actor, session: TokenSession = { version: 0 }): { token: string; expiresInSeconds: number } {
    const claims = {
      sub: actor.userId,
      role: actor.role,
      prov: actor.provinceCode,
      sel: actor.sellerId,
      ver: session.version,
      sid: session.sessionId,
      tfa: session.totpEnrolled,
    };
    const expiresInSeconds = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = this.jwt.sign(claims, {
      secret: this.config.JWT_ACCESS_SECRET,
      expiresIn: expiresInSeconds,
      algorithm: 'HS256',
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
    });
    return { token, expiresInSeconds };
  }

  /** The actor of a valid token, or null for anything expired, forged, malformed or meant for someone else. */
  verify(token: string): Actor | null {
    return this.verifyToken(token)?.actor ?? null;
  }

  /** The actor and session claims of a valid token (issuer and audience checked), or null. */
  verifyToken(token: string): VerifiedToken | null {
    try {
      const payload = this.jwt.verify(token, {
        secret: this.config.JWT_ACCESS_SECRET,
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return null;
      const { sub, role, prov, sel, ver, sid, tfa } = claims.data;
      const actor: Actor = { userId: sub, role, ...(prov ? { provinceCode: prov } : {}), ...(sel ? { sellerId: sel } : {}) };
      return { actor, version: ver, ...(sid ? { sessionId: sid } : {}), ...(tfa !== undefined ? { totpEnrolled: tfa } : {}) };
    } catch {
      return null;
    }
  }
}
