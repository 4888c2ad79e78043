import { z } from 'zod';
import {
  citizenIdSchema,
  communeCodeSchema,
  isoDateSchema,
  isoDateTimeSchema,
  objectIdSchema,
  pageOf,
  provinceCodeSchema,
  vnMobileSchema,
} from './common';
import { authTokensSchema, oneTimeCodeSchema, passwordSchema } from './accounts';
import { roleSchema } from './roles';

/** Onboarding: sellers, their verification and handover, training sessions, the funnel (api-surface § Onboarding). */

export const SELLER_TYPES = ['household', 'household_business', 'cooperative', 'cooperative_group', 'enterprise'] as const;
export const sellerTypeSchema = z.enum(SELLER_TYPES);
export type SellerType = z.infer<typeof sellerTypeSchema>;

export const SELLER_STATUSES = ['pending_verification', 'verified', 'rejected'] as const;
export const sellerStatusSchema = z.enum(SELLER_STATUSES);
export type SellerStatus = z.infer<typeof sellerStatusSchema>;

export const onboardingSourceSchema = z.enum(['self', 'agent']);
export type OnboardingSource = z.infer<typeof onboardingSourceSchema>;

export const consentMethodSchema = z.enum(['verbal', 'signed_form']);

const personNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bắt buộc phải có / required' })
  .max(120, { message: 'Tối đa 120 ký tự / at most 120 characters' });

const addressTextSchema = z
  .string()
  .trim()
  .min(3, { message: 'Vui lòng nhập địa chỉ (thôn, xóm, số nhà) / address is required' })
  .max(300, { message: 'Tối đa 300 ký tự / at most 300 characters' });

// ---- Requests ----

/** A 2025 address: the commune must lie in the province (checked against the administrative-units data). */
export const sellerAddressInputSchema = z.strictObject({
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
  text: addressTextSchema,
});

const sellerProfileFields = {
  phone: vnMobileSchema,
  type: sellerTypeSchema,
  representativeName: personNameSchema,
  displayName: personNameSchema,
  citizenId: citizenIdSchema,
  address: sellerAddressInputSchema,
};

/** Step two of a seller's self-registration (step one: `POST /auth/phone-verification`): the code proves the phone. */
export const selfRegisterBodySchema = z.strictObject({ ...sellerProfileFields, code: oneTimeCodeSchema, password: passwordSchema });
export type SelfRegisterBody = z.infer<typeof selfRegisterBodySchema>;

/** The household agreed to be registered by an agent; the agent records how and when. */
export const consentInputSchema = z.strictObject({
  given: z.literal(true, { message: 'Cần có sự đồng ý của hộ / the household’s consent is required' }),
  method: consentMethodSchema,
  recordedAt: isoDateTimeSchema,
});

export const agentRegisterBodySchema = z
  .strictObject({ ...sellerProfileFields, consent: consentInputSchema.optional() })
  .superRefine((body, ctx) => {
    // A missing consent is reported on `consent.given`, the field the agent has to tick.
    if (!body.consent) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'given'],
        message: 'Cần có sự đồng ý của hộ / the household’s consent is required',
      });
    }
  });
export type AgentRegisterBody = z.infer<typeof agentRegisterBodySchema>;

export const sellerIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type SellerIdParams = z.infer<typeof sellerIdParamsSchema>;

export const sellerListQuerySchema = z.strictObject({
  status: sellerStatusSchema.optional(),
  communeCode: communeCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SellerListQuery = z.infer<typeof sellerListQuerySchema>;

export const verifySellerBodySchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500, { message: 'Tối đa 500 ký tự / at most 500 characters' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'reject' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Cần nêu lý do từ chối / a reason is required to reject' });
    }
  });
export type VerifySellerBody = z.infer<typeof verifySellerBodySchema>;

export const handoverClaimBodySchema = z.strictObject({
  phone: vnMobileSchema,
  code: oneTimeCodeSchema,
  newPassword: passwordSchema,
});
export type HandoverClaimBody = z.infer<typeof handoverClaimBodySchema>;

export const trainingAttendeeInputSchema = z.strictObject({
  name: personNameSchema,
  phone: vnMobileSchema.optional(),
  sellerId: objectIdSchema.optional(),
});

/** `date` is the Vietnam calendar day of the session. */
export const createTrainingSessionBodySchema = z.strictObject({
  date: isoDateSchema,
  communeCode: communeCodeSchema,
  topics: z
    .array(z.string().trim().min(1, { message: 'Bắt buộc phải có / required' }).max(200))
    .min(1, { message: 'Cần ít nhất một chủ đề / at least one topic' })
    .max(20),
  attendees: z.array(trainingAttendeeInputSchema).max(500, { message: 'Tối đa 500 người / at most 500 attendees' }),
});
export type CreateTrainingSessionBody = z.infer<typeof createTrainingSessionBodySchema>;

export const trainingSessionListQuerySchema = z.strictObject({
  communeCode: communeCodeSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TrainingSessionListQuery = z.infer<typeof trainingSessionListQuerySchema>;

export const funnelQuerySchema = z.strictObject({
  /** Admins choose a province (or none: the whole country); others always see their own. */
  provinceCode: provinceCodeSchema.optional(),
  communeCode: communeCodeSchema.optional(),
});
export type FunnelQuery = z.infer<typeof funnelQuerySchema>;

// ---- Responses ----

export const sellerAddressSchema = z.object({
  text: z.string(),
  provinceCode: provinceCodeSchema,
  provinceName: z.string(),
  communeCode: communeCodeSchema,
  communeName: z.string(),
  era: z.literal('2025'),
});

export const statusChangeSchema = z.object({
  status: sellerStatusSchema,
  reason: z.string().optional(),
  actorUserId: z.string(),
  actorRole: roleSchema,
  at: isoDateTimeSchema,
});

export const sellerFunnelSchema = z.object({
  trainedAt: isoDateTimeSchema.optional(),
  accountAt: isoDateTimeSchema,
  verifiedAt: isoDateTimeSchema.optional(),
  firstListingAt: isoDateTimeSchema.optional(),
  firstSaleAt: isoDateTimeSchema.optional(),
});

/** One row of a seller list: no citizen ID, the phone masked. */
export const sellerSummarySchema = z.object({
  id: objectIdSchema,
  type: sellerTypeSchema,
  displayName: z.string(),
  representativeName: z.string(),
  phoneMasked: z.string(),
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
  communeName: z.string(),
  status: sellerStatusSchema,
  onboardingSource: onboardingSourceSchema,
  managedByAgentId: z.string().optional(),
  handedOverAt: isoDateTimeSchema.optional(),
  createdAt: isoDateTimeSchema,
});
export type SellerSummary = z.infer<typeof sellerSummarySchema>;
export const sellerPageSchema = pageOf(sellerSummarySchema);

/**
 * A seller in full. `citizenId` is shown whole to the seller itself and to staff/admins of its province, masked
 * (`citizenIdMasked`) to agents.
 */
export const sellerDetailSchema = z.object({
  id: objectIdSchema,
  userId: z.string(),
  type: sellerTypeSchema,
  displayName: z.string(),
  representativeName: z.string(),
  phone: z.string(),
  citizenId: z.string().optional(),
  citizenIdMasked: z.string(),
  address: sellerAddressSchema,
  onboardingSource: onboardingSourceSchema,
  consent: z
    .object({ given: z.literal(true), method: consentMethodSchema, recordedAt: isoDateTimeSchema, recordedByUserId: z.string() })
    .optional(),
  managedByAgentId: z.string().optional(),
  handedOverAt: isoDateTimeSchema.optional(),
  status: sellerStatusSchema,
  statusReason: z.string().optional(),
  statusHistory: z.array(statusChangeSchema),
  funnel: sellerFunnelSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SellerDetail = z.infer<typeof sellerDetailSchema>;

/**
 * `seller` is absent only when the proven phone already had a buyer account, which was recovered (signed in with the
 * new password) instead of a seller being created. `recovered`: the phone already had an account (see
 * registerResultSchema).
 */
export const selfRegisterResultSchema = z.object({ seller: sellerDetailSchema.optional(), tokens: authTokensSchema, recovered: z.boolean() });
export type SelfRegisterResult = z.infer<typeof selfRegisterResultSchema>;

/**
 * `POST /sellers` (agent, 202): the same answer whether a seller was created or the citizen ID or phone was already
 * registered (then a case went to the province's staff). The household appears in the agent's list once created.
 */
export const agentRegistrationReceiptSchema = z.object({ received: z.literal(true) });
export type AgentRegistrationReceipt = z.infer<typeof agentRegistrationReceiptSchema>;

/** `POST /sellers/:id/handover` (202): the one-time code went to the household's phone. */
export const handoverStartedSchema = z.object({ sent: z.literal(true) });
export type HandoverStarted = z.infer<typeof handoverStartedSchema>;

export const trainingSessionSchema = z.object({
  id: objectIdSchema,
  date: isoDateSchema,
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
  communeName: z.string(),
  agentUserId: z.string(),
  topics: z.array(z.string()),
  attendees: z.array(z.object({ name: z.string(), phoneMasked: z.string().optional(), sellerId: z.string().optional() })),
  attendeeCount: z.number().int(),
  /** Attendees matched to a seller (by seller id or phone) whose `funnel.trainedAt` was set. */
  matchedSellerCount: z.number().int(),
  createdAt: isoDateTimeSchema,
});
export type TrainingSessionDto = z.infer<typeof trainingSessionSchema>;
export const trainingSessionPageSchema = pageOf(trainingSessionSchema);

export const funnelCountsSchema = z.object({
  trained: z.number().int(),
  account: z.number().int(),
  verified: z.number().int(),
  firstListing: z.number().int(),
  firstSale: z.number().int(),
});
export type FunnelCounts = z.infer<typeof funnelCountsSchema>;

/**
 * The onboarding funnel: trained → account → verified → first listing → first sale. `trained` counts households
 * (distinct by seller, else by phone, else each attendance), including those that have no account yet.
 */
export const funnelSchema = z.object({
  provinceCode: provinceCodeSchema.optional(),
  communeCode: communeCodeSchema.optional(),
  counts: funnelCountsSchema,
  communes: z.array(funnelCountsSchema.extend({ communeCode: communeCodeSchema, communeName: z.string() })),
});
export type FunnelDto = z.infer<typeof funnelSchema>;
