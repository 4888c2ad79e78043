import { z } from 'zod';
import { isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema } from './common';

/**
 * Stamp batches and stamps (docs/design/traceability.md § Stamps): a seller (or its managing agent) requests N QR
 * stamps for a lot; small batches are approved at once, larger ones by staff of the province; the worker makes the
 * serials, the PDF label sheets (≤ 5,000 labels a file) and the printer CSV; the seller activates what it printed.
 */

export const STAMP_BATCH_STATUSES = ['requested', 'approved', 'generating', 'ready', 'cancelled', 'rejected', 'failed'] as const;
export const stampBatchStatusSchema = z.enum(STAMP_BATCH_STATUSES, { message: 'Trạng thái không hợp lệ / invalid status' });
export type StampBatchStatus = z.infer<typeof stampBatchStatusSchema>;

export const STAMP_STATUSES = ['inactive', 'active', 'void'] as const;
export type StampStatus = (typeof STAMP_STATUSES)[number];

/** Most stamps in one batch (a province's whole campaign was 180,000). */
export const MAX_STAMPS_PER_BATCH = 200_000;
/** Label sizes the A4 sheets take (mm), as in @nss/trace-labels. */
export const STAMP_LABEL_WIDTH_MM = { min: 25, max: 100 } as const;
export const STAMP_LABEL_HEIGHT_MM = { min: 15, max: 100 } as const;
export const DEFAULT_STAMP_LABEL_SIZE = { widthMm: 40, heightMm: 25 } as const;

/** Visible characters and spaces only (no control characters), trimmed, `min`–`max` characters. */
const text = (min: number, max: number) =>
  z
    .string({ message: 'Phải là chuỗi ký tự / must be text' })
    .trim()
    .min(min, { message: `Tối thiểu ${min} ký tự / at least ${min} characters` })
    .max(max, { message: `Tối đa ${max} ký tự / at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, { message: 'Không được chứa ký tự điều khiển / no control characters' });

const mm = (bounds: { min: number; max: number }) =>
  z
    .number({ message: 'Kích thước tính bằng mm / size in mm' })
    .min(bounds.min, { message: `Tối thiểu ${bounds.min} mm / at least ${bounds.min} mm` })
    .max(bounds.max, { message: `Tối đa ${bounds.max} mm / at most ${bounds.max} mm` });

export const labelSizeSchema = z.strictObject({ widthMm: mm(STAMP_LABEL_WIDTH_MM), heightMm: mm(STAMP_LABEL_HEIGHT_MM) });
export type LabelSize = z.infer<typeof labelSizeSchema>;

const seqSchema = z
  .number({ message: 'Số thứ tự phải là số nguyên / seq must be a whole number' })
  .int({ message: 'Số thứ tự phải là số nguyên / seq must be a whole number' })
  .min(0, { message: 'Số thứ tự từ 0 / seq starts at 0' })
  .max(MAX_STAMPS_PER_BATCH - 1, { message: `Số thứ tự tối đa ${MAX_STAMPS_PER_BATCH - 1} / seq at most ${MAX_STAMPS_PER_BATCH - 1}` });

function rangeInOrder(value: { fromSeq?: number; toSeq?: number }, ctx: z.RefinementCtx): void {
  if (value.fromSeq !== undefined && value.toSeq !== undefined && value.toSeq < value.fromSeq) {
    ctx.addIssue({ code: 'custom', path: ['toSeq'], message: 'Số cuối phải ≥ số đầu / toSeq must not be below fromSeq' });
  }
}

// ---- Requests ----

/** `POST /stamp-batches`: N stamps (1–200,000) for a lot the caller may write (seller, managing agent). */
export const createStampBatchSchema = z.strictObject({
  lotId: objectIdSchema,
  quantity: z
    .number({ message: 'Số tem phải là số nguyên / quantity must be a whole number' })
    .int({ message: 'Số tem phải là số nguyên / quantity must be a whole number' })
    .min(1, { message: 'Tối thiểu 1 tem / at least 1 stamp' })
    .max(MAX_STAMPS_PER_BATCH, { message: `Tối đa ${MAX_STAMPS_PER_BATCH} tem một lần / at most ${MAX_STAMPS_PER_BATCH} stamps a batch` }),
  labelSize: labelSizeSchema.optional(),
});
export type CreateStampBatchRequest = z.input<typeof createStampBatchSchema>;

/** `POST /stamp-batches/:id/reject` (province staff, admin). */
export const rejectStampBatchSchema = z.strictObject({ reason: text(3, 500) });
export type RejectStampBatchRequest = z.input<typeof rejectStampBatchSchema>;

/** `POST /stamp-batches/:id/activate`: the stamps `fromSeq`…`toSeq` (inclusive; all when absent) go live. */
export const activateStampsSchema = z
  .strictObject({ fromSeq: seqSchema.optional(), toSeq: seqSchema.optional(), printRun: text(1, 60).optional() })
  .superRefine(rangeInOrder);
export type ActivateStampsRequest = z.input<typeof activateStampsSchema>;

/** `POST /stamps/void`: the stamps `fromSeq`…`toSeq` of a batch are void for good (damaged, lost, stolen). */
export const voidStampsSchema = z
  .strictObject({ batchId: objectIdSchema, fromSeq: seqSchema, toSeq: seqSchema, reason: text(3, 300) })
  .superRefine(rangeInOrder);
export type VoidStampsRequest = z.input<typeof voidStampsSchema>;

/** `GET /stamp-batches`: the caller's side's (an agent names the seller), staff their province's, admins all. */
export const stampBatchListQuerySchema = z.strictObject({
  status: stampBatchStatusSchema.optional(),
  lotId: objectIdSchema.optional(),
  sellerId: objectIdSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StampBatchListQuery = z.infer<typeof stampBatchListQuerySchema>;

export const stampBatchIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type StampBatchIdParams = z.infer<typeof stampBatchIdParamsSchema>;

/** `GET /stamp-batches/:id/files/:part.pdf`: part 1, 2, … (5,000 labels each). */
export const stampBatchFileParamsSchema = z.strictObject({
  id: objectIdSchema,
  part: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, { message: 'Số phần là số nguyên từ 1 / part is a whole number from 1' })
    .transform(Number),
});
export type StampBatchFileParams = z.infer<typeof stampBatchFileParamsSchema>;

// ---- Responses ----

/** How far the worker is: stamps stored of the total, and an estimate of the time left (null before it starts). */
export const stampBatchProgressSchema = z.object({
  made: z.number().int(),
  total: z.number().int(),
  percent: z.number().int().min(0).max(100),
  secondsLeft: z.number().int().nullable(),
});
export type StampBatchProgress = z.infer<typeof stampBatchProgressSchema>;

export const stampBatchFileSchema = z.object({
  kind: z.enum(['pdf', 'csv']),
  part: z.number().int(),
  labels: z.number().int(),
  bytes: z.number().int(),
  /** Under /api (needs the caller's token). */
  url: z.string(),
});
export type StampBatchFile = z.infer<typeof stampBatchFileSchema>;

/** How far a range change run by the worker is: seqs of the range gone through, of all of them. */
export const stampRangeProgressSchema = z.object({
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number().int().min(0).max(100),
});
export type StampRangeProgress = z.infer<typeof stampRangeProgressSchema>;

/**
 * A range activation or voiding larger than TRACE_RANGE_SYNC_MAX, accepted and being applied by the worker (one at a
 * time per batch): its counts land on the batch, and its event is written, once the whole range went through.
 */
export const pendingStampChangeSchema = z.object({
  status: z.enum(['active', 'void']),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  printRun: z.string().nullable(),
  reason: z.string().nullable(),
  requestedAt: isoDateTimeSchema,
  progress: stampRangeProgressSchema,
});
export type PendingStampChange = z.infer<typeof pendingStampChangeSchema>;

export const stampBatchSchema = z.object({
  id: objectIdSchema,
  code: z.string(),
  lotId: objectIdSchema,
  lotCode: z.string(),
  productId: objectIdSchema,
  productName: z.string(),
  gtin: z.string().nullable(),
  sellerId: objectIdSchema,
  sellerName: z.string(),
  provinceCode: provinceCodeSchema,
  communeCode: z.string(),
  quantity: z.number().int(),
  labelSize: z.object({ widthMm: z.number(), heightMm: z.number() }),
  status: stampBatchStatusSchema,
  autoApproved: z.boolean(),
  decidedAt: isoDateTimeSchema.nullable(),
  rejectReason: z.string().nullable(),
  progress: stampBatchProgressSchema,
  files: z.array(stampBatchFileSchema),
  activated: z.number().int(),
  /** The range change the worker is applying (null when none). */
  pendingChange: pendingStampChangeSchema.nullable(),
  startedAt: isoDateTimeSchema.nullable(),
  finishedAt: isoDateTimeSchema.nullable(),
  error: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type StampBatch = z.infer<typeof stampBatchSchema>;
export const stampBatchPageSchema = pageOf(stampBatchSchema);
export type StampBatchPage = z.infer<typeof stampBatchPageSchema>;

/**
 * What an activation or a voiding changed: stamps of the range that were not in the new state yet (200). A range
 * larger than TRACE_RANGE_SYNC_MAX is answered 202 with `changed` null and the `pending` change the worker applies.
 */
export const stampRangeResultSchema = z.object({
  batchId: objectIdSchema,
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  status: z.enum(STAMP_STATUSES),
  changed: z.number().int().nullable(),
  pending: pendingStampChangeSchema.nullable(),
});
export type StampRangeResult = z.infer<typeof stampRangeResultSchema>;
