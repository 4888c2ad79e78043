import { z } from 'zod';

/**
 * Traceability (issue 7): the stamp host, stamp batch approval, the scan page's verdict rules and rate limit, and the
 * key of the scanners' address hashes. See docs/design/traceability.md.
 */
export const traceabilityEnvShape = {
  /**
   * Host of the URLs printed in the stamps' QR codes (`<base>/t/<serial>` or `<base>/01/<gtin>/10/<lot>/21/<serial>`).
   * Absent: PUBLIC_WEB_URL (in development, the web app's origin, which passes `/t/` and `/01/` to the API).
   */
  TRACE_BASE_URL: z.url().optional(),
  /** Stamp batches up to this many stamps are approved at once; larger ones wait for province staff. */
  TRACE_AUTO_APPROVE_MAX: z.coerce.number().int().min(0).max(200_000).default(1000),
  /**
   * A stamp range activated or voided up to this many stamps is changed in the request; a larger one is accepted (202)
   * and applied by the worker in chunks, with its progress on the batch.
   */
  TRACE_RANGE_SYNC_MAX: z.coerce.number().int().min(1).max(200_000).default(5000),
  /**
   * HMAC key (≥ 32 characters) of the keyed hash that stands for a scanner's address (the raw address is never stored).
   * Required outside development (derived from JWT_ACCESS_SECRET there).
   */
  TRACE_SCAN_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A stamp scanned more than this many times is suspicious. */
  TRACE_SUSPICIOUS_SCANS: z.coerce.number().int().min(2).max(1_000_000).default(50),
  /** Two scans of one stamp more than this many km apart … */
  TRACE_SUSPICIOUS_KM: z.coerce.number().min(1).max(5_000).default(100),
  /** … within this many hours make it suspicious. */
  TRACE_SUSPICIOUS_HOURS: z.coerce.number().min(1).max(24 * 365).default(24),
  /** Scan page requests per client address per minute (not-found answers count five times). */
  TRACE_SCAN_RATE: z.coerce.number().int().min(1).max(100_000).default(60),
};
