import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@nss/server-core';

/**
 * The keyed hash (HMAC-SHA256) of a citizen ID, on which one registration per citizen ID and seller type is
 * enforced (a unique index) and duplicates are found. Without the key, the hash of a 12-digit number cannot be
 * reversed by trying every number, so the index, a backup or a log line carrying it does not give the ID away.
 * The key is CITIZEN_ID_HASH_SECRET (required outside development); development derives one from the
 * access-token secret.
 */
@Injectable()
export class CitizenIdHasher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.CITIZEN_ID_HASH_SECRET
      ? Buffer.from(config.CITIZEN_ID_HASH_SECRET, 'utf8')
      : createHash('sha256').update(`nss-citizen-id:${config.JWT_ACCESS_SECRET}`).digest();
  }

  hash(citizenId: string): string {
    return createHmac('sha256', this.key).update(citizenId.trim(), 'utf8').digest('hex');
  }
}
