import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Text at rest that the database must not hold in the clear (citizen IDs, one-time codes in message parameters,
 * TOTP secrets, provider tokens): AES-256-GCM under a 32-byte key, a random 96-bit IV per value, authenticated.
 * `context` is bound as associated data (e.g. the owning document's id), so a value copied onto another document
 * does not open. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export function sealText(key: Buffer, plaintext: string, context?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** The plaintext; throws when the value was altered, sealed under another key or bound to another context. */
export function openSealedText(key: Buffer, sealed: string, context?: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
