import { isIP } from 'node:net';
import { formatVnDate, tryParseVnDate } from './dates';
import { VnpayInvalidRequestError } from './errors';
import type { VnpayDateInput } from './types';

const invalid = (param: string, code: string, message: string) => new VnpayInvalidRequestError({ param, code, message });

/** `amountVnd`: a positive whole number of đồng whose × 100 is still exact. */
export function checkAmountVnd(amountVnd: unknown, param = 'amountVnd'): number {
  if (typeof amountVnd !== 'number' || !Number.isInteger(amountVnd) || amountVnd <= 0 || !Number.isSafeInteger(amountVnd * 100)) {
    throw invalid(param, 'invalid_amount', `${param} must be a positive integer number of đồng, got ${String(amountVnd)}`);
  }
  return amountVnd;
}

export function checkTxnRef(value: unknown, param = 'txnRef'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(value)) {
    throw invalid(param, 'invalid_txn_ref', `${param} must be 1–100 letters, digits, "-", "_" or "."`);
  }
  return value;
}

/** Printable ASCII (no diacritics, no control characters), 1..max characters. */
export function checkAsciiText(value: unknown, param: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !/^[\x20-\x7E]+$/.test(value)) {
    throw invalid(param, 'invalid_text', `${param} must be 1–${max} printable ASCII characters without diacritics`);
  }
  return value;
}

export function checkIp(value: unknown, param = 'ipAddr'): string {
  if (typeof value !== 'string' || isIP(value) === 0) throw invalid(param, 'invalid_ip', `${param} must be an IPv4 or IPv6 address`);
  return value;
}

export function checkHttpUrl(value: unknown, param: string): string {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid(param, 'invalid_url', `${param} must be an absolute http(s) URL`);
  }
  return value as string;
}

export function checkPattern(value: unknown, param: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(param, 'invalid_parameter', `${param} must be ${what}`);
  return value;
}

export function checkDate(value: unknown, param: string): Date {
  if (!(value instanceof Date) || !Number.isFinite(value.getTime())) throw invalid(param, 'invalid_date', `${param} must be a valid Date`);
  return value;
}

/** A Date, or a `yyyyMMddHHmmss` GMT+7 string, as the gateway's string. */
export function gatewayDate(value: VnpayDateInput, param: string): string {
  if (typeof value === 'string') {
    if (!tryParseVnDate(value)) throw invalid(param, 'invalid_date', `${param} must be yyyyMMddHHmmss (GMT+7) or a Date`);
    return value;
  }
  return formatVnDate(checkDate(value, param));
}
