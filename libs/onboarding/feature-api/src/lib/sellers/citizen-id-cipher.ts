import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, openSealedText, sealText, type AppConfig } from '@nss/server-core';

/**
 * Citizen IDs are stored sealed (`sealText`: AES-256-GCM, random IV, authenticated), so a database dump, a backup or a query
 * log does not carry them; they are opened only to be shown to those who may read them (the seller itself, staff of
 * its province) or masked. The key is CITIZEN_ID_ENCRYPTION_KEY (required outside development); development
 * derives one from the access-token secret. Duplicates are found with CitizenIdHasher, never by decrypting.
 */
@Injectable()
export class CitizenIdCipher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.CITIZEN_ID_ENCRYPTION_KEY
      ? Buffer.from(config.CITIZEN_ID_ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(`nss-citizen-id-encryption:${config.JWT_ACCESS_SECRET}`).digest();
  }

  seal(citizenId: string): string {
    return sealText(this.key, citizenId);
  }

  /** Throws when the value was not sealed with this key (tampered, or another key). */
  open(sealed: string): string {
    return openSealedText(this.key, sealed);
  }
}
