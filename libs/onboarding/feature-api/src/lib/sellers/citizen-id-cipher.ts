import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@nss/server-core';

const VERSION = 'v1';

/**
 * Citizen IDs are stored sealed (AES-256-GCM, random IV, authenticated), so a database dump, a backup or a query
 * log does not carry them; they are opened only to be shown to those who may read them (the seller itself, staff of
 * its province) or masked. The key is CITIZEN_ID_ENCRYPTION_KEY (required in production); development and test
 * derive one from the access-token secret. Duplicates are found with CitizenIdHasher, never by decrypting.
 */
@Injectable()
export class CitizenIdCipher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.CITIZEN_ID_ENCRYPTION_KEY
      ? Buffer.from(config.CITIZEN_ID_ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(`nss-citizen-id-encryption:${config.JWT_ACCESS_SECRET}`).digest();
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url). */
  seal(citizenId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(citizenId, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** Throws when the value was not sealed with this key (tampered, or another key). */
  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !data) throw new Error('Not a sealed citizen ID');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
