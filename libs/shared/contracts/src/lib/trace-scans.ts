import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, objectIdSchema, provinceCodeSchema } from './common';

/**
 * The public scan page's data (`GET /api/trace/:serial`, the same as the HTML page `/t/:serial`), the scanner's
 * consented position, and scan analytics (docs/api-surface.md § Traceability: scans). No personal data: the producer
 * is named with its commune and province only, a sold stamp says when (never to whom).
 */

export const SCAN_VERDICT_KINDS = ['genuine_first', 'genuine_seen', 'suspicious', 'inactive', 'void', 'not_found'] as const;
export const scanVerdictKindSchema = z.enum(SCAN_VERDICT_KINDS);
export type ScanVerdictKind = z.infer<typeof scanVerdictKindSchema>;

export const SUSPICION_REASONS = ['too_many_scans', 'far_apart'] as const;
export const suspicionReasonSchema = z.enum(SUSPICION_REASONS);
export type SuspicionReason = z.infer<typeof suspicionReasonSchema>;

export const TRACE_DIARY_TYPES = ['planting', 'fertilising', 'spraying', 'irrigation', 'harvest', 'drying', 'processing', 'packing', 'inspection', 'other'] as const;

// ---- Requests ----

/** A serial as typed or scanned (the check character is verified by the service: a bad one is a 404). */
export const traceSerialParamsSchema = z.strictObject({
  serial: z.string().min(1).max(40, { message: 'Tối đa 40 ký tự / at most 40 characters' }),
});
export type TraceSerialParams = z.infer<typeof traceSerialParamsSchema>;

/** `POST /api/trace/:serial/position`: the scanner agreed to share where it is; stored rounded to 0.01° (≈ 1 km). */
export const scanPositionSchema = z.strictObject({
  scanId: objectIdSchema,
  lat: z.number().min(-90, { message: 'Vĩ độ từ -90 đến 90 / latitude between -90 and 90' }).max(90, { message: 'Vĩ độ từ -90 đến 90 / latitude between -90 and 90' }),
  lng: z
    .number()
    .min(-180, { message: 'Kinh độ từ -180 đến 180 / longitude between -180 and 180' })
    .max(180, { message: 'Kinh độ từ -180 đến 180 / longitude between -180 and 180' }),
});
export type ScanPositionRequest = z.infer<typeof scanPositionSchema>;

/** `GET /api/scans/summary`: Vietnam calendar days, both included (default: the last 30 days). */
export const scanSummaryQuerySchema = z
  .strictObject({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    productId: objectIdSchema.optional(),
    /** An agent names the seller it manages; staff and admins may narrow to one seller. */
    sellerId: objectIdSchema.optional(),
    /** Admins only: one province. */
    provinceCode: provinceCodeSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc / from must not be after to', path: ['from'] });
export type ScanSummaryQuery = z.infer<typeof scanSummaryQuerySchema>;

/** `GET /api/scans/suspicious` (province staff, admin). */
export const suspiciousStampsQuerySchema = z.strictObject({
  provinceCode: provinceCodeSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SuspiciousStampsQuery = z.infer<typeof suspiciousStampsQuerySchema>;

// ---- Responses ----

export const scanVerdictSchema = z.object({
  kind: scanVerdictKindSchema,
  /** Why a stamp is suspicious (empty otherwise). */
  reasons: z.array(suspicionReasonSchema),
  /** Scans of this stamp so far, this one included. */
  scanCount: z.number().int(),
  firstScanAt: isoDateTimeSchema.nullable(),
  /**
   * The stamp's scan history could be read only in part (Redis away): `scanCount` is at least this, `firstScanAt` at
   * most this, and `genuine_first` / `genuine_seen` does not tell a first scan from a later one.
   */
  partial: z.boolean().optional(),
});
export type ScanVerdict = z.infer<typeof scanVerdictSchema>;

export const traceDiaryEntrySchema = z.object({
  type: z.enum(TRACE_DIARY_TYPES),
  at: isoDateTimeSchema,
  place: z.string(),
  communeName: z.string().nullable(),
  note: z.string().nullable(),
  /** Lots that went into a processing step. */
  inputLotCodes: z.array(z.string()),
});
export type TraceDiaryEntry = z.infer<typeof traceDiaryEntrySchema>;

/** Circular 02/2024/TT-BKHCN: what a trace record shows at least, plus OCOP stars and the sale. */
export const traceRecordSchema = z.object({
  serial: z.string(),
  /** The GS1 element string `(01)…(10)…(21)…` (without GTIN: `(10)…(21)…`). */
  traceCode: z.string(),
  /** The id of this scan: `POST /api/trace/:serial/position` names it. */
  scanId: objectIdSchema,
  verdict: scanVerdictSchema,
  product: z.object({
    name: z.string(),
    gtin: z.string().nullable(),
    /** The product's public thumbnail (320 px WebP), when it has an approved photo. */
    photoUrl: z.string().nullable(),
    ocopStars: z.number().int().nullable(),
    certifications: z.array(z.string()),
  }),
  producer: z.object({
    name: z.string(),
    communeName: z.string(),
    provinceName: z.string(),
  }),
  lot: z.object({
    code: z.string(),
    producedOn: isoDateSchema,
    expiresOn: isoDateSchema.nullable(),
    shelfLifeDays: z.number().int().nullable(),
    standards: z.array(z.string()),
    communeName: z.string(),
    provinceName: z.string(),
  }),
  diary: z.array(traceDiaryEntrySchema),
  /** Vietnam calendar day the stamp's item was sold through the marketplace (no buyer data). */
  soldOn: isoDateSchema.nullable(),
});
export type TraceRecord = z.infer<typeof traceRecordSchema>;

export const scanPositionResultSchema = z.object({ verdict: scanVerdictSchema });
export type ScanPositionResult = z.infer<typeof scanPositionResultSchema>;

const countOf = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, count: z.number().int() });

export const scanSummarySchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  total: z.number().int(),
  byVerdict: z.array(countOf({ verdict: scanVerdictKindSchema })),
  byDay: z.array(countOf({ day: isoDateSchema })),
  /** Where the scanners were (only scans with a consented position; `null` = unknown or abroad). Approximate. */
  byScannerProvince: z.array(countOf({ provinceCode: z.string().nullable(), provinceName: z.string().nullable() })),
  /** The stamps' communes (where the products come from). */
  byCommune: z.array(countOf({ communeCode: z.string(), communeName: z.string() })),
  byProduct: z.array(countOf({ productId: z.string(), productName: z.string() })),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const suspiciousStampSchema = z.object({
  serial: z.string(),
  reasons: z.array(z.object({ reason: suspicionReasonSchema, detectedAt: isoDateTimeSchema })),
  productId: z.string(),
  productName: z.string(),
  lotId: z.string().nullable(),
  lotCode: z.string().nullable(),
  communeCode: z.string(),
  communeName: z.string(),
  provinceCode: z.string(),
  scanCount: z.number().int(),
});
export type SuspiciousStamp = z.infer<typeof suspiciousStampSchema>;

export const suspiciousStampsPageSchema = z.object({
  items: z.array(suspiciousStampSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SuspiciousStampsPage = z.infer<typeof suspiciousStampsPageSchema>;
