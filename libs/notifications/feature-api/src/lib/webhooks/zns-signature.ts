import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The ZNS webhook signature: `X-ZEvent-Signature: mac=<hex>`, hex = SHA-256 (a plain hash, not an HMAC) of
 * app_id + raw body + timestamp + secret, with app_id and timestamp read from the body.
 */
export function znsSignature(appId: string, rawBody: string, timestamp: string, secret: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${secret}`).digest('hex');
}

/** True only for a well-formed header whose mac matches the body, for our app id. */
export function verifyZnsSignature(header: string | undefined, rawBody: string, expectedAppId: string, secret: string): boolean {
  const match = /^mac=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  let body: { app_id?: unknown; timestamp?: unknown };
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    return false;
  }
  const appId = typeof body.app_id === 'string' || typeof body.app_id === 'number' ? String(body.app_id) : '';
  const timestamp = typeof body.timestamp === 'string' || typeof body.timestamp === 'number' ? String(body.timestamp) : '';
  if (!appId || appId !== expectedAppId || !timestamp) return false;
  const expected = Buffer.from(znsSignature(appId, rawBody, timestamp, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[1].toLowerCase(), 'hex'));
}
