import { z } from 'zod';
import { CITIZEN_ID_PATTERN, normalizeVnMobile } from '@nss/util-vn';

/**
 * A MongoDB ObjectId as it travels in JSON: 24 lower-case hex digits, as the API writes them. Upper case is refused
 * (400): it would name the same document to MongoDB but not to what is keyed by the string (locks, media keys,
 * ids stored as strings on other documents).
 */
export const objectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/, { message: 'Mã không hợp lệ (24 ký tự 0-9, a-f viết thường) / invalid id (24 lower-case hex digits)' });

/** Vietnamese mobile in any common form; parsed to the national form "0912345678". */
export const vnMobileSchema = z.string().trim().transform((value, ctx) => {
  const national = normalizeVnMobile(value);
  if (!national) {
    ctx.addIssue({ code: 'custom', message: 'Số điện thoại di động Việt Nam không hợp lệ / not a Vietnamese mobile number' });
    return z.NEVER;
  }
  return national;
});

export const citizenIdSchema = z
  .string()
  .regex(CITIZEN_ID_PATTERN, { message: 'Số CCCD phải gồm đúng 12 chữ số / citizen ID must be exactly 12 digits' });

/** Whole đồng, never fractional: VND has no minor unit. */
export const vndSchema = z.number().int().min(0).max(1_000_000_000_000);

export const provinceCodeSchema = z.string().regex(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số / 2-digit province code' });
export const communeCodeSchema = z.string().regex(/^\d{5}$/, { message: 'Mã xã gồm 5 chữ số / 5-digit commune code' });

/** Administrative codes are reused across eras, so every stored code names its era. */
export const adminEraSchema = z.enum(['2025', 'pre2025']);

export const paginationQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A datetime travels as an ISO-8601 UTC string; the web app shows it in Vietnam time. */
export const isoDateTimeSchema = z.iso.datetime();
/** A calendar date "2026-11-22" (Vietnam time). */
export const isoDateSchema = z.iso.date();
