import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@nss/server-core';

/**
 * What stands for a scanner's address everywhere (scan records, the stamp's last scans, rate-limit keys): the first
 * 32 hex digits of HMAC-SHA256 of the address keyed with TRACE_SCAN_KEY. Without the key the hash of an IPv4 address
 * cannot be reversed by trying all 2³² of them; the raw address is never stored. The address is Fastify's
 * `request.ip`, which believes X-Forwarded-For only from the proxies named in TRUST_PROXY. TRACE_SCAN_KEY is required
 * outside development; development derives a key from the access-token secret.
 */
@Injectable()
export class ScanClientHasher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.TRACE_SCAN_KEY
      ? Buffer.from(config.TRACE_SCAN_KEY, 'utf8')
      : createHash('sha256').update(`nss-trace-scan:${config.JWT_ACCESS_SECRET}`).digest();
  }

  hash(address: string | undefined): string {
    return createHmac('sha256', this.key)
      .update(address ?? 'unknown', 'utf8')
      .digest('hex')
      .slice(0, 32);
  }
}
