import { z } from 'zod';
import { isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema, vndSchema } from './common';

/**
 * Seller ledger, payouts and monthly statements (docs/api-surface.md § Seller ledger). The platform collects the
 * buyers' money and owes it to the sellers: every change of what it owes is one append-only entry, and a balance is
 * the sum of the entries (never stored on its own).
 */

export const LEDGER_ENTRY_KINDS = ['sale', 'commission', 'refund', 'refund_commission', 'payout'] as const;
export const ledgerEntryKindSchema = z.enum(LEDGER_ENTRY_KINDS);
export type LedgerEntryKind = z.infer<typeof ledgerEntryKindSchema>;

/** A Vietnam-time calendar month, "2026-11". */
export const vnMonthSchema = z
  .string()
  .regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, { message: 'Tháng có dạng YYYY-MM, ví dụ 2026-11 / month as YYYY-MM, e.g. 2026-11' });

// ---- Requests ----

/** `GET /seller/ledger`: a seller reads its own; an agent names the seller it manages. */
export const sellerLedgerQuerySchema = z.strictObject({
  sellerId: objectIdSchema.optional(),
  kind: ledgerEntryKindSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SellerLedgerQuery = z.infer<typeof sellerLedgerQuerySchema>;

/** `GET /sellers/:sellerId/ledger` (staff, admin). */
export const ledgerQuerySchema = sellerLedgerQuerySchema.omit({ sellerId: true });
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;
export const ledgerSellerParamsSchema = z.strictObject({ sellerId: objectIdSchema });
export type LedgerSellerParams = z.infer<typeof ledgerSellerParamsSchema>;

/** `GET /seller/statements/:month` and `…/:month.csv`. */
export const statementParamsSchema = z.strictObject({ month: vnMonthSchema });
export type StatementParams = z.infer<typeof statementParamsSchema>;
export const statementQuerySchema = z.strictObject({ sellerId: objectIdSchema.optional() });
export type StatementQuery = z.infer<typeof statementQuerySchema>;
/** `GET /sellers/:sellerId/statements/:month` and `…/:month.csv` (staff of the seller's province, admin). */
export const staffStatementParamsSchema = z.strictObject({ sellerId: objectIdSchema, month: vnMonthSchema });
export type StaffStatementParams = z.infer<typeof staffStatementParamsSchema>;

/** Visible characters and spaces only (no control characters: they would end up in CSV files and bank files). */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Tối đa ${max} ký tự / at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, { message: 'Không được chứa ký tự điều khiển / no control characters' });

export const createPayoutSchema = z.strictObject({
  sellerId: objectIdSchema,
  amountVnd: vndSchema.min(1, { message: 'Số tiền phải lớn hơn 0 / the amount must be positive' }),
  /** The bank's reference of the transfer to the seller: one payout per reference and seller. */
  bankReference: plainText(64).pipe(z.string().min(1, { message: 'Cần mã giao dịch ngân hàng / a bank reference is required' })),
  note: plainText(500).optional(),
});
export type CreatePayoutRequest = z.input<typeof createPayoutSchema>;

export const payoutListQuerySchema = z.strictObject({
  sellerId: objectIdSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PayoutListQuery = z.infer<typeof payoutListQuerySchema>;

// ---- Responses ----

export const ledgerEntrySchema = z.object({
  id: objectIdSchema,
  kind: ledgerEntryKindSchema,
  /** Signed: credits to the seller are positive, debits negative. */
  amountVnd: z.number().int(),
  at: isoDateTimeSchema,
  /** "2026-11" in Vietnam time. */
  monthVn: z.string(),
  orderId: objectIdSchema.nullable(),
  orderCode: z.string().nullable(),
  refundId: z.string().nullable(),
  payoutId: objectIdSchema.nullable(),
  bankReference: z.string().nullable(),
  note: z.string().nullable(),
  /** Commission rate of a commission entry, in basis points (500 = 5 %). */
  commissionBps: z.number().int().nullable(),
  description: z.string(),
  descriptionEn: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const sellerLedgerSchema = z.object({
  sellerId: objectIdSchema,
  sellerName: z.string(),
  /** The sum of every entry of the seller (may be negative after a refund of money already paid out). */
  balanceVnd: z.number().int(),
  entries: pageOf(ledgerEntrySchema),
});
export type SellerLedger = z.infer<typeof sellerLedgerSchema>;

export const ledgerTotalsSchema = z.object({
  sale: z.number().int(),
  commission: z.number().int(),
  refund: z.number().int(),
  refund_commission: z.number().int(),
  payout: z.number().int(),
});
export type LedgerTotals = z.infer<typeof ledgerTotalsSchema>;

export const statementEntrySchema = ledgerEntrySchema.extend({ balanceAfterVnd: z.number().int() });
export type StatementEntry = z.infer<typeof statementEntrySchema>;

export const sellerStatementSchema = z.object({
  sellerId: objectIdSchema,
  sellerName: z.string(),
  provinceCode: provinceCodeSchema,
  month: z.string(),
  /** The month runs from `from` (inclusive) to `to` (exclusive): midnight Vietnam time, as UTC instants. */
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  openingBalanceVnd: z.number().int(),
  closingBalanceVnd: z.number().int(),
  /** Sum of the month's entries by kind (signed). closing = opening + Σ totals. */
  totals: ledgerTotalsSchema,
  entries: z.array(statementEntrySchema),
});
export type SellerStatement = z.infer<typeof sellerStatementSchema>;

export const payoutSchema = z.object({
  id: objectIdSchema,
  sellerId: objectIdSchema,
  sellerName: z.string(),
  provinceCode: provinceCodeSchema,
  /** Positive: what was transferred to the seller. */
  amountVnd: z.number().int(),
  bankReference: z.string(),
  note: z.string().nullable(),
  createdByUserId: z.string(),
  at: isoDateTimeSchema,
});
export type Payout = z.infer<typeof payoutSchema>;
export const payoutPageSchema = pageOf(payoutSchema);

export const createdPayoutSchema = payoutSchema.extend({ balanceAfterVnd: z.number().int() });
export type CreatedPayout = z.infer<typeof createdPayoutSchema>;
