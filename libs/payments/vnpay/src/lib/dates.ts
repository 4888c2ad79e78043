import { VnpayInvalidRequestError } from './errors';

/** Vietnam does not use daylight saving time: GMT+7 all year. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `yyyyMMddHHmmss` in Vietnam time (GMT+7), whatever the process's time zone: the format of `vnp_CreateDate`,
 * `vnp_ExpireDate`, `vnp_PayDate` and `vnp_TransactionDate`.
 */
export function formatVnDate(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) throw new VnpayInvalidRequestError({ code: 'invalid_date', message: 'Invalid date' });
  const vn = new Date(time + VN_OFFSET_MS);
  return (
    pad(vn.getUTCFullYear(), 4) +
    pad(vn.getUTCMonth() + 1) +
    pad(vn.getUTCDate()) +
    pad(vn.getUTCHours()) +
    pad(vn.getUTCMinutes()) +
    pad(vn.getUTCSeconds())
  );
}

/** Reads a `yyyyMMddHHmmss` Vietnam-time (GMT+7) string; null when it is not a real date in that format. */
export function tryParseVnDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
  // Date.UTC rolls 20240231 over to March: a string that does not round-trip is not a date.
  return formatVnDate(date) === value ? date : null;
}

/** Like {@link tryParseVnDate} but throws an `invalid_request_error` (`param`) for a malformed value. */
export function parseVnDate(value: string, param = 'date'): Date {
  const date = tryParseVnDate(value);
  if (!date) {
    throw new VnpayInvalidRequestError({ code: 'invalid_date', param, message: `${param} must be yyyyMMddHHmmss (GMT+7), got "${value}"` });
  }
  return date;
}
