/** A `fetch` compatible function (the global one by default; tests pass a fake). */
export type VnpayFetch = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export interface VnpayConfig {
  /** `vnp_TmnCode`, the merchant's terminal code (8 characters). */
  tmnCode: string;
  /** The merchant's hash secret (HMAC-SHA512 key). */
  hashSecret: string;
  /** Base URL, e.g. `https://sandbox.vnpayment.vn` (paths `/paymentv2/vpcpay.html` and `/merchant_webapi/api/transaction` are added). */
  gatewayUrl: string;
  /** Now (tests fix it). Default: `() => new Date()`. */
  clock?: () => Date;
  /** Default: the global `fetch`. */
  fetch?: VnpayFetch;
  /** Bound for each querydr/refund call. Default 10 000 ms. */
  timeoutMs?: number;
}

export type VnpayLocale = 'vn' | 'en';

export interface CreatePaymentParams {
  /** In đồng: a positive integer (the SDK sends `vnp_Amount` = amountVnd × 100). */
  amountVnd: number;
  /** `vnp_TxnRef`: unique per day, ≤ 100 characters (letters, digits, `-`, `_`, `.`). */
  txnRef: string;
  /** `vnp_OrderInfo`: ≤ 255 printable ASCII characters (no diacritics: see `stripDiacritics`). */
  orderInfo: string;
  /** The buyer's IP address (`vnp_IpAddr`). */
  ipAddr: string;
  /** Where VNPay sends the browser back (`vnp_ReturnUrl`), absolute http(s). */
  returnUrl: string;
  /** Payment page language. Default `vn`. */
  locale?: VnpayLocale;
  /** `VNPAYQR`, `VNBANK`, `INTCARD` or a bank code; none: the buyer picks on VNPay's page. */
  bankCode?: string;
  /** `vnp_OrderType`. Default `other`. */
  orderType?: string;
  /** `vnp_CreateDate`. Default: the clock's now. */
  createdAt?: Date;
  /** `vnp_ExpireDate`. Default: 15 minutes after `createdAt`. */
  expiresAt?: Date;
}

export interface CreatedPayment {
  /** Send the browser here (GET). */
  url: string;
  /** `vnp_CreateDate` (`yyyyMMddHHmmss`, GMT+7): keep it, querydr and refund need it as `transactionDate`. */
  createDate: string;
  /** `vnp_ExpireDate` (`yyyyMMddHHmmss`, GMT+7). */
  expireDate: string;
  /** Every signed parameter, `vnp_SecureHash` included. */
  params: Record<string, string>;
}

/** A verified payment outcome (return URL or IPN). */
export interface VnpayPaymentResult {
  tmnCode: string;
  txnRef: string;
  /** `vnp_Amount` as sent (đồng × 100). Compare this with your stored amount × 100. */
  amount: number;
  /** `vnp_Amount / 100`. */
  amountVnd: number;
  /** `vnp_ResponseCode` (`00` success, `07` suspicious, `11` timed out, `24` cancelled, `51` insufficient funds, …). */
  responseCode: string;
  /** `vnp_TransactionStatus` (`00` success, `01` not completed, `02` error, `07` suspected fraud, …). */
  transactionStatus: string;
  /** `vnp_TransactionNo` (VNPay's transaction number; `0` or empty when nothing was charged). */
  transactionNo: string;
  bankCode: string;
  bankTranNo?: string;
  cardType?: string;
  payDate?: Date;
  orderInfo: string;
  /** `vnp_ResponseCode` and `vnp_TransactionStatus` both `00`. */
  succeeded: boolean;
  /** Money may have been taken but VNPay flags it (code `07`): hold for a person to decide. */
  needsReview: boolean;
}

export type VnpayEventType = 'payment.succeeded' | 'payment.failed' | 'payment.review';

/** A verified IPN as an event. `id` is the same for every retry of the same notification. */
export interface VnpayEvent {
  id: string;
  type: VnpayEventType;
  created: Date;
  data: VnpayPaymentResult;
}

/** A gateway date: a `Date`, or the `yyyyMMddHHmmss` (GMT+7) string the gateway gave. */
export type VnpayDateInput = Date | string;

export interface QueryTransactionParams {
  txnRef: string;
  /** The pay request's `vnp_CreateDate`. */
  transactionDate: VnpayDateInput;
  orderInfo: string;
  /** The server's IP address. */
  ipAddr: string;
  /** `vnp_RequestId` (≤ 32 characters, unique per day). Default: 32 random hex characters. */
  requestId?: string;
}

export interface VnpayQueryResult {
  requestId: string;
  responseId: string;
  /** `00` found; `91` not found (VNPay never saw a payment with this TxnRef). Other codes throw. */
  responseCode: string;
  message: string;
  /** False when VNPay has no such transaction (`91`). */
  found: boolean;
  txnRef: string;
  amountVnd: number | null;
  bankCode: string;
  payDate: Date | null;
  transactionNo: string;
  transactionType: string;
  transactionStatus: string;
  orderInfo: string;
  promotionCode: string;
  promotionAmountVnd: number | null;
  /** Found and `vnp_TransactionStatus` `00`. */
  succeeded: boolean;
  /** `vnp_TransactionStatus` `07` (suspected fraud). */
  needsReview: boolean;
}

export interface CreateRefundParams {
  txnRef: string;
  /** VNPay's `vnp_TransactionNo` of the payment. */
  transactionNo: string;
  /** The pay request's `vnp_CreateDate`. */
  transactionDate: VnpayDateInput;
  /** In đồng, a positive integer. */
  amountVnd: number;
  /** `true`: `02` full refund (amountVnd must be the whole payment); `false`: `03` partial. */
  full: boolean;
  /** Who asked for it (`vnp_CreateBy`). */
  createdBy: string;
  orderInfo: string;
  ipAddr: string;
  requestId?: string;
}

export interface VnpayRefundResult {
  requestId: string;
  responseId: string;
  responseCode: string;
  message: string;
  txnRef: string;
  amountVnd: number | null;
  bankCode: string;
  payDate: Date | null;
  transactionNo: string;
  transactionType: string;
  transactionStatus: string;
  orderInfo: string;
}
