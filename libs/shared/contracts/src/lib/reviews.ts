import { z } from 'zod';
import { isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema } from './common';

/**
 * Product reviews (docs/api-surface.md § Reviews): a buyer whose order was delivered rates each of its products once;
 * province staff moderate; the product page shows the approved ones with the average and the count.
 */

export const REVIEW_TEXT_MIN = 10;
export const REVIEW_TEXT_MAX = 2000;

export const reviewStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

// ---- Requests ----

export const reviewOrderParamsSchema = z.strictObject({ orderId: objectIdSchema });
export type ReviewOrderParams = z.infer<typeof reviewOrderParamsSchema>;

export const createReviewSchema = z.strictObject({
  productId: objectIdSchema,
  stars: z.number().int().min(1, { message: 'Từ 1 đến 5 sao / 1 to 5 stars' }).max(5, { message: 'Từ 1 đến 5 sao / 1 to 5 stars' }),
  text: z
    .string()
    .trim()
    .min(REVIEW_TEXT_MIN, { message: `Nhận xét cần ít nhất ${REVIEW_TEXT_MIN} ký tự / at least ${REVIEW_TEXT_MIN} characters` })
    .max(REVIEW_TEXT_MAX, { message: `Tối đa ${REVIEW_TEXT_MAX} ký tự / at most ${REVIEW_TEXT_MAX} characters` })
    // Line breaks are fine; other control characters (and NUL, which the database refuses) are not.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, { message: 'Không được chứa ký tự điều khiển / no control characters' }),
});
export type CreateReviewRequest = z.input<typeof createReviewSchema>;

export const reviewIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type ReviewIdParams = z.infer<typeof reviewIdParamsSchema>;

export const rejectReviewSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: 'Cần nêu lý do từ chối / a reason is required' })
    .max(500, { message: 'Tối đa 500 ký tự / at most 500 characters' }),
});
export type RejectReviewRequest = z.infer<typeof rejectReviewSchema>;

export const reviewModerationQuerySchema = z.strictObject({
  status: reviewStatusSchema.default('pending'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReviewModerationQuery = z.infer<typeof reviewModerationQuerySchema>;

export const productIdReviewParamsSchema = z.strictObject({ productId: objectIdSchema });
export type ProductIdReviewParams = z.infer<typeof productIdReviewParamsSchema>;

export const publicReviewsQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export type PublicReviewsQuery = z.infer<typeof publicReviewsQuerySchema>;

// ---- Responses ----

/** A review as its author, the moderators and admins see it. */
export const reviewSchema = z.object({
  id: objectIdSchema,
  orderId: objectIdSchema,
  productId: objectIdSchema,
  productName: z.string(),
  sellerId: objectIdSchema,
  provinceCode: provinceCodeSchema,
  stars: z.number().int(),
  text: z.string(),
  /** "An N.": the buyer's given name and the initial of the family name, nothing more. */
  reviewerName: z.string(),
  status: reviewStatusSchema,
  rejectionReason: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
});
export type Review = z.infer<typeof reviewSchema>;
export const reviewPageSchema = pageOf(reviewSchema);

/** An approved review on the product page: no ids of the buyer or the order, no phone. */
export const publicReviewSchema = z.object({
  id: objectIdSchema,
  stars: z.number().int(),
  text: z.string(),
  reviewerName: z.string(),
  createdAt: isoDateTimeSchema,
});
export type PublicReview = z.infer<typeof publicReviewSchema>;

export const productReviewsSchema = z.object({
  productId: objectIdSchema,
  /** One decimal (4.3); null while there is no approved review. */
  averageStars: z.number().nullable(),
  count: z.number().int(),
  items: z.array(publicReviewSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ProductReviews = z.infer<typeof productReviewsSchema>;
