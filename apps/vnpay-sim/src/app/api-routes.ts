import type { FastifyInstance } from 'fastify';
import { fromVnTime, hmac512, resultBankCode, randomDigits, randomHex, sameHash, vnTime } from './protocol';
import type { SimOptions } from './sim-options';
import type { SimState, SimTransaction } from './sim-state';

const QUERY_FIELDS = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
const REFUND_FIELDS = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TransactionType', 'vnp_TxnRef', 'vnp_Amount', 'vnp_TransactionNo', 'vnp_TransactionDate', 'vnp_CreateBy', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
const QUERY_ANSWER = ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount'];
const REFUND_ANSWER = QUERY_ANSWER.slice(0, 13);

const MESSAGES: Record<string, string> = {
  '00': 'Success',
  '02': 'Merchant is not valid (vnp_TmnCode)',
  '03': 'Invalid data format',
  '04': 'Full refund not allowed after a partial refund',
  '91': 'Transaction not found',
  '93': 'Invalid refund amount',
  '94': 'Duplicate request (vnp_RequestId already used today)',
  '95': 'Transaction was not successful at VNPAY: refund refused',
  '97': 'Invalid checksum',
  '99': 'Unknown error',
};

type Body = Record<string, unknown>;
const text = (body: Body, key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : typeof body[key] === 'number' ? String(body[key]) : '');

/** The merchant API: querydr and refund, JSON over POST, pipe-joined HMAC-SHA512 both ways. */
export function apiRoutes(app: FastifyInstance, state: SimState, options: SimOptions): void {
  const answer = (command: string, fields: readonly string[], values: Record<string, string>) => {
    const out: Record<string, string> = { vnp_ResponseId: randomHex(16), vnp_Command: command, ...values };
    out['vnp_Message'] = out['vnp_Message'] ?? MESSAGES[out['vnp_ResponseCode'] ?? ''] ?? '';
    for (const f of fields) out[f] = out[f] ?? '';
    out['vnp_SecureHash'] = hmac512(options.hashSecret, fields.map((f) => out[f] ?? '').join('|'));
    return out;
  };

  app.post('/merchant_webapi/api/transaction', async (request) => {
    const body: Body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Body) : {};
    const command = text(body, 'vnp_Command');
    const isRefund = command === 'refund';
    const answerFields = isRefund ? REFUND_ANSWER : QUERY_ANSWER;
    const base = { vnp_TmnCode: text(body, 'vnp_TmnCode'), vnp_TxnRef: text(body, 'vnp_TxnRef') };
    const fail = (code: string, message?: string) => answer(command || 'querydr', answerFields, { ...base, vnp_ResponseCode: code, ...(message ? { vnp_Message: message } : {}) });

    const controls = state.controls;
    if (controls.apiHoldMs > 0) await new Promise((resolve) => setTimeout(resolve, controls.apiHoldMs));

    if (command !== 'querydr' && command !== 'refund') return fail('03', 'vnp_Command must be querydr or refund');
    const signedFields = isRefund ? REFUND_FIELDS : QUERY_FIELDS;
    const missing = signedFields.filter((f) => !text(body, f)).concat(text(body, 'vnp_SecureHash') ? [] : ['vnp_SecureHash']);
    if (missing.length > 0) return fail('03', `Missing ${missing.join(', ')}`);
    if (text(body, 'vnp_TmnCode') !== options.tmnCode) return fail('02');
    const expected = hmac512(options.hashSecret, signedFields.map((f) => text(body, f)).join('|'));
    if (!sameHash(expected, text(body, 'vnp_SecureHash'))) return fail('97');
    const requestId = text(body, 'vnp_RequestId');
    const formatErrors: string[] = [];
    if (text(body, 'vnp_Version') !== '2.1.0') formatErrors.push('vnp_Version');
    if (requestId.length > 32) formatErrors.push('vnp_RequestId (≤32)');
    if (!fromVnTime(text(body, 'vnp_TransactionDate'))) formatErrors.push('vnp_TransactionDate');
    if (!fromVnTime(text(body, 'vnp_CreateDate'))) formatErrors.push('vnp_CreateDate');
    if (isRefund) {
      if (!['02', '03'].includes(text(body, 'vnp_TransactionType'))) formatErrors.push('vnp_TransactionType (02|03)');
      if (!/^\d{1,15}$/.test(text(body, 'vnp_Amount'))) formatErrors.push('vnp_Amount');
    }
    if (formatErrors.length > 0) return fail('03', `Invalid ${formatErrors.join(', ')}`);
    const dayKey = `${options.tmnCode}:${vnTime(options.now()).slice(0, 8)}:${requestId}`;
    if (state.requestIds.has(dayKey)) return fail('94');
    state.requestIds.add(dayKey);

    if (controls.apiResponseCode && controls.apiTimes > 0) {
      controls.apiTimes -= 1;
      const code = controls.apiResponseCode;
      if (controls.apiTimes === 0) controls.apiResponseCode = null;
      return fail(code);
    }

    const txn = state.transactions.get(state.key(options.tmnCode, text(body, 'vnp_TxnRef')));
    // VNPay finds the transaction by TxnRef and its pay date (the pay request's vnp_CreateDate).
    if (!txn || txn.createDate !== text(body, 'vnp_TransactionDate')) return fail('91');
    return isRefund ? refund(txn, body) : query(txn);
  });

  const query = (txn: SimTransaction) =>
    answer('querydr', QUERY_ANSWER, {
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: txn.tmnCode,
      vnp_TxnRef: txn.txnRef,
      vnp_Amount: String(txn.amount),
      vnp_OrderInfo: txn.orderInfo,
      vnp_BankCode: txn.status === 'pending' ? txn.bankCode : resultBankCode(txn.bankCode),
      vnp_PayDate: txn.payDate,
      vnp_TransactionNo: txn.transactionNo,
      vnp_TransactionType: '01',
      vnp_TransactionStatus: txn.transactionStatus,
    });

  const refund = (txn: SimTransaction, body: Body) => {
    const reply = (code: string, extra: Record<string, string> = {}) =>
      answer('refund', REFUND_ANSWER, { vnp_ResponseCode: code, vnp_TmnCode: txn.tmnCode, vnp_TxnRef: txn.txnRef, vnp_OrderInfo: text(body, 'vnp_OrderInfo'), ...extra });
    if (text(body, 'vnp_TransactionNo') !== txn.transactionNo) return reply('91');
    const charged = txn.status === 'completed' && (txn.transactionStatus === '00' || txn.transactionStatus === '07');
    if (!charged) return reply('95');
    const amount = Number(text(body, 'vnp_Amount'));
    const type = text(body, 'vnp_TransactionType') as '02' | '03';
    const remaining = txn.amount - txn.refundedAmount;
    if (type === '02' && txn.refundedAmount > 0) return reply('04');
    if (amount <= 0 || amount % 100 !== 0 || amount > remaining || (type === '02' && amount !== txn.amount)) return reply('93');
    const refundNo = randomDigits(8);
    const now = options.now();
    txn.refunds.push({ requestId: text(body, 'vnp_RequestId'), transactionType: type, amount, transactionNo: refundNo, createBy: text(body, 'vnp_CreateBy'), at: now.toISOString() });
    txn.refundedAmount += amount;
    return reply('00', {
      vnp_Message: 'Refund success',
      vnp_Amount: String(amount),
      vnp_BankCode: resultBankCode(txn.bankCode),
      vnp_PayDate: vnTime(now),
      vnp_TransactionNo: refundNo,
      vnp_TransactionType: type,
      vnp_TransactionStatus: '05',
    });
  };
}
