import { z } from 'zod';
import { isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema, vndSchema } from './common';
import { PAYMENT_METHODS } from './orders';

/**
 * Payments: a Stripe-like PaymentIntent per checkout (VNPay redirect, VietQR bank transfer, cash on delivery), the
 * staff queues (VNPay payments in manual review, bank transfers that did not match), cash collected and refunds.
 */

/** The checkout's payment method (orders' `PAYMENT_METHODS`). */
export const PAYMENT_INTENT_METHODS = PAYMENT_METHODS;
export const paymentIntentMethodSchema = z.enum(PAYMENT_INTENT_METHODS);
export type PaymentIntentMethod = z.infer<typeof paymentIntentMethodSchema>;

/**
 * `requires_action`: the buyer must act (pay at VNPay, send the transfer); `processing`: money awaited by other means
 * (cash on delivery); `succeeded`; `canceled` (failed, cancelled or expired); `requires_review`: money may have moved
 * but staff must decide (VNPay code 07, or paid after the checkout had expired).
 */
export const PAYMENT_INTENT_STATUSES = ['requires_action', 'processing', 'succeeded', 'canceled', 'requires_review'] as const;
export const paymentIntentStatusSchema = z.enum(PAYMENT_INTENT_STATUSES);
export type PaymentIntentStatus = z.infer<typeof paymentIntentStatusSchema>;

// ---- Requests ----

export const VNPAY_LOCALES = ['vn', 'en'] as const;

export const createPaymentBodySchema = z.strictObject({
  checkoutId: objectIdSchema,
  /** VNPay: preselect a method or bank at the gateway (`VNPAYQR`, `VNBANK`, `INTCARD` or a bank code). */
  bankCode: z
    .string()
    .regex(/^[A-Z0-9]{2,20}$/, { message: 'Mã ngân hàng gồm 2–20 chữ in hoa hoặc số / bank code: 2–20 upper-case letters or digits' })
    .optional(),
  /** VNPay page language. */
  locale: z.enum(VNPAY_LOCALES).optional(),
});
export type CreatePaymentBody = z.infer<typeof createPaymentBodySchema>;

export const paymentIdParamsSchema = z.strictObject({ id: objectIdSchema });
export const codOrderIdParamsSchema = z.strictObject({ orderId: objectIdSchema });

const noteSchema = z
  .string()
  .trim()
  .min(1, { message: 'Cần ghi chú cách xử lý / a note is required' })
  .max(500, { message: 'Tối đa 500 ký tự / at most 500 characters' });

const bankReferenceSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 ._/-]{3,64}$/, { message: 'Mã giao dịch ngân hàng 3–64 ký tự / bank reference: 3–64 characters' });

/** `accept`: the money is good, the orders are paid; `refund`: the money goes back (VNPay refund API), orders cancelled. */
export const resolvePaymentReviewBodySchema = z.strictObject({
  decision: z.enum(['accept', 'refund']),
  note: noteSchema,
});
export type ResolvePaymentReviewBody = z.infer<typeof resolvePaymentReviewBodySchema>;

/**
 * `accept`: count the transfer as the checkout's payment (staff settled the difference with the buyer);
 * `refunded`: the money was sent back (bank reference required); `dismiss`: nothing to do (note says why).
 */
export const resolveBankTransferIssueBodySchema = z.strictObject({
  decision: z.enum(['accept', 'refunded', 'dismiss']),
  note: noteSchema,
  bankReference: bankReferenceSchema.optional(),
});
export type ResolveBankTransferIssueBody = z.infer<typeof resolveBankTransferIssueBodySchema>;

export const createRefundBodySchema = z.strictObject({
  orderId: objectIdSchema,
  /** Part of the order's total; the whole order when absent. */
  amountVnd: vndSchema.min(1).optional(),
  reason: z.string().trim().min(1, { message: 'Cần nêu lý do hoàn tiền / a reason is required' }).max(500, { message: 'Tối đa 500 ký tự / at most 500 characters' }),
  /** The bank transfer that returned the money: required for cash on delivery and bank transfer, unused for VNPay. */
  bankReference: bankReferenceSchema.optional(),
});
export type CreateRefundBody = z.infer<typeof createRefundBodySchema>;

export const paymentQueueQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PaymentQueueQuery = z.infer<typeof paymentQueueQuerySchema>;

/**
 * The body a SePay-style bank feed POSTs for each transaction on the account. Extra fields are tolerated (feeds add
 * some); the ones read here are checked.
 */
export const bankFeedTransactionSchema = z.object({
  id: z.union([z.number().int().min(0), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]),
  gateway: z.string().max(100).optional(),
  transactionDate: z.string().max(40).optional(),
  accountNumber: z.string().max(40).optional(),
  code: z.string().max(100).nullable().optional(),
  content: z.string().max(1000),
  transferType: z.enum(['in', 'out']),
  transferAmount: z.number().int().min(0).max(1_000_000_000_000),
  accumulated: z.number().optional(),
  subAccount: z.string().max(100).nullable().optional(),
  referenceCode: z.string().max(100).optional(),
  description: z.string().max(1000).optional(),
});
export type BankFeedTransaction = z.infer<typeof bankFeedTransactionSchema>;

// ---- Responses ----

export const paymentNextActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('redirect'), url: z.url() }),
  z.object({
    type: z.literal('vietqr'),
    /** The EMVCo payload to draw as a QR code. */
    payload: z.string(),
    bankBin: z.string(),
    accountNumber: z.string(),
    accountName: z.string(),
    amountVnd: vndSchema,
    /** Must appear in the transfer's content (the checkout code). */
    purpose: z.string(),
  }),
]);
export type PaymentNextAction = z.infer<typeof paymentNextActionSchema>;

export const paymentIntentSchema = z.object({
  id: objectIdSchema,
  checkoutId: objectIdSchema,
  checkoutCode: z.string(),
  status: paymentIntentStatusSchema,
  method: paymentIntentMethodSchema,
  amountVnd: vndSchema,
  nextAction: paymentNextActionSchema.nullable(),
  /** Why it was cancelled or needs review (`payment_failed:24`, `expired`, `vnpay_07`, `paid_after_expiry`…). */
  reason: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type PaymentIntent = z.infer<typeof paymentIntentSchema>;

export const paymentReviewSchema = z.object({
  id: objectIdSchema,
  intentId: objectIdSchema,
  checkoutId: objectIdSchema,
  checkoutCode: z.string(),
  amountVnd: vndSchema,
  reason: z.string(),
  provinceCodes: z.array(provinceCodeSchema),
  vnpay: z
    .object({ txnRef: z.string(), transactionNo: z.string(), responseCode: z.string(), transactionStatus: z.string(), bankCode: z.string() })
    .nullable(),
  status: z.enum(['open', 'resolved']),
  decision: z.enum(['accept', 'refund']).nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  resolvedAt: isoDateTimeSchema.nullable(),
});
export type PaymentReview = z.infer<typeof paymentReviewSchema>;
export const paymentReviewPageSchema = pageOf(paymentReviewSchema);

export const BANK_TRANSFER_ISSUE_KINDS = ['underpaid', 'overpaid', 'unknown_code', 'late', 'already_paid', 'wrong_method'] as const;
export const bankTransferIssueKindSchema = z.enum(BANK_TRANSFER_ISSUE_KINDS);
export type BankTransferIssueKind = z.infer<typeof bankTransferIssueKindSchema>;

export const bankTransferIssueSchema = z.object({
  id: objectIdSchema,
  kind: bankTransferIssueKindSchema,
  feedTransactionId: z.string(),
  checkoutId: objectIdSchema.nullable(),
  checkoutCode: z.string().nullable(),
  expectedVnd: vndSchema.nullable(),
  receivedVnd: vndSchema,
  content: z.string(),
  bankReferenceCode: z.string().nullable(),
  provinceCodes: z.array(provinceCodeSchema),
  status: z.enum(['open', 'resolved']),
  decision: z.enum(['accept', 'refunded', 'dismiss']).nullable(),
  note: z.string().nullable(),
  bankReference: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  resolvedAt: isoDateTimeSchema.nullable(),
});
export type BankTransferIssue = z.infer<typeof bankTransferIssueSchema>;
export const bankTransferIssuePageSchema = pageOf(bankTransferIssueSchema);

export const refundSchema = z.object({
  id: objectIdSchema,
  orderId: objectIdSchema,
  checkoutId: objectIdSchema,
  method: paymentIntentMethodSchema,
  amountVnd: vndSchema,
  /** VNPay: 02 full / 03 partial refund of the checkout's transaction. */
  kind: z.enum(['full', 'partial']),
  status: z.enum(['succeeded', 'failed']),
  reason: z.string(),
  bankReference: z.string().nullable(),
  /** VNPay's answer code (00 accepted; 94 in progress; 95 refused…), null when recorded by staff. */
  gatewayCode: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type Refund = z.infer<typeof refundSchema>;

export const cashCollectedSchema = z.object({
  orderId: objectIdSchema,
  paymentId: objectIdSchema,
  collectedAt: isoDateTimeSchema,
});
export type CashCollected = z.infer<typeof cashCollectedSchema>;

export const bankFeedAckSchema = z.object({ success: z.literal(true) });
