import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { roleSchema } from '@nss/contracts';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Actor } from '../scope/actor';

/** The claims of an access token: short-lived, so role or province changes take effect within minutes. */
const claimsSchema = z.object({
  sub: z.string(),
  role: roleSchema,
  prov: z.string().optional(),
  sel: z.string().optional(),
});

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(actor: Actor): { token: string; expiresInSeconds: number } {
    const claims = { sub: actor.userId, role: actor.role, prov: actor.provinceCode, sel: actor.sellerId };
    const expiresInSeconds = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = this.jwt.sign(claims, {
      secret: this.config.JWT_ACCESS_SECRET,
      expiresIn: expiresInSeconds,
      algorithm: 'HS256',
    });
    return { token, expiresInSeconds };
  }

  /** The actor of a valid token, or null for anything expired, forged or malformed. */
  verify(token: string): Actor | null {
    try {
      const payload = this.jwt.verify(token, { secret: this.config.JWT_ACCESS_SECRET, algorithms: ['HS256'] });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return null;
      const { sub, role, prov, sel } = claims.data;
      return { userId: sub, role, ...(prov ? { provinceCode: prov } : {}), ...(sel ? { sellerId: sel } : {}) };
    } catch {
      return null;
    }
  }
}
