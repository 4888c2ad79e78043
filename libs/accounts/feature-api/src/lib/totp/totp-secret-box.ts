import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The 32-byte key of TOTP_ENCRYPTION_KEY, given as 64 hex digits or base64; throws on anything else. */
export function parseTotpKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/**
 * TOTP secrets at rest: AES-256-GCM with a random 12-byte nonce, stored as `v1.<nonce>.<ciphertext>.<tag>` (base64url).
 * A database copy without the key reveals no secret, and a tampered value does not decrypt.
 */
export function sealTotpSecret(secret: string, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', nonce, sealed, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The secret, or null when the value was not sealed with this key or was altered. */
export function openTotpSecret(value: string, key: Buffer): string | null {
  const [version, nonce, sealed, tag] = value.split('.');
  if (version !== 'v1' || !nonce || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
