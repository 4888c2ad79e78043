import { createHmac, timingSafeEqual } from 'node:crypto';

/** A query as a web framework hands it over: repeated keys become arrays. */
export type VnpayQuery = Record<string, string | string[] | undefined>;

/** HMAC-SHA512 of `data` (UTF-8) with `secret`, lowercase hex. */
export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', secret).update(data, 'utf8').digest('hex');
}

/** Form-urlencodes one value the way `URLSearchParams` does (space → `+`). */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * The string VNPay signs: every non-empty `vnp_*` parameter except `vnp_SecureHash`/`vnp_SecureHashType`, sorted
 * by key, `key=value` joined with `&`, values form-urlencoded. It is also exactly the query string to send.
 */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key.startsWith('vnp_') && key !== 'vnp_SecureHash' && key !== 'vnp_SecureHashType' && params[key] !== '')
    .sort()
    .map((key) => `${formEncode(key)}=${formEncode(params[key] as string)}`)
    .join('&');
}

/** The `vnp_SecureHash` for these parameters (see {@link canonicalQuery}). */
export function signParams(params: Record<string, string>, hashSecret: string): string {
  return hmacSha512(hashSecret, canonicalQuery(params));
}

/** Constant-time comparison of two hex digests (case-insensitive); false for anything that is not the same length. */
export function safeEqualHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // same work either way
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * Whether `receivedHash` signs `params` (non-`vnp_` keys are ignored). Constant-time; false for a missing hash.
 */
export function verifySignature(params: Record<string, string>, receivedHash: string | undefined, hashSecret: string): boolean {
  if (!receivedHash || !/^[0-9a-fA-F]{128}$/.test(receivedHash)) return false;
  return safeEqualHex(signParams(params, hashSecret), receivedHash);
}

/** HMAC-SHA512 of the `|`-joined fields (the querydr/refund request and response format). */
export function signPipeData(fields: readonly string[], hashSecret: string): string {
  return hmacSha512(hashSecret, fields.join('|'));
}
