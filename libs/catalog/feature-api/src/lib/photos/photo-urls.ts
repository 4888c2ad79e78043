import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, MediaStorage } from '@nss/server-core';

/** How a product view turns a stored key into a URL: `public` for the storefront, `signed` for editors. */
export interface PhotoUrlMaker {
  (key: string): string;
}

/**
 * URLs of product photos. An `<img>` cannot send a bearer token, so a photo that is not public yet (not approved, or
 * of a listing that is not approved) is reached only through a short-lived signed URL, which the API puts only in
 * the views of those who may see it (the seller, its managing agent, staff of its province, admins). Approved photos
 * of approved listings have plain public URLs that caches may keep (the media route checks the public read model).
 *
 * The signature is an HMAC of the key and the expiry with a key derived from JWT_ACCESS_SECRET (no new secret to
 * manage). Expiries are rounded to the TTL, so the same photo gets the same URL for a while and browsers cache it;
 * a signed URL lives between one and two TTLs.
 */
@Injectable()
export class PhotoUrls {
  private readonly hmacKey: Buffer;
  private readonly ttl: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: MediaStorage,
  ) {
    this.hmacKey = createHmac('sha256', config.JWT_ACCESS_SECRET).update('nss media url v1').digest();
    this.ttl = config.MEDIA_URL_TTL_SECONDS;
  }

  readonly public: PhotoUrlMaker = (key) => this.storage.url(key);

  readonly signed: PhotoUrlMaker = (key) => {
    const now = Math.floor(Date.now() / 1000);
    const exp = (Math.floor(now / this.ttl) + 2) * this.ttl;
    return `${this.storage.url(key)}?exp=${exp}&sig=${this.sign(key, exp)}`;
  };

  /** Seconds the signed URL still lives, or null when the signature is wrong or expired. */
  verify(key: string, exp: unknown, sig: unknown): number | null {
    if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return null;
    const expires = Number(exp);
    const left = expires - Math.floor(Date.now() / 1000);
    if (left <= 0) return null;
    const expected = Buffer.from(this.sign(key, expires));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected) ? left : null;
  }

  private sign(key: string, exp: number): string {
    return createHmac('sha256', this.hmacKey).update(`${key}\n${exp}`).digest('base64url');
  }
}
