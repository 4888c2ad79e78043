import { createHash, randomBytes } from 'node:crypto';
import { formatVnDate, tryParseVnDate } from './dates';
import { VnpayApiError, VnpayConnectionError, VnpayInvalidRequestError, VnpaySignatureError } from './errors';
import { canonicalQuery, safeEqualHex, signParams, signPipeData, verifySignature, type VnpayQuery } from './signing';
import type {
  CreatedPayment,
  CreatePaymentParams,
  CreateRefundParams,
  QueryTransactionParams,
  VnpayConfig,
  VnpayEvent,
  VnpayFetch,
  VnpayPaymentResult,
  VnpayQueryResult,
  VnpayRefundResult,
} from './types';
import {
  checkAmountVnd,
  checkAsciiText,
  checkDate,
  checkHttpUrl,
  checkIp,
  checkPattern,
  checkTxnRef,
  gatewayDate,
} from './validate';

export const VNPAY_VERSION = '2.1.0';
export const VNPAY_PAY_PATH = '/paymentv2/vpcpay.html';
export const VNPAY_API_PATH = '/merchant_webapi/api/transaction';
const DEFAULT_EXPIRY_MS = 15 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The querydr/refund response codes that are refusals, as stable error codes. */
const API_ERROR_CODES: Record<string, string> = {
  '02': 'invalid_tmn_code',
  '03': 'invalid_format',
  '04': 'full_refund_not_allowed',
  '13': 'only_partial_refund_allowed',
  '91': 'transaction_not_found',
  '93': 'invalid_refund_amount',
  '94': 'duplicate_request',
  '95': 'refund_refused',
  '97': 'invalid_signature',
  '98': 'gateway_timeout',
  '99': 'gateway_error',
};

interface Core {
  readonly tmnCode: string;
  readonly hashSecret: string;
  readonly payUrl: string;
  readonly apiUrl: string;
  readonly now: () => Date;
  readonly fetch: VnpayFetch;
  readonly timeoutMs: number;
}

/**
 * VNPay PAY 2.1.0, Stripe-style: `payments.create` (the redirect URL), `returns.verify` (the browser's return),
 * `webhooks.constructEvent` (the IPN), `transactions.query` (querydr), `refunds.create` (refund).
 */
export class Vnpay {
  readonly payments: Payments;
  readonly returns: Returns;
  readonly webhooks: Webhooks;
  readonly transactions: Transactions;
  readonly refunds: Refunds;

  constructor(config: VnpayConfig) {
    const tmnCode = checkPattern(config?.tmnCode, 'tmnCode', /^[A-Za-z0-9_]{1,20}$/, 'the terminal code VNPay issued (letters, digits, "_")');
    if (typeof config.hashSecret !== 'string' || config.hashSecret.length === 0) {
      throw new VnpayInvalidRequestError({ param: 'hashSecret', code: 'missing_hash_secret', message: 'hashSecret is required' });
    }
    const base = checkHttpUrl(config.gatewayUrl, 'gatewayUrl').replace(/\/+$/, '');
    const fetchFn = config.fetch ?? (globalThis.fetch as unknown as VnpayFetch | undefined);
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new VnpayInvalidRequestError({ param: 'timeoutMs', code: 'invalid_parameter', message: 'timeoutMs must be a positive integer' });
    }
    const core: Core = {
      tmnCode,
      hashSecret: config.hashSecret,
      payUrl: base + VNPAY_PAY_PATH,
      apiUrl: base + VNPAY_API_PATH,
      now: config.clock ?? (() => new Date()),
      fetch: fetchFn ?? missingFetch,
      timeoutMs,
    };
    this.payments = new Payments(core);
    this.returns = new Returns(core);
    this.webhooks = new Webhooks(core);
    this.transactions = new Transactions(core);
    this.refunds = new Refunds(core);
  }
}

const missingFetch: VnpayFetch = () => {
  throw new VnpayConnectionError({ code: 'no_fetch', message: 'No fetch available: pass `fetch` to new Vnpay(...)' });
};

class Payments {
  constructor(private readonly core: Core) {}

  /** The signed payment URL to redirect the buyer to. Dates are GMT+7 whatever the process's time zone. */
  create(input: CreatePaymentParams): CreatedPayment {
    const amountVnd = checkAmountVnd(input.amountVnd);
    const createdAt = input.createdAt === undefined ? this.core.now() : checkDate(input.createdAt, 'createdAt');
    const expiresAt = input.expiresAt === undefined ? new Date(createdAt.getTime() + DEFAULT_EXPIRY_MS) : checkDate(input.expiresAt, 'expiresAt');
    if (expiresAt.getTime() <= createdAt.getTime()) {
      throw new VnpayInvalidRequestError({ param: 'expiresAt', code: 'invalid_date', message: 'expiresAt must be after createdAt' });
    }
    const locale = input.locale ?? 'vn';
    if (locale !== 'vn' && locale !== 'en') {
      throw new VnpayInvalidRequestError({ param: 'locale', code: 'invalid_parameter', message: 'locale must be "vn" or "en"' });
    }
    const params: Record<string, string> = {
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'pay',
      vnp_TmnCode: this.core.tmnCode,
      vnp_Amount: String(amountVnd * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: checkTxnRef(input.txnRef),
      vnp_OrderInfo: checkAsciiText(input.orderInfo, 'orderInfo', 255),
      vnp_OrderType: input.orderType === undefined ? 'other' : checkPattern(input.orderType, 'orderType', /^[a-z0-9_]{1,40}$/, 'a VNPay order type such as "other"'),
      vnp_Locale: locale,
      vnp_ReturnUrl: checkHttpUrl(input.returnUrl, 'returnUrl'),
      vnp_IpAddr: checkIp(input.ipAddr),
      vnp_CreateDate: formatVnDate(createdAt),
      vnp_ExpireDate: formatVnDate(expiresAt),
    };
    if (input.bankCode !== undefined) params['vnp_BankCode'] = checkPattern(input.bankCode, 'bankCode', /^[A-Za-z0-9]{2,20}$/, 'a VNPay bank code (letters and digits)');
    const query = canonicalQuery(params);
    const hash = signParams(params, this.core.hashSecret);
    return {
      url: `${this.core.payUrl}?${query}&vnp_SecureHash=${hash}`,
      createDate: params['vnp_CreateDate'] as string,
      expireDate: params['vnp_ExpireDate'] as string,
      params: { ...params, vnp_SecureHash: hash },
    };
  }
}

/** Verifies a signed return/IPN query and reads it. Throws `VnpaySignatureError` for a missing or wrong hash. */
function verifyQuery(core: Core, query: VnpayQuery): { result: VnpayPaymentResult; signed: string } {
  if (query === null || typeof query !== 'object') {
    throw new VnpaySignatureError({ code: 'missing_signature', param: 'vnp_SecureHash', message: 'No VNPay parameters' });
  }
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('vnp_') || value === undefined) continue; // other parameters are not VNPay's and not signed
    if (typeof value !== 'string') {
      throw new VnpaySignatureError({ code: 'duplicate_parameter', param: key, message: `${key} appears more than once` });
    }
    params[key] = value;
  }
  const hash = params['vnp_SecureHash'];
  if (!hash) throw new VnpaySignatureError({ code: 'missing_signature', param: 'vnp_SecureHash', message: 'vnp_SecureHash is missing' });
  if (!verifySignature(params, hash, core.hashSecret)) {
    throw new VnpaySignatureError({ code: 'invalid_signature', param: 'vnp_SecureHash', message: 'vnp_SecureHash does not match the parameters' });
  }
  const required = (key: string): string => {
    const value = params[key];
    if (!value) throw new VnpayInvalidRequestError({ code: 'missing_parameter', param: key, message: `${key} is missing` });
    return value;
  };
  const tmnCode = required('vnp_TmnCode');
  if (tmnCode !== core.tmnCode) {
    throw new VnpayInvalidRequestError({ code: 'tmn_code_mismatch', param: 'vnp_TmnCode', message: 'vnp_TmnCode is not this merchant' });
  }
  const amountText = required('vnp_Amount');
  if (!/^\d{1,18}$/.test(amountText) || !Number.isSafeInteger(Number(amountText))) {
    throw new VnpayInvalidRequestError({ code: 'invalid_amount', param: 'vnp_Amount', message: 'vnp_Amount is not an amount' });
  }
  const amount = Number(amountText);
  const responseCode = required('vnp_ResponseCode');
  const transactionStatus = params['vnp_TransactionStatus'] ?? '';
  const payDate = params['vnp_PayDate'] ? tryParseVnDate(params['vnp_PayDate']) : null;
  const result: VnpayPaymentResult = {
    tmnCode,
    txnRef: required('vnp_TxnRef'),
    amount,
    amountVnd: amount / 100,
    responseCode,
    transactionStatus,
    transactionNo: params['vnp_TransactionNo'] ?? '',
    bankCode: params['vnp_BankCode'] ?? '',
    orderInfo: params['vnp_OrderInfo'] ?? '',
    succeeded: responseCode === '00' && transactionStatus === '00',
    needsReview: responseCode === '07' || transactionStatus === '07',
  };
  if (params['vnp_BankTranNo']) result.bankTranNo = params['vnp_BankTranNo'];
  if (params['vnp_CardType']) result.cardType = params['vnp_CardType'];
  if (payDate) result.payDate = payDate;
  return { result, signed: canonicalQuery(params) };
}

class Returns {
  constructor(private readonly core: Core) {}

  /** The browser's return to `returnUrl`: verify and show, never change an order on it (the IPN does). */
  verify(query: VnpayQuery): VnpayPaymentResult {
    return verifyQuery(this.core, query).result;
  }
}

class Webhooks {
  constructor(private readonly core: Core) {}

  /**
   * The IPN query as a typed event. Throws `VnpaySignatureError` (answer `97`) for a missing or wrong signature,
   * `VnpayInvalidRequestError` for a signed but unusable query. The event `id` is the same for VNPay's retries.
   */
  constructEvent(query: VnpayQuery): VnpayEvent {
    const { result, signed } = verifyQuery(this.core, query);
    const type = result.succeeded ? 'payment.succeeded' : result.needsReview ? 'payment.review' : 'payment.failed';
    return {
      id: `evt_${createHash('sha256').update(signed).digest('hex').slice(0, 32)}`,
      type,
      created: result.payDate ?? this.core.now(),
      data: result,
    };
  }
}

type Json = Record<string, unknown>;
const field = (body: Json, key: string): string => {
  const value = body[key];
  return value === undefined || value === null ? '' : String(value);
};
const amountOrNull = (text: string): number | null => (/^\d{1,18}$/.test(text) ? Number(text) / 100 : null);

async function callApi(core: Core, body: Record<string, string>, responseFields: readonly string[]): Promise<Json> {
  let text: string;
  let status: number;
  let ok: boolean;
  const signal = AbortSignal.timeout(core.timeoutMs);
  try {
    const response = await core.fetch(core.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    status = response.status;
    ok = response.ok;
    text = await response.text();
  } catch (error) {
    const timedOut = signal.aborted;
    throw new VnpayConnectionError({
      code: timedOut ? 'timeout' : 'connection_failed',
      message: timedOut ? `VNPay did not answer within ${core.timeoutMs} ms` : 'Could not reach VNPay',
      cause: error,
    });
  }
  if (!ok) throw new VnpayApiError({ code: 'http_error', message: `VNPay answered HTTP ${status}`, raw: text });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new VnpayApiError({ code: 'invalid_response', message: 'VNPay answered something that is not a JSON object', raw: text });
  }
  const json = parsed as Json;
  const hash = field(json, 'vnp_SecureHash');
  const responseCode = field(json, 'vnp_ResponseCode');
  if (!hash) {
    throw new VnpaySignatureError({
      code: 'missing_signature',
      param: 'vnp_SecureHash',
      message: `VNPay's answer is not signed (unverified vnp_ResponseCode "${responseCode}"): refused`,
      raw: json,
    });
  }
  const expected = signPipeData(
    responseFields.map((key) => field(json, key)),
    core.hashSecret,
  );
  if (!/^[0-9a-fA-F]{128}$/.test(hash) || !safeEqualHex(expected, hash)) {
    throw new VnpaySignatureError({ code: 'invalid_signature', param: 'vnp_SecureHash', message: "VNPay's answer has a wrong signature", raw: json });
  }
  return json;
}

const QUERY_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;
const REFUND_RESPONSE_FIELDS = QUERY_RESPONSE_FIELDS.slice(0, 13);

const newRequestId = () => randomBytes(16).toString('hex');
const checkRequestId = (value: string | undefined) =>
  value === undefined ? newRequestId() : checkPattern(value, 'requestId', /^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, "-" or "_"');

function refusal(json: Json, requestId: string): VnpayApiError {
  const responseCode = field(json, 'vnp_ResponseCode');
  return new VnpayApiError({
    code: API_ERROR_CODES[responseCode] ?? 'gateway_refused',
    responseCode,
    message: `VNPay refused request ${requestId}: ${responseCode} ${field(json, 'vnp_Message')}`.trim(),
    raw: json,
  });
}

function checkAnswerMatches(core: Core, json: Json, command: string, txnRef: string): void {
  if (field(json, 'vnp_TmnCode') !== core.tmnCode || field(json, 'vnp_TxnRef') !== txnRef || (field(json, 'vnp_Command') !== command && field(json, 'vnp_Command') !== '')) {
    throw new VnpayApiError({
      code: 'response_mismatch',
      responseCode: field(json, 'vnp_ResponseCode'),
      message: "VNPay's answer is about another merchant, transaction or command",
      raw: json,
    });
  }
}

class Transactions {
  constructor(private readonly core: Core) {}

  /**
   * querydr: what VNPay knows about a payment. Resolves for `00` (found) and `91` (`found: false`); other codes
   * throw `VnpayApiError` (with `responseCode`). The answer's signature is verified; an unsigned one is refused.
   */
  async query(input: QueryTransactionParams): Promise<VnpayQueryResult> {
    const requestId = checkRequestId(input.requestId);
    const body: Record<string, string> = {
      vnp_RequestId: requestId,
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.core.tmnCode,
      vnp_TxnRef: checkTxnRef(input.txnRef),
      vnp_OrderInfo: checkAsciiText(input.orderInfo, 'orderInfo', 255),
      vnp_TransactionDate: gatewayDate(input.transactionDate, 'transactionDate'),
      vnp_CreateDate: formatVnDate(this.core.now()),
      vnp_IpAddr: checkIp(input.ipAddr),
    };
    const b = body;
    body['vnp_SecureHash'] = signPipeData(
      [b['vnp_RequestId'], b['vnp_Version'], b['vnp_Command'], b['vnp_TmnCode'], b['vnp_TxnRef'], b['vnp_TransactionDate'], b['vnp_CreateDate'], b['vnp_IpAddr'], b['vnp_OrderInfo']] as string[],
      this.core.hashSecret,
    );
    const json = await callApi(this.core, body, QUERY_RESPONSE_FIELDS);
    const responseCode = field(json, 'vnp_ResponseCode');
    if (responseCode !== '00' && responseCode !== '91') throw refusal(json, requestId);
    const found = responseCode === '00';
    if (found) checkAnswerMatches(this.core, json, 'querydr', body['vnp_TxnRef'] as string);
    const transactionStatus = field(json, 'vnp_TransactionStatus');
    return {
      requestId,
      responseId: field(json, 'vnp_ResponseId'),
      responseCode,
      message: field(json, 'vnp_Message'),
      found,
      txnRef: body['vnp_TxnRef'] as string,
      amountVnd: amountOrNull(field(json, 'vnp_Amount')),
      bankCode: field(json, 'vnp_BankCode'),
      payDate: tryParseVnDate(field(json, 'vnp_PayDate')),
      transactionNo: field(json, 'vnp_TransactionNo'),
      transactionType: field(json, 'vnp_TransactionType'),
      transactionStatus,
      orderInfo: field(json, 'vnp_OrderInfo'),
      promotionCode: field(json, 'vnp_PromotionCode'),
      promotionAmountVnd: amountOrNull(field(json, 'vnp_PromotionAmount')),
      succeeded: found && transactionStatus === '00',
      needsReview: found && transactionStatus === '07',
    };
  }
}

class Refunds {
  constructor(private readonly core: Core) {}

  /**
   * refund: `full` → type `02` (the whole payment), otherwise `03` (partial). Resolves for `00`; every other code
   * throws `VnpayApiError` (e.g. `93` invalid_refund_amount, `94` duplicate_request, `95` refund_refused).
   */
  async create(input: CreateRefundParams): Promise<VnpayRefundResult> {
    const requestId = checkRequestId(input.requestId);
    if (typeof input.full !== 'boolean') {
      throw new VnpayInvalidRequestError({ param: 'full', code: 'invalid_parameter', message: 'full must be true (02 full refund) or false (03 partial)' });
    }
    const body: Record<string, string> = {
      vnp_RequestId: requestId,
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.core.tmnCode,
      vnp_TransactionType: input.full ? '02' : '03',
      vnp_TxnRef: checkTxnRef(input.txnRef),
      vnp_Amount: String(checkAmountVnd(input.amountVnd) * 100),
      vnp_TransactionNo: checkPattern(input.transactionNo, 'transactionNo', /^[0-9A-Za-z]{1,40}$/, "VNPay's transaction number"),
      vnp_TransactionDate: gatewayDate(input.transactionDate, 'transactionDate'),
      vnp_CreateBy: checkAsciiText(input.createdBy, 'createdBy', 250),
      vnp_CreateDate: formatVnDate(this.core.now()),
      vnp_IpAddr: checkIp(input.ipAddr),
      vnp_OrderInfo: checkAsciiText(input.orderInfo, 'orderInfo', 255),
    };
    const b = body;
    body['vnp_SecureHash'] = signPipeData(
      [
        b['vnp_RequestId'],
        b['vnp_Version'],
        b['vnp_Command'],
        b['vnp_TmnCode'],
        b['vnp_TransactionType'],
        b['vnp_TxnRef'],
        b['vnp_Amount'],
        b['vnp_TransactionNo'],
        b['vnp_TransactionDate'],
        b['vnp_CreateBy'],
        b['vnp_CreateDate'],
        b['vnp_IpAddr'],
        b['vnp_OrderInfo'],
      ] as string[],
      this.core.hashSecret,
    );
    const json = await callApi(this.core, body, REFUND_RESPONSE_FIELDS);
    if (field(json, 'vnp_ResponseCode') !== '00') throw refusal(json, requestId);
    checkAnswerMatches(this.core, json, 'refund', body['vnp_TxnRef'] as string);
    return {
      requestId,
      responseId: field(json, 'vnp_ResponseId'),
      responseCode: '00',
      message: field(json, 'vnp_Message'),
      txnRef: body['vnp_TxnRef'] as string,
      amountVnd: amountOrNull(field(json, 'vnp_Amount')),
      bankCode: field(json, 'vnp_BankCode'),
      payDate: tryParseVnDate(field(json, 'vnp_PayDate')),
      transactionNo: field(json, 'vnp_TransactionNo'),
      transactionType: field(json, 'vnp_TransactionType'),
      transactionStatus: field(json, 'vnp_TransactionStatus'),
      orderInfo: field(json, 'vnp_OrderInfo'),
    };
  }
}
