/**
 * Shapes of the payments endpoints as the pages use them (`libs/shared/contracts/src/lib/payments.ts`), types only.
 */
export type {
  BankTransferIssue,
  BankTransferIssueKind,
  CreatePaymentBody,
  CreateRefundBody,
  PaymentIntent,
  PaymentIntentStatus,
  PaymentNextAction,
  PaymentReview,
  ResolveBankTransferIssueBody,
  ResolvePaymentReviewBody,
} from '@nss/contracts';
