import { z } from 'zod';
import { communeCodeSchema, isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema } from './common';
import { onboardingSourceSchema, sellerTypeSchema } from './onboarding';

/**
 * Registration cases: a registration whose citizen ID (same seller type) or phone was already registered. The caller
 * got the same answer as for a new household; the case waits for the staff of the province it was filed in.
 */

export const REGISTRATION_CASE_REASONS = ['citizen_id_registered', 'phone_registered'] as const;
export const registrationCaseReasonSchema = z.enum(REGISTRATION_CASE_REASONS);
export type RegistrationCaseReason = z.infer<typeof registrationCaseReasonSchema>;

export const registrationCaseStatusSchema = z.enum(['open', 'resolved']);
export type RegistrationCaseStatus = z.infer<typeof registrationCaseStatusSchema>;

// ---- Requests ----

export const registrationCaseListQuerySchema = z.strictObject({
  status: registrationCaseStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RegistrationCaseListQuery = z.infer<typeof registrationCaseListQuerySchema>;

export const registrationCaseIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type RegistrationCaseIdParams = z.infer<typeof registrationCaseIdParamsSchema>;

export const resolveRegistrationCaseBodySchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: 'Cần nêu cách đã xử lý / a reason is required' })
    .max(500, { message: 'Tối đa 500 ký tự / at most 500 characters' }),
});
export type ResolveRegistrationCaseBody = z.infer<typeof resolveRegistrationCaseBodySchema>;

// ---- Responses ----

/** One row of the staff queue: phone and citizen ID masked (lists never carry them whole). */
export const registrationCaseSummarySchema = z.object({
  id: objectIdSchema,
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
  communeName: z.string(),
  reason: registrationCaseReasonSchema,
  source: onboardingSourceSchema,
  type: sellerTypeSchema,
  displayName: z.string(),
  representativeName: z.string(),
  phoneMasked: z.string(),
  citizenIdMasked: z.string(),
  status: registrationCaseStatusSchema,
  createdAt: isoDateTimeSchema,
});
export type RegistrationCaseSummary = z.infer<typeof registrationCaseSummarySchema>;
export const registrationCasePageSchema = pageOf(registrationCaseSummarySchema);

/**
 * A case in full, for staff of its province (and admins): what was submitted, by whom, and the seller already
 * registered with that citizen ID or phone when it belongs to the same province.
 */
export const registrationCaseDetailSchema = registrationCaseSummarySchema.extend({
  phone: z.string(),
  citizenId: z.string(),
  addressText: z.string(),
  submittedByUserId: z.string().optional(),
  existingSellerId: z.string().optional(),
  resolution: z.object({ reason: z.string(), byUserId: z.string(), at: isoDateTimeSchema }).optional(),
});
export type RegistrationCaseDetail = z.infer<typeof registrationCaseDetailSchema>;
