import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * VNPay's signing, written from the published protocol (payments.md) for the simulator alone: it shares nothing
 * with the merchant-side SDK on purpose, so a mistake in one is caught by the other.
 */

/** application/x-www-form-urlencoded, as URLSearchParams writes it (space → +). */
const formEncode = (text: string): string => new URLSearchParams([['', text]]).toString().slice(1);

/** `k=v&…` over the non-empty `vnp_*` parameters but the hash ones, sorted by key. */
export function hashData(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params).filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k]);
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${formEncode(k)}=${formEncode(params[k] ?? '')}`).join('&');
}

export const hmac512 = (secret: string, data: string): string => createHmac('sha512', Buffer.from(secret, 'utf8')).update(Buffer.from(data, 'utf8')).digest('hex');

export function sameHash(expectedHex: string, received: string | undefined): boolean {
  if (!received || !/^[0-9a-f]{128}$/i.test(received)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(received, 'hex'));
}

/** A signed query string: the signed data then `&vnp_SecureHash=`. */
export function signedQuery(params: Readonly<Record<string, string>>, secret: string): string {
  const data = hashData(params);
  return `${data}&vnp_SecureHash=${hmac512(secret, data)}`;
}

/** `yyyyMMddHHmmss` in GMT+7. */
export function vnTime(date: Date): string {
  const t = new Date(date.getTime() + 7 * 3_600_000).toISOString(); // 2026-12-01T07:00:00.000Z
  return t.slice(0, 4) + t.slice(5, 7) + t.slice(8, 10) + t.slice(11, 13) + t.slice(14, 16) + t.slice(17, 19);
}

/** `yyyyMMddHHmmss` GMT+7 → Date, or null when not a real date. */
export function fromVnTime(text: string): Date | null {
  if (!/^\d{14}$/.test(text)) return null;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}+07:00`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || vnTime(date) !== text ? null : date;
}

export const randomDigits = (n: number): string => {
  let out = String(1 + (randomBytes(1)[0] as number) % 9);
  while (out.length < n) out += String((randomBytes(1)[0] as number) % 10);
  return out;
};
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Pay-result codes (`vnp_ResponseCode`) the tester can pick, with the matching `vnp_TransactionStatus`. */
export const OUTCOMES = {
  success: { responseCode: '00', transactionStatus: '00', charged: true, vi: 'Thanh toán thành công', en: 'Pay successfully' },
  cancel: { responseCode: '24', transactionStatus: '02', charged: false, vi: 'Khách hàng hủy giao dịch', en: 'Customer cancels' },
  insufficient_funds: { responseCode: '51', transactionStatus: '02', charged: false, vi: 'Tài khoản không đủ số dư', en: 'Insufficient funds' },
  suspicious: { responseCode: '07', transactionStatus: '07', charged: true, vi: 'Trừ tiền thành công, giao dịch bị nghi ngờ', en: 'Debited, transaction suspicious' },
  timeout: { responseCode: '11', transactionStatus: '02', charged: false, vi: 'Hết hạn chờ thanh toán', en: 'Payment timed out' },
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const isOutcome = (value: unknown): value is Outcome => typeof value === 'string' && Object.prototype.hasOwnProperty.call(OUTCOMES, value);

/** The bank the simulated buyer paid with: the one asked for, or NCB (the sandbox bank) for a method code. */
export const resultBankCode = (requested: string): string => (requested && !['VNPAYQR', 'VNBANK', 'INTCARD'].includes(requested) ? requested : 'NCB');
