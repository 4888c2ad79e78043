import { openSealedText, sealText } from '@nss/server-core';

/** The 32-byte key of TOTP_ENCRYPTION_KEY, given as 64 hex digits or base64; throws on anything else. */
export function parseTotpKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/**
 * TOTP secrets at rest, sealed (`sealText`: AES-256-GCM, random nonce, authenticated): a database copy without the
 * key reveals no secret, and a tampered value does not open.
 */
export function sealTotpSecret(secret: string, key: Buffer): string {
  return sealText(key, secret);
}

/** The secret, or null when the value was not sealed with this key or was altered. */
export function openTotpSecret(value: string, key: Buffer): string | null {
  try {
    return openSealedText(key, value);
  } catch {
    return null;
  }
}
