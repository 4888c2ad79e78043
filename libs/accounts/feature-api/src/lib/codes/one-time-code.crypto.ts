import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_LENGTH = 6;
export const CODE_VALIDITY_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

/** Six uniformly random digits from the OS random source ("004217" is as likely as "918273"). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * A keyed hash of a code, salted with the record id. A plain hash of six digits would be reversed by trying all
 * million values; without the key (derived from a server secret) a database copy reveals nothing.
 */
export function hashCode(code: string, salt: string, key: string): string {
  return createHmac('sha256', key).update(`${salt}:${code}`).digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
