import { createHash, timingSafeEqual } from 'node:crypto';
import type { BankFeedTransaction } from '@nss/contracts';

/** Checkout codes as orders writes them: `TT` + 10 upper-case letters or digits. */
const CODE = /TT[0-9A-Z]{10}/g;

/** SHA-256 of both sides, then a constant-time compare: no early exit on the first different byte, nor on length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The checkout codes a transfer's content (or the feed's own `code`) may carry, most likely first. */
export function candidateCodes(tx: Pick<BankFeedTransaction, 'content' | 'code'>): string[] {
  const texts = [tx.code ?? '', tx.content].map((t) => t.toUpperCase());
  return [...new Set(texts.flatMap((t) => t.match(CODE) ?? []))];
}
