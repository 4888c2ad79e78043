import { z } from 'zod';
import { communeCodeSchema, provinceCodeSchema } from './common';

export const adminLevelSchema = z.enum(['province', 'commune']);
export type AdminLevel = z.infer<typeof adminLevelSchema>;

// ---- Requests ----

export const provinceCodeParamsSchema = z.strictObject({ code: provinceCodeSchema });
export type ProvinceCodeParams = z.infer<typeof provinceCodeParamsSchema>;

/**
 * `GET /admin-units/convert?era=pre2025&code=00004`: an old code (2 digits: province, 5 digits: commune) to the
 * 2025 units it became. `level` may be given, otherwise it follows from the code's length.
 */
export const convertQuerySchema = z
  .strictObject({
    era: z.literal('pre2025', { message: 'Chỉ chuyển đổi mã trước 2025 / only pre2025 codes are converted' }),
    code: z.string().regex(/^(\d{2}|\d{5})$/, { message: 'Mã gồm 2 (tỉnh) hoặc 5 (xã) chữ số / 2 or 5 digits' }),
    level: adminLevelSchema.optional(),
  })
  .refine((q) => !q.level || (q.level === 'province' ? q.code.length === 2 : q.code.length === 5), {
    path: ['code'],
    message: 'Mã không khớp cấp đơn vị / code does not match the level',
  });
export type ConvertQuery = z.infer<typeof convertQuerySchema>;

// ---- Responses ----

export const provinceSchema = z.object({
  code: provinceCodeSchema,
  name: z.string(),
  fullName: z.string(),
  era: z.literal('2025'),
});
export type ProvinceDto = z.infer<typeof provinceSchema>;

export const communeSchema = z.object({
  code: communeCodeSchema,
  name: z.string(),
  provinceCode: provinceCodeSchema,
  era: z.literal('2025'),
});
export type CommuneDto = z.infer<typeof communeSchema>;

export const convertedUnitSchema = z.object({
  level: adminLevelSchema,
  code: z.string(),
  name: z.string(),
  provinceCode: provinceCodeSchema,
  era: z.literal('2025'),
});

/** Old names are not published (their source data is GPL-licensed): `from` carries the code only. */
export const conversionSchema = z.object({
  from: z.object({ level: adminLevelSchema, code: z.string(), era: z.literal('pre2025') }),
  to: z.array(convertedUnitSchema),
});
export type ConversionDto = z.infer<typeof conversionSchema>;
