import { z } from 'zod';
import { vnDayKey } from '@nss/util-vn';
import { communeCodeSchema, isoDateSchema, isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema } from './common';

/**
 * Lots and their production diary (docs/design/traceability.md § Lots and diary, docs/api-surface.md § Lots).
 * Vietnam-time calendar dates (`producedOn`, `expiresOn`) travel as "2026-11-22"; instants as ISO-8601 UTC.
 */

export const LOT_UNITS = ['kg', 'g', 'l', 'ml', 'piece', 'pack', 'box', 'bottle'] as const;
export const lotUnitSchema = z.enum(LOT_UNITS, { message: 'Đơn vị không hợp lệ / invalid unit' });
export type LotUnit = z.infer<typeof lotUnitSchema>;

export const LOT_STATUSES = ['open', 'closed'] as const;
export const lotStatusSchema = z.enum(LOT_STATUSES, { message: 'Trạng thái không hợp lệ / invalid status' });
export type LotStatus = z.infer<typeof lotStatusSchema>;

export const DIARY_TYPES = ['planting', 'fertilising', 'spraying', 'irrigation', 'harvest', 'drying', 'processing', 'packing', 'inspection', 'other'] as const;
export const diaryTypeSchema = z.enum(DIARY_TYPES, { message: 'Loại công việc không hợp lệ / invalid diary entry type' });
export type DiaryType = z.infer<typeof diaryTypeSchema>;

/** Most standards on a lot, most photos on a lot, most input lots in one processing entry. */
export const MAX_LOT_STANDARDS = 10;
export const MAX_LOT_PHOTOS = 10;
export const MAX_DIARY_INPUTS = 20;
/** How far ahead of the server's clock a diary entry's time may be (a phone's clock may run fast). */
export const DIARY_FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Visible characters, spaces and (when `lines`) line breaks only: no control characters, trimmed. */
const plainText = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, { message: `Tối đa ${max} ký tự / at most ${max} characters` })
    .regex(
      // eslint-disable-next-line no-control-regex
      lines ? /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/ : /^[^\u0000-\u001f\u007f]*$/,
      { message: 'Không được chứa ký tự điều khiển / no control characters' },
    );

/** The seller's own lot code: the GS1 AI (10) of its stamp URLs, so letters, digits and dashes only. */
export const lotCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, { message: 'Mã lô gồm 1–20 ký tự chữ, số hoặc dấu gạch ngang / lot code: 1–20 letters, digits or dashes' });

/** A client-made id (UUID, lower case, as `crypto.randomUUID()` writes it). */
export const clientIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
    message: 'Mã phía thiết bị phải là UUID viết thường / clientId must be a lower-case UUID',
  });

const quantitySchema = z
  .number({ message: 'Số lượng phải là số / quantity must be a number' })
  .positive({ message: 'Số lượng phải lớn hơn 0 / quantity must be positive' })
  .max(100_000_000, { message: 'Số lượng quá lớn / quantity too large' });

const producedOnSchema = isoDateSchema.refine((day) => day <= vnDayKey(new Date()), {
  message: 'Ngày sản xuất không được ở tương lai / the production date cannot be in the future',
});
const shelfLifeDaysSchema = z
  .number({ message: 'Hạn dùng tính bằng số ngày nguyên / shelf life in whole days' })
  .int({ message: 'Hạn dùng tính bằng số ngày nguyên / shelf life in whole days' })
  .min(1, { message: 'Tối thiểu 1 ngày / at least 1 day' })
  .max(3650, { message: 'Tối đa 3650 ngày / at most 3650 days' });
const standardsSchema = z
  .array(plainText(60).pipe(z.string().min(1, { message: 'Tên tiêu chuẩn không được trống / a standard needs a name' })))
  .max(MAX_LOT_STANDARDS, { message: `Tối đa ${MAX_LOT_STANDARDS} tiêu chuẩn / at most ${MAX_LOT_STANDARDS} standards` })
  .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, { message: 'Tiêu chuẩn bị lặp / duplicate standard' });
const photoIdsSchema = z
  .array(objectIdSchema)
  .max(MAX_LOT_PHOTOS, { message: `Tối đa ${MAX_LOT_PHOTOS} ảnh / at most ${MAX_LOT_PHOTOS} photos` })
  .refine((list) => new Set(list).size === list.length, { message: 'Ảnh bị lặp / duplicate photo' });

function expiryAfterProduction(value: { producedOn?: string; expiresOn?: string | null }, ctx: z.RefinementCtx): void {
  if (value.producedOn && value.expiresOn && value.expiresOn < value.producedOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Hạn sử dụng phải sau ngày sản xuất / expiry must not be before production' });
  }
}

// ---- Requests ----

/** `POST /lots`. A seller records its own lots; an agent names the seller it manages (`sellerId`). */
export const createLotSchema = z
  .strictObject({
    sellerId: objectIdSchema.optional(),
    productId: objectIdSchema,
    code: lotCodeSchema,
    producedOn: producedOnSchema,
    expiresOn: isoDateSchema.optional(),
    shelfLifeDays: shelfLifeDaysSchema.optional(),
    quantity: quantitySchema,
    unit: lotUnitSchema,
    communeCode: communeCodeSchema,
    standards: standardsSchema.optional(),
    photoIds: photoIdsSchema.optional(),
    note: plainText(1000, true).optional(),
  })
  .superRefine(expiryAfterProduction);
export type CreateLotRequest = z.input<typeof createLotSchema>;

/**
 * `PATCH /lots/:id`: any of these; `null` clears an optional field. The code cannot change once stamps were requested
 * for the lot (409 `LOT_CODE_LOCKED`): it is printed in their URLs.
 */
export const updateLotSchema = z
  .strictObject({
    code: lotCodeSchema.optional(),
    producedOn: producedOnSchema.optional(),
    expiresOn: isoDateSchema.nullable().optional(),
    shelfLifeDays: shelfLifeDaysSchema.nullable().optional(),
    quantity: quantitySchema.optional(),
    unit: lotUnitSchema.optional(),
    communeCode: communeCodeSchema.optional(),
    standards: standardsSchema.optional(),
    photoIds: photoIdsSchema.optional(),
    note: plainText(1000, true).nullable().optional(),
    status: lotStatusSchema.optional(),
  })
  .superRefine(expiryAfterProduction)
  .refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'Không có thay đổi nào / nothing to change' });
export type UpdateLotRequest = z.input<typeof updateLotSchema>;

/** `GET /lots`: a seller's own (an agent names the seller with `sellerId`); staff their province's; admins all. */
export const lotListQuerySchema = z.strictObject({
  sellerId: objectIdSchema.optional(),
  productId: objectIdSchema.optional(),
  status: lotStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type LotListQuery = z.infer<typeof lotListQuerySchema>;

export const lotIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type LotIdParams = z.infer<typeof lotIdParamsSchema>;

export const diaryPlaceInputSchema = z.strictObject({
  text: plainText(200).pipe(z.string().min(1, { message: 'Cần ghi nơi thực hiện / a place is required' })),
  communeCode: communeCodeSchema.nullable().optional(),
});

export const diaryInputLotSchema = z.strictObject({
  lotId: objectIdSchema,
  quantity: quantitySchema.nullable().optional(),
});

/**
 * `POST /lots/:id/diary`. `clientId` is made on the device when the entry is written (offline too): sending the same
 * entry again stores nothing new and answers 200 with the stored entry. `inputs` only on processing entries.
 */
export const createDiaryEntrySchema = z
  .strictObject({
    clientId: clientIdSchema,
    type: diaryTypeSchema,
    at: isoDateTimeSchema.refine((at) => Date.parse(at) <= Date.now() + DIARY_FUTURE_TOLERANCE_MS, {
      message: 'Thời điểm không được ở tương lai / the time cannot be in the future',
    }),
    place: diaryPlaceInputSchema,
    note: plainText(2000, true).optional(),
    photoId: objectIdSchema.optional(),
    inputs: z
      .array(diaryInputLotSchema)
      .max(MAX_DIARY_INPUTS, { message: `Tối đa ${MAX_DIARY_INPUTS} lô đầu vào / at most ${MAX_DIARY_INPUTS} input lots` })
      .refine((list) => new Set(list.map((i) => i.lotId)).size === list.length, { message: 'Lô đầu vào bị lặp / duplicate input lot' })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.inputs?.length && value.type !== 'processing') {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'Chỉ công đoạn chế biến có lô đầu vào / only processing entries have input lots' });
    }
  });
export type CreateDiaryEntryRequest = z.input<typeof createDiaryEntrySchema>;

// ---- Responses ----

export const lotSchema = z.object({
  id: objectIdSchema,
  code: z.string(),
  productId: objectIdSchema,
  productName: z.string(),
  sellerId: objectIdSchema,
  sellerName: z.string(),
  provinceCode: provinceCodeSchema,
  communeCode: z.string(),
  communeName: z.string(),
  adminEra: z.literal('2025'),
  producedOn: z.string(),
  expiresOn: z.string().nullable(),
  shelfLifeDays: z.number().int().nullable(),
  quantity: z.number(),
  unit: lotUnitSchema,
  standards: z.array(z.string()),
  photoIds: z.array(z.string()),
  note: z.string().nullable(),
  status: lotStatusSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Lot = z.infer<typeof lotSchema>;

/** A sale of the lot through the marketplace: an order line shipped from it (no buyer data). */
export const lotSaleSchema = z.object({
  orderId: objectIdSchema,
  orderCode: z.string(),
  productId: objectIdSchema,
  soldAt: isoDateTimeSchema,
  /** Vietnam calendar day of the sale. */
  soldOn: isoDateSchema,
  /** Units of the order line (the product's unit). */
  quantity: z.number().int(),
  /** Stamps recorded on the line. */
  stampCount: z.number().int(),
});
export type LotSale = z.infer<typeof lotSaleSchema>;

/** `GET /lots/:id`: the lot and its sales, oldest first. */
export const lotDetailSchema = lotSchema.extend({ sales: z.array(lotSaleSchema) });
export type LotDetail = z.infer<typeof lotDetailSchema>;
export const lotPageSchema = pageOf(lotSchema);
export type LotPage = z.infer<typeof lotPageSchema>;

export const diaryEntrySchema = z.object({
  id: objectIdSchema,
  lotId: objectIdSchema,
  clientId: z.string(),
  type: diaryTypeSchema,
  at: isoDateTimeSchema,
  place: z.object({ text: z.string(), communeCode: z.string().nullable(), communeName: z.string().nullable() }),
  note: z.string().nullable(),
  photoId: z.string().nullable(),
  inputs: z.array(z.object({ lotId: objectIdSchema, lotCode: z.string(), quantity: z.number().nullable() })),
  recordedByUserId: z.string(),
  recordedAt: isoDateTimeSchema,
});
export type DiaryEntry = z.infer<typeof diaryEntrySchema>;

/** `GET /lots/:id/diary`: the entries by the time they happened (then by when they were recorded). */
export const lotDiarySchema = z.object({ lotId: objectIdSchema, items: z.array(diaryEntrySchema) });
export type LotDiary = z.infer<typeof lotDiarySchema>;
