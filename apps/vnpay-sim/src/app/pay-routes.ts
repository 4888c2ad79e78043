import type { FastifyInstance, FastifyReply } from 'fastify';
import { esc, formatVnd, page } from './html';
import type { IpnDeliverer } from './ipn';
import { OUTCOMES, resultBankCode, fromVnTime, hashData, hmac512, isOutcome, randomDigits, randomHex, sameHash, signedQuery, vnTime, type Outcome } from './protocol';
import type { SimOptions } from './sim-options';
import type { SimState, SimTransaction } from './sim-state';

/** The pay page's error codes (VNPay shows them on `/paymentv2/Payment/Error.html?code=`). */
const PAY_ERRORS: Record<string, { vi: string; en: string }> = {
  '01': { vi: 'Giao dịch đã tồn tại', en: 'The transaction already exists' },
  '02': { vi: 'Merchant không hợp lệ (kiểm tra lại vnp_TmnCode)', en: 'Invalid merchant (check vnp_TmnCode)' },
  '03': { vi: 'Dữ liệu gửi sang không đúng định dạng', en: 'The data sent is not in the right format' },
  '15': { vi: 'Giao dịch đã quá thời gian chờ thanh toán', en: 'The payment window has expired' },
  '70': { vi: 'Sai chữ ký', en: 'Wrong signature' },
  '99': { vi: 'Không tìm thấy giao dịch', en: 'Transaction not found' },
};

const REQUIRED = ['vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_Amount', 'vnp_CurrCode', 'vnp_TxnRef', 'vnp_OrderInfo', 'vnp_OrderType', 'vnp_Locale', 'vnp_ReturnUrl', 'vnp_IpAddr', 'vnp_CreateDate', 'vnp_ExpireDate'];

type Check = { ok: true; params: Record<string, string> } | { ok: false; code: string; detail: string };

/** Verifies a pay request the way the gateway does: format, merchant, signature, then the time window. */
export function checkPayRequest(rawQuery: string, options: SimOptions, now: Date): Check {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (Object.prototype.hasOwnProperty.call(params, key)) return { ok: false, code: '03', detail: `${key} appears twice` };
    params[key] = value;
  }
  const missing = REQUIRED.filter((k) => !params[k]);
  if (missing.length > 0) return { ok: false, code: '03', detail: `missing ${missing.join(', ')}` };
  if (params['vnp_TmnCode'] !== options.tmnCode) return { ok: false, code: '02', detail: `unknown vnp_TmnCode ${params['vnp_TmnCode']}` };
  if (!sameHash(hmac512(options.hashSecret, hashData(params)), params['vnp_SecureHash'])) {
    return { ok: false, code: '70', detail: 'vnp_SecureHash does not match the parameters' };
  }
  const p = params as Record<string, string> & { [k: string]: string };
  const formatErrors: string[] = [];
  if (p['vnp_Version'] !== '2.1.0') formatErrors.push('vnp_Version must be 2.1.0');
  if (p['vnp_Command'] !== 'pay') formatErrors.push('vnp_Command must be pay');
  if (p['vnp_CurrCode'] !== 'VND') formatErrors.push('vnp_CurrCode must be VND');
  const amountText = p['vnp_Amount'] as string;
  const amount = Number(amountText);
  if (!/^\d{1,15}$/.test(amountText) || amount % 100 !== 0) formatErrors.push('vnp_Amount must be the amount in đồng × 100');
  else if (amount < 5_000 * 100 || amount >= 1_000_000_000 * 100) formatErrors.push('vnp_Amount must be from 5,000 đ to under 1,000,000,000 đ');
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(p['vnp_TxnRef'] as string)) formatErrors.push('vnp_TxnRef: 1–100 letters/digits');
  if (!/^[\x20-\x7E]{1,255}$/.test(p['vnp_OrderInfo'] as string)) formatErrors.push('vnp_OrderInfo: ≤255 ASCII characters without diacritics');
  if (p['vnp_Locale'] !== 'vn' && p['vnp_Locale'] !== 'en') formatErrors.push('vnp_Locale must be vn or en');
  if (!/^https?:\/\/[^\s]+$/.test(p['vnp_ReturnUrl'] as string)) formatErrors.push('vnp_ReturnUrl must be an http(s) URL');
  const created = fromVnTime(p['vnp_CreateDate'] as string);
  const expires = fromVnTime(p['vnp_ExpireDate'] as string);
  if (!created) formatErrors.push('vnp_CreateDate must be yyyyMMddHHmmss (GMT+7)');
  if (!expires) formatErrors.push('vnp_ExpireDate must be yyyyMMddHHmmss (GMT+7)');
  if (created && expires && expires <= created) formatErrors.push('vnp_ExpireDate must be after vnp_CreateDate');
  if (formatErrors.length > 0) return { ok: false, code: '03', detail: formatErrors.join('; ') };
  if (expires && expires.getTime() <= now.getTime()) {
    return { ok: false, code: '15', detail: `vnp_ExpireDate ${p['vnp_ExpireDate']} is past (now ${vnTime(now)} GMT+7): was it written in GMT+7?` };
  }
  return { ok: true, params };
}

function errorPage(reply: FastifyReply, code: string, detail: string) {
  const text = PAY_ERRORS[code] ?? PAY_ERRORS['03'];
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .send(
      page(
        'Thông báo lỗi / Error',
        `<section class="error" id="vnpay-error" data-code="${esc(code)}"><h1>Thông báo</h1>
<p id="vnpay-error-message">${esc(text?.vi ?? '')} <span class="en">/ ${esc(text?.en ?? '')}</span></p>
<p>Mã lỗi / Error code: <strong id="vnpay-error-code">${esc(code)}</strong></p>
<p class="en" id="vnpay-error-detail">${esc(detail)}</p></section>`,
      ),
    );
}

function payPage(txn: SimTransaction, options: SimOptions): string {
  const buttons = (Object.keys(OUTCOMES) as Outcome[])
    .map((key) => {
      const o = OUTCOMES[key];
      const id = `sim-pay-${key.replace(/_/g, '-')}`;
      return `<button type="submit" name="outcome" value="${key}" id="${id}" data-testid="${id}"${key === 'success' ? ' class="primary"' : ''}>${esc(o.vi)} <span class="en">/ ${esc(o.en)}</span> (${o.responseCode})</button>`;
    })
    .join('\n');
  return page(
    'Thanh toán VNPAY / VNPAY payment',
    `<section><h1>Thanh toán đơn hàng <span class="en">/ Order payment</span></h1><dl>
<dt>Đơn vị / Merchant</dt><dd id="sim-merchant">${esc(options.tmnCode)}</dd>
<dt>Số tiền / Amount</dt><dd id="sim-amount" data-amount-vnd="${txn.amount / 100}">${esc(formatVnd(txn.amount / 100))}</dd>
<dt>Mã giao dịch / TxnRef</dt><dd id="sim-txn-ref">${esc(txn.txnRef)}</dd>
<dt>Nội dung / Order info</dt><dd id="sim-order-info">${esc(txn.orderInfo)}</dd>
<dt>Ngân hàng / Bank</dt><dd>${esc(txn.bankCode || 'NCB')}</dd>
<dt>Hết hạn / Expires</dt><dd>${esc(txn.expireDate)} (GMT+7)</dd></dl></section>
<section><p>Môi trường thử nghiệm: chọn kết quả giao dịch. <span class="en">Test environment: choose the outcome.</span></p>
<form method="post" action="/paymentv2/sim/pay" id="sim-pay-form">
<input type="hidden" name="session" value="${esc(txn.sessionId)}">
${buttons}
</form></section>`,
  );
}

export function payRoutes(app: FastifyInstance, state: SimState, options: SimOptions, ipn: IpnDeliverer): void {
  app.get('/paymentv2/vpcpay.html', async (request, reply) => {
    const raw = request.raw.url ?? '';
    const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
    const check = checkPayRequest(query, options, options.now());
    if (!check.ok) return errorPage(reply, check.code, check.detail);
    const p = check.params;
    const key = state.key(p['vnp_TmnCode'] as string, p['vnp_TxnRef'] as string);
    const existing = state.transactions.get(key);
    if (existing) {
      // Reloading the same pay URL shows the same page; another request with a used TxnRef is refused.
      const same = existing.amount === Number(p['vnp_Amount']) && existing.createDate === p['vnp_CreateDate'];
      if (!same || existing.status !== 'pending') return errorPage(reply, '01', `vnp_TxnRef ${existing.txnRef} was already used`);
      return reply.type('text/html; charset=utf-8').send(payPage(existing, options));
    }
    const txn: SimTransaction = {
      sessionId: randomHex(16),
      tmnCode: p['vnp_TmnCode'] as string,
      txnRef: p['vnp_TxnRef'] as string,
      amount: Number(p['vnp_Amount']),
      orderInfo: p['vnp_OrderInfo'] as string,
      orderType: p['vnp_OrderType'] as string,
      locale: p['vnp_Locale'] as string,
      bankCode: p['vnp_BankCode'] ?? '',
      returnUrl: p['vnp_ReturnUrl'] as string,
      ipAddr: p['vnp_IpAddr'] as string,
      createDate: p['vnp_CreateDate'] as string,
      expireDate: p['vnp_ExpireDate'] as string,
      status: 'pending',
      outcome: null,
      responseCode: null,
      transactionStatus: '01',
      transactionNo: '',
      bankTranNo: '',
      cardType: '',
      payDate: '',
      refunds: [],
      refundedAmount: 0,
      ipnStatus: 'none',
      resultQuery: null,
      openedAt: options.now().toISOString(),
    };
    state.transactions.set(key, txn);
    state.sessions.set(txn.sessionId, key);
    return reply.type('text/html; charset=utf-8').send(payPage(txn, options));
  });

  app.get('/paymentv2/Payment/Error.html', async (request, reply) => {
    const code = String((request.query as Record<string, unknown>)['code'] ?? '03');
    return errorPage(reply, code, '');
  });

  app.post('/paymentv2/sim/pay', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = typeof body['session'] === 'string' ? state.sessions.get(body['session']) : undefined;
    const txn = key ? state.transactions.get(key) : undefined;
    if (!txn) return errorPage(reply, '99', 'unknown payment session');
    if (txn.status !== 'pending') return errorPage(reply, '01', 'this payment was already completed');
    if (!isOutcome(body['outcome'])) return errorPage(reply, '03', 'outcome must be one of ' + Object.keys(OUTCOMES).join(', '));
    const now = options.now();
    const expired = (fromVnTime(txn.expireDate)?.getTime() ?? 0) <= now.getTime();
    const outcome: Outcome = expired ? 'timeout' : body['outcome'];
    const o = OUTCOMES[outcome];
    txn.status = 'completed';
    txn.outcome = outcome;
    txn.responseCode = o.responseCode;
    txn.transactionStatus = o.transactionStatus;
    txn.transactionNo = o.charged ? randomDigits(8) : '0';
    txn.bankTranNo = o.charged ? `VNP${txn.transactionNo}` : '';
    txn.cardType = o.charged ? 'ATM' : '';
    txn.payDate = vnTime(now);
    const result: Record<string, string> = {
      vnp_Amount: String(txn.amount),
      vnp_BankCode: resultBankCode(txn.bankCode),
      vnp_BankTranNo: txn.bankTranNo,
      vnp_CardType: txn.cardType,
      vnp_OrderInfo: txn.orderInfo,
      vnp_PayDate: txn.payDate,
      vnp_ResponseCode: o.responseCode,
      vnp_TmnCode: txn.tmnCode,
      vnp_TransactionNo: txn.transactionNo,
      vnp_TransactionStatus: o.transactionStatus,
      vnp_TxnRef: txn.txnRef,
    };
    txn.resultQuery = signedQuery(result, options.hashSecret);
    const controls = state.controls;
    if (controls.dropIpn) {
      txn.ipnStatus = 'dropped';
    } else if (controls.ipnTiming === 'before_redirect') {
      const first = ipn.deliver(txn);
      const duplicate = controls.duplicateIpn ? ipn.deliver(txn) : Promise.resolve();
      await Promise.all([first, duplicate]);
    } else {
      const { ipnDelayMs, duplicateIpn } = controls;
      txn.ipnStatus = 'pending';
      reply.raw.once('finish', () => ipn.schedule(txn, ipnDelayMs, duplicateIpn));
    }
    const sep = txn.returnUrl.includes('?') ? '&' : '?';
    return reply.redirect(`${txn.returnUrl}${sep}${txn.resultQuery}`, 302);
  });
}
