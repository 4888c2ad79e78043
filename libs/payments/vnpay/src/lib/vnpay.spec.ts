import { createHmac } from 'node:crypto';
import { HashAlgorithm, VNPay, buildPaymentUrlSearchParams, calculateSecureHash } from 'vnpay';
import {
  Vnpay,
  VnpayApiError,
  VnpayConnectionError,
  VnpayError,
  VnpayInvalidRequestError,
  VnpaySignatureError,
  canonicalQuery,
  formatVnDate,
  parseVnDate,
  signParams,
  stripDiacritics,
  verifySignature,
  VNPAY_IPN_ANSWERS,
  type VnpayFetch,
} from '../index';

const VECTOR_DATA =
  'vnp_Amount=1000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14422574&vnp_CardType=ATM&vnp_OrderInfo=Thanh+toan+don+hang+2024-05-21T02%3A17%3A31.249Z&vnp_PayDate=20240521091806&vnp_ResponseCode=00&vnp_TmnCode=TEST_TMN_CODE&vnp_TransactionNo=14422574&vnp_TransactionStatus=00&vnp_TxnRef=1716257871703';
const VECTOR_HASH =
  '649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895';
const VECTOR_99_HASH =
  '503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b';

const TMN = 'NSSDEV01';
const SECRET = 'dev-secret-0123456789abcdefghijk';
const GATEWAY = 'http://127.0.0.1:7300';
const NOW = new Date('2026-12-01T17:30:00.000Z'); // 00:30 on 2 December in Vietnam

const queryOf = (data: string) => Object.fromEntries(new URLSearchParams(data));
const sdk = (over: Partial<ConstructorParameters<typeof Vnpay>[0]> = {}) =>
  new Vnpay({ tmnCode: TMN, hashSecret: SECRET, gatewayUrl: GATEWAY, clock: () => NOW, ...over });
const pipeHash = (data: string, secret = SECRET) => createHmac('sha512', secret).update(data).digest('hex');

function catchError(fn: () => unknown): VnpayError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VnpayError) return error;
    throw error;
  }
  throw new Error('expected a VnpayError');
}
async function catchAsync(promise: Promise<unknown>): Promise<VnpayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VnpayError) return error;
    throw error;
  }
  throw new Error('expected a VnpayError');
}

describe('published test vectors (payments.md)', () => {
  const vectorSdk = new Vnpay({ tmnCode: 'TEST_TMN_CODE', hashSecret: 'test_secret', gatewayUrl: 'https://sandbox.vnpayment.vn', clock: () => NOW });

  it('signs the success vector exactly, and the canonical string is the vector string', () => {
    const query = queryOf(VECTOR_DATA);
    expect(canonicalQuery(query)).toBe(VECTOR_DATA);
    expect(signParams(query, 'test_secret')).toBe(VECTOR_HASH);
  });

  it('signs the ResponseCode=99 vector exactly', () => {
    const query = queryOf(VECTOR_DATA.replace('vnp_ResponseCode=00', 'vnp_ResponseCode=99'));
    expect(signParams(query, 'test_secret')).toBe(VECTOR_99_HASH);
  });

  it('verifies the vector as a successful return, whatever the order of the keys, ignoring non-vnp_ params', () => {
    const entries = Object.entries(queryOf(VECTOR_DATA)).reverse();
    const result = vectorSdk.returns.verify({ ...Object.fromEntries(entries), vnp_SecureHash: VECTOR_HASH, utm_source: 'zalo', lang: ['vi', 'en'] });
    expect(result).toMatchObject({
      txnRef: '1716257871703',
      amount: 1_000_000,
      amountVnd: 10_000,
      responseCode: '00',
      transactionStatus: '00',
      transactionNo: '14422574',
      bankCode: 'NCB',
      bankTranNo: 'VNP14422574',
      cardType: 'ATM',
      orderInfo: 'Thanh toan don hang 2024-05-21T02:17:31.249Z',
      succeeded: true,
      needsReview: false,
    });
    expect(result.payDate?.toISOString()).toBe('2024-05-21T02:18:06.000Z');
  });

  it('turns the 99 vector into a payment.failed event, the same id for each retry', () => {
    const query = { ...queryOf(VECTOR_DATA.replace('vnp_ResponseCode=00', 'vnp_ResponseCode=99')), vnp_SecureHash: VECTOR_99_HASH };
    const event = vectorSdk.webhooks.constructEvent(query);
    expect(event.type).toBe('payment.failed');
    expect(event.data.succeeded).toBe(false);
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(vectorSdk.webhooks.constructEvent({ ...query }).id).toBe(event.id);
    expect(vectorSdk.webhooks.constructEvent({ ...queryOf(VECTOR_DATA), vnp_SecureHash: VECTOR_HASH }).id).not.toBe(event.id);
  });

  it('accepts an upper-case hex hash', () => {
    expect(vectorSdk.returns.verify({ ...queryOf(VECTOR_DATA), vnp_SecureHash: VECTOR_HASH.toUpperCase() }).succeeded).toBe(true);
  });
});

describe('signature failures', () => {
  const vectorSdk = new Vnpay({ tmnCode: 'TEST_TMN_CODE', hashSecret: 'test_secret', gatewayUrl: 'https://sandbox.vnpayment.vn' });
  const signed = () => ({ ...queryOf(VECTOR_DATA), vnp_SecureHash: VECTOR_HASH }) as Record<string, string | string[] | undefined>;

  it.each([
    ['a missing hash', (q: Record<string, unknown>) => delete q['vnp_SecureHash'], 'missing_signature'],
    ['an empty hash', (q: Record<string, unknown>) => (q['vnp_SecureHash'] = ''), 'missing_signature'],
    ['an altered amount', (q: Record<string, unknown>) => (q['vnp_Amount'] = '100'), 'invalid_signature'],
    ['the 99 hash on the 00 data', (q: Record<string, unknown>) => (q['vnp_SecureHash'] = VECTOR_99_HASH), 'invalid_signature'],
    ['a truncated hash', (q: Record<string, unknown>) => (q['vnp_SecureHash'] = VECTOR_HASH.slice(0, 64)), 'invalid_signature'],
    ['an added vnp_ parameter', (q: Record<string, unknown>) => (q['vnp_Extra'] = '1'), 'invalid_signature'],
    ['a repeated vnp_ parameter', (q: Record<string, unknown>) => (q['vnp_ResponseCode'] = ['00', '99']), 'duplicate_parameter'],
  ])('refuses %s (signature_verification_error), for returns and webhooks', (_name, alter, code) => {
    const query = signed();
    alter(query);
    for (const fn of [() => vectorSdk.returns.verify(query), () => vectorSdk.webhooks.constructEvent(query)]) {
      const error = catchError(fn);
      expect(error).toBeInstanceOf(VnpaySignatureError);
      expect(error.type).toBe('signature_verification_error');
      expect(error.code).toBe(code);
    }
  });

  it('refuses a correctly signed message for another merchant', () => {
    const other = new Vnpay({ tmnCode: 'OTHER123', hashSecret: 'test_secret', gatewayUrl: 'https://sandbox.vnpayment.vn' });
    const error = catchError(() => other.returns.verify(signed()));
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'tmn_code_mismatch', param: 'vnp_TmnCode' });
  });

  it('verifySignature: false for a missing hash, true for the vector', () => {
    expect(verifySignature(queryOf(VECTOR_DATA), undefined, 'test_secret')).toBe(false);
    expect(verifySignature(queryOf(VECTOR_DATA), VECTOR_HASH, 'test_secret')).toBe(true);
    expect(verifySignature(queryOf(VECTOR_DATA), VECTOR_HASH, 'other')).toBe(false);
  });
});

describe('payments.create', () => {
  const base = { amountVnd: 125_000, txnRef: 'TTABCDEFGH23-1', orderInfo: 'Thanh toan don TTABCDEFGH23', ipAddr: '203.0.113.9', returnUrl: 'http://localhost:3000/api/payments/vnpay/return?x=1' };

  it('builds the signed URL: amount × 100, GMT+7 dates, exactly the signed string as the query', () => {
    const payment = sdk().payments.create(base);
    const url = new URL(payment.url);
    expect(url.origin + url.pathname).toBe(`${GATEWAY}/paymentv2/vpcpay.html`);
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: TMN,
      vnp_Amount: '12500000',
      vnp_CurrCode: 'VND',
      vnp_TxnRef: 'TTABCDEFGH23-1',
      vnp_OrderInfo: 'Thanh toan don TTABCDEFGH23',
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: base.returnUrl,
      vnp_IpAddr: '203.0.113.9',
      vnp_CreateDate: '20261202003000',
      vnp_ExpireDate: '20261202004500',
    });
    expect(query['vnp_SecureHashType']).toBeUndefined();
    expect(query['vnp_BankCode']).toBeUndefined();
    expect(payment.createDate).toBe('20261202003000');
    expect(payment.expireDate).toBe('20261202004500');
    const [signedPart, hashPart] = url.search.slice(1).split('&vnp_SecureHash=');
    expect(hashPart).toBe(pipeHash(signedPart as string));
    expect(payment.params['vnp_SecureHash']).toBe(hashPart);
    expect(signedPart).toContain('vnp_OrderInfo=Thanh+toan+don+TTABCDEFGH23');
    expect(signedPart).toContain('vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fpayments%2Fvnpay%2Freturn%3Fx%3D1');
  });

  it('takes bankCode, locale, orderType and explicit dates', () => {
    const payment = sdk().payments.create({
      ...base,
      bankCode: 'VNBANK',
      locale: 'en',
      orderType: 'billpayment',
      createdAt: new Date('2026-12-01T00:00:00Z'),
      expiresAt: new Date('2026-12-01T01:00:00Z'),
    });
    expect(payment.params).toMatchObject({ vnp_BankCode: 'VNBANK', vnp_Locale: 'en', vnp_OrderType: 'billpayment', vnp_CreateDate: '20261201070000', vnp_ExpireDate: '20261201080000' });
  });

  it.each([
    ['amountVnd', { amountVnd: 0 }],
    ['amountVnd', { amountVnd: -5000 }],
    ['amountVnd', { amountVnd: 10_000.5 }],
    ['amountVnd', { amountVnd: Number.NaN }],
    ['amountVnd', { amountVnd: '10000' as unknown as number }],
    ['amountVnd', { amountVnd: Number.MAX_SAFE_INTEGER }],
    ['txnRef', { txnRef: '' }],
    ['txnRef', { txnRef: 'a b' }],
    ['txnRef', { txnRef: 'x'.repeat(101) }],
    ['orderInfo', { orderInfo: 'Thanh toán đơn hàng' }],
    ['orderInfo', { orderInfo: 'x'.repeat(256) }],
    ['orderInfo', { orderInfo: 'line\nbreak' }],
    ['ipAddr', { ipAddr: 'localhost' }],
    ['returnUrl', { returnUrl: '/relative' }],
    ['returnUrl', { returnUrl: 'javascript:alert(1)' }],
    ['bankCode', { bankCode: 'NCB&vnp_Amount=1' }],
    ['locale', { locale: 'fr' as 'vn' }],
    ['expiresAt', { createdAt: NOW, expiresAt: NOW }],
  ])('refuses a bad %s (invalid_request_error naming it)', (param, over) => {
    const error = catchError(() => sdk().payments.create({ ...base, ...over }));
    expect(error).toBeInstanceOf(VnpayInvalidRequestError);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
  });

  it('its URLs verify with the vnpay npm package (an independent implementation)', () => {
    const payment = sdk().payments.create({ ...base, orderInfo: "Don hang (2) * 'test' ~ !", bankCode: 'NCB' });
    const query = Object.fromEntries(new URL(payment.url).searchParams);
    const { vnp_SecureHash, ...rest } = query;
    const data = buildPaymentUrlSearchParams(rest).toString();
    expect(calculateSecureHash({ secureSecret: SECRET, data, hashAlgorithm: HashAlgorithm.SHA512, bufferEncode: 'utf-8' })).toBe(vnp_SecureHash);
  });
});

describe('agreement with the vnpay npm package', () => {
  const theirs = new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: GATEWAY, hashAlgorithm: HashAlgorithm.SHA512 });

  it('verifies the URLs the package builds', () => {
    const url = new URL(
      theirs.buildPaymentUrl({ vnp_Amount: 50_000, vnp_IpAddr: '10.0.0.1', vnp_TxnRef: 'ABC123', vnp_OrderInfo: 'Thanh toan don ABC123 (x2)', vnp_ReturnUrl: 'http://localhost:3000/r?a=b c' }),
    );
    const query = Object.fromEntries(url.searchParams);
    expect(verifySignature(query, query['vnp_SecureHash'], SECRET)).toBe(true);
    expect(verifySignature({ ...query, vnp_Amount: '1' }, query['vnp_SecureHash'], SECRET)).toBe(false);
  });

  it('IPN and return queries signed with its primitives verify with ours, and ours verify with its verifyIpnCall', () => {
    const fields = {
      vnp_Amount: '12500000',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP1',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: 'Thanh toan don TT23 & co: 100%',
      vnp_PayDate: '20261202003100',
      vnp_ResponseCode: '24',
      vnp_TmnCode: TMN,
      vnp_TransactionNo: '0',
      vnp_TransactionStatus: '02',
      vnp_TxnRef: 'TT23-1',
    };
    const theirHash = calculateSecureHash({ secureSecret: SECRET, data: buildPaymentUrlSearchParams(fields).toString(), hashAlgorithm: HashAlgorithm.SHA512, bufferEncode: 'utf-8' });
    const event = sdk().webhooks.constructEvent({ ...fields, vnp_SecureHash: theirHash });
    expect(event).toMatchObject({ type: 'payment.failed', data: { responseCode: '24', amountVnd: 125_000, orderInfo: 'Thanh toan don TT23 & co: 100%' } });
    expect(event.created.toISOString()).toBe('2026-12-01T17:31:00.000Z');
    const ourHash = signParams(fields, SECRET);
    expect(ourHash).toBe(theirHash);
    const verified = theirs.verifyIpnCall({ ...fields, vnp_SecureHash: ourHash });
    expect(verified.isVerified).toBe(true);
    expect(theirs.verifyReturnUrl({ ...fields, vnp_SecureHash: ourHash }).isVerified).toBe(true);
  });
});

describe('querydr/refund request hashes agree with the vnpay npm package', () => {
  const theirs = new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: GATEWAY, hashAlgorithm: HashAlgorithm.SHA512 });
  /** Runs `fn` with a global fetch that records the JSON bodies sent and answers an (unsigned) 99. */
  async function bodiesSentBy(fn: (fetch: VnpayFetch) => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const bodies: Array<Record<string, unknown>> = [];
    const fake = async (_url: unknown, init?: { body?: unknown }) => {
      bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response(JSON.stringify({ vnp_ResponseCode: '99' }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(fake as typeof fetch);
    try {
      await fn(fake as unknown as VnpayFetch).catch(() => undefined);
    } finally {
      spy.mockRestore();
    }
    return bodies;
  }

  it('querydr', async () => {
    const common = { requestId: 'agree-q-1', txnRef: 'TT23-1', transactionDate: '20261202001000', orderInfo: 'Truy van TT23', ipAddr: '127.0.0.1' };
    const [ours] = await bodiesSentBy((fetch) => sdk({ fetch }).transactions.query(common));
    const [their] = await bodiesSentBy(() =>
      theirs.queryDr({
        vnp_RequestId: common.requestId,
        vnp_TxnRef: common.txnRef,
        vnp_TransactionDate: Number(common.transactionDate),
        vnp_OrderInfo: common.orderInfo,
        vnp_IpAddr: common.ipAddr,
        vnp_CreateDate: Number(formatVnDate(NOW)),
      } as never),
    );
    expect(ours?.['vnp_SecureHash']).toMatch(/^[0-9a-f]{128}$/);
    expect(their?.['vnp_SecureHash']).toBe(ours?.['vnp_SecureHash']);
  });

  it('refund (03 partial, amount × 100)', async () => {
    const common = { requestId: 'agree-r-1', txnRef: 'TT23-1', transactionNo: '14422574', transactionDate: '20261202001000', amountVnd: 40_000, createdBy: 'staff-42', orderInfo: 'Hoan tien DH23', ipAddr: '127.0.0.1' };
    const [ours] = await bodiesSentBy((fetch) => sdk({ fetch }).refunds.create({ ...common, full: false }));
    const [their] = await bodiesSentBy(() =>
      theirs.refund({
        vnp_RequestId: common.requestId,
        vnp_TxnRef: common.txnRef,
        vnp_TransactionNo: Number(common.transactionNo),
        vnp_TransactionDate: Number(common.transactionDate),
        vnp_Amount: common.amountVnd,
        vnp_TransactionType: '03',
        vnp_CreateBy: common.createdBy,
        vnp_OrderInfo: common.orderInfo,
        vnp_IpAddr: common.ipAddr,
        vnp_CreateDate: Number(formatVnDate(NOW)),
      } as never),
    );
    expect(ours?.['vnp_Amount']).toBe('4000000');
    expect(their?.['vnp_SecureHash']).toBe(ours?.['vnp_SecureHash']);
  });
});

describe('event types', () => {
  const signedQuery = (over: Record<string, string>) => {
    const fields = { vnp_Amount: '1000000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TmnCode: TMN, vnp_TxnRef: 'T1', vnp_TransactionNo: '77', ...over };
    return { ...fields, vnp_SecureHash: signParams(fields, SECRET) };
  };
  it.each([
    [{}, 'payment.succeeded'],
    [{ vnp_ResponseCode: '07' }, 'payment.review'],
    [{ vnp_TransactionStatus: '07' }, 'payment.review'],
    [{ vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }, 'payment.failed'],
    [{ vnp_ResponseCode: '51', vnp_TransactionStatus: '02' }, 'payment.failed'],
    [{ vnp_ResponseCode: '00', vnp_TransactionStatus: '01' }, 'payment.failed'],
  ])('%j → %s', (over, type) => {
    expect(sdk().webhooks.constructEvent(signedQuery(over)).type).toBe(type);
  });
  it('uses the clock when there is no PayDate', () => {
    expect(sdk().webhooks.constructEvent(signedQuery({})).created).toEqual(NOW);
  });
  it('reports an amount that is not a multiple of 100 as is (the merchant answers 04)', () => {
    expect(sdk().webhooks.constructEvent(signedQuery({ vnp_Amount: '1000050' })).data).toMatchObject({ amount: 1_000_050, amountVnd: 10_000.5 });
  });
  it('refuses a signed message without an amount or response code (invalid_request_error)', () => {
    expect(catchError(() => sdk().webhooks.constructEvent(signedQuery({ vnp_Amount: '' })))).toMatchObject({ type: 'invalid_request_error', param: 'vnp_Amount' });
    expect(catchError(() => sdk().webhooks.constructEvent(signedQuery({ vnp_Amount: '-5' })))).toMatchObject({ type: 'invalid_request_error', param: 'vnp_Amount' });
  });
});

describe('dates (GMT+7 whatever the process time zone)', () => {
  it('formats and parses around midnight Vietnam time', () => {
    expect(formatVnDate(new Date('2026-12-31T16:59:59Z'))).toBe('20261231235959');
    expect(formatVnDate(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
    expect(parseVnDate('20270101000000').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(() => parseVnDate('20260231120000')).toThrow(VnpayInvalidRequestError);
    expect(() => parseVnDate('2026-02-01')).toThrow(VnpayInvalidRequestError);
  });

  it('the process time zone does not matter (see dates-tz.spec.ts for child processes with TZ=UTC and TZ=America/New_York)', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBeDefined();
    expect(formatVnDate(NOW)).toBe('20261202003000');
  });
});

describe('transactions.query (querydr)', () => {
  type Call = { url: string; body: Record<string, string> };
  const fakeFetch = (answer: (body: Record<string, string>) => Record<string, unknown> | string, status = 200) => {
    const calls: Call[] = [];
    const fetch: VnpayFetch = async (url, init) => {
      const body = JSON.parse(init.body) as Record<string, string>;
      calls.push({ url, body });
      const a = answer(body);
      return { ok: status < 300, status, text: async () => (typeof a === 'string' ? a : JSON.stringify(a)) };
    };
    return { fetch, calls };
  };
  const signQueryAnswer = (a: Record<string, string>) => ({
    ...a,
    vnp_SecureHash: pipeHash(
      ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount']
        .map((k) => a[k] ?? '')
        .join('|'),
    ),
  });
  const found = (body: Record<string, string>) =>
    signQueryAnswer({
      vnp_ResponseId: 'resp1',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: TMN,
      vnp_TxnRef: body['vnp_TxnRef'] as string,
      vnp_Amount: '12500000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20261202001500',
      vnp_TransactionNo: '14422574',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: '00',
      vnp_OrderInfo: body['vnp_OrderInfo'] as string,
    });
  const input = { txnRef: 'TT23-1', transactionDate: '20261202001000', orderInfo: 'Truy van TT23', ipAddr: '127.0.0.1', requestId: 'req-0001' };

  it('sends the exact body and hash data, verifies the signed answer', async () => {
    const { fetch, calls } = fakeFetch(found);
    const result = await sdk({ fetch }).transactions.query(input);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${GATEWAY}/merchant_webapi/api/transaction`);
    const body = calls[0]?.body as Record<string, string>;
    expect(body).toEqual({
      vnp_RequestId: 'req-0001',
      vnp_Version: '2.1.0',
      vnp_Command: 'querydr',
      vnp_TmnCode: TMN,
      vnp_TxnRef: 'TT23-1',
      vnp_OrderInfo: 'Truy van TT23',
      vnp_TransactionDate: '20261202001000',
      vnp_CreateDate: '20261202003000',
      vnp_IpAddr: '127.0.0.1',
      vnp_SecureHash: pipeHash(`req-0001|2.1.0|querydr|${TMN}|TT23-1|20261202001000|20261202003000|127.0.0.1|Truy van TT23`),
    });
    expect(result).toMatchObject({ found: true, succeeded: true, amountVnd: 125_000, transactionNo: '14422574', transactionStatus: '00', responseCode: '00', requestId: 'req-0001' });
    expect(result.payDate?.toISOString()).toBe('2026-12-01T17:15:00.000Z');
  });

  it('accepts a Date transactionDate and generates a 32-character request id', async () => {
    const { fetch, calls } = fakeFetch(found);
    await sdk({ fetch }).transactions.query({ ...input, requestId: undefined, transactionDate: new Date('2026-12-01T17:10:00Z') });
    expect(calls[0]?.body['vnp_TransactionDate']).toBe('20261202001000');
    expect(calls[0]?.body['vnp_RequestId']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('91 → found: false', async () => {
    const { fetch } = fakeFetch((b) => signQueryAnswer({ vnp_ResponseId: 'r', vnp_Command: 'querydr', vnp_ResponseCode: '91', vnp_Message: 'Not found', vnp_TmnCode: TMN, vnp_TxnRef: b['vnp_TxnRef'] as string }));
    expect(await sdk({ fetch }).transactions.query(input)).toMatchObject({ found: false, succeeded: false, responseCode: '91', amountVnd: null, payDate: null });
  });

  it('refuses an unsigned answer, even one that says success', async () => {
    const { fetch } = fakeFetch((b) => {
      const { vnp_SecureHash: _drop, ...unsigned } = found(b);
      return unsigned;
    });
    const error = await catchAsync(sdk({ fetch }).transactions.query(input));
    expect(error).toBeInstanceOf(VnpaySignatureError);
    expect(error.code).toBe('missing_signature');
  });

  it('refuses an answer whose data was altered after signing', async () => {
    const { fetch } = fakeFetch((b) => ({ ...found(b), vnp_Amount: '1' }));
    expect(await catchAsync(sdk({ fetch }).transactions.query(input))).toMatchObject({ type: 'signature_verification_error', code: 'invalid_signature' });
  });

  it('refuses a signed answer about another transaction', async () => {
    const { fetch } = fakeFetch((b) => found({ ...b, vnp_TxnRef: 'OTHER' }));
    expect(await catchAsync(sdk({ fetch }).transactions.query(input))).toMatchObject({ type: 'api_error', code: 'response_mismatch' });
  });

  it.each([
    ['97', 'invalid_signature'],
    ['94', 'duplicate_request'],
    ['02', 'invalid_tmn_code'],
    ['03', 'invalid_format'],
    ['99', 'gateway_error'],
  ])('signed refusal %s → api_error %s', async (code, name) => {
    const { fetch } = fakeFetch((b) => signQueryAnswer({ vnp_ResponseId: 'r', vnp_Command: 'querydr', vnp_ResponseCode: code, vnp_Message: 'no', vnp_TmnCode: TMN, vnp_TxnRef: b['vnp_TxnRef'] as string }));
    const error = await catchAsync(sdk({ fetch }).transactions.query(input));
    expect(error).toBeInstanceOf(VnpayApiError);
    expect(error).toMatchObject({ code: name, responseCode: code });
  });

  it('HTTP errors and non-JSON → api_error; network failure and time out → connection_error', async () => {
    expect(await catchAsync(sdk({ fetch: fakeFetch(found, 502).fetch }).transactions.query(input))).toMatchObject({ type: 'api_error', code: 'http_error' });
    expect(await catchAsync(sdk({ fetch: fakeFetch(() => '<html>').fetch }).transactions.query(input))).toMatchObject({ type: 'api_error', code: 'invalid_response' });
    const refused: VnpayFetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await catchAsync(sdk({ fetch: refused }).transactions.query(input))).toMatchObject({ type: 'connection_error', code: 'connection_failed' });
    const hanging: VnpayFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    const error = await catchAsync(sdk({ fetch: hanging, timeoutMs: 50 }).transactions.query(input));
    expect(error).toBeInstanceOf(VnpayConnectionError);
    expect(error.code).toBe('timeout');
  });

  it('validates its input before calling', async () => {
    const { fetch, calls } = fakeFetch(found);
    expect(await catchAsync(sdk({ fetch }).transactions.query({ ...input, transactionDate: '2026-12-02' }))).toMatchObject({ param: 'transactionDate' });
    expect(await catchAsync(sdk({ fetch }).transactions.query({ ...input, requestId: 'x'.repeat(33) }))).toMatchObject({ param: 'requestId' });
    expect(calls).toHaveLength(0);
  });
});

describe('refunds.create', () => {
  const signRefundAnswer = (a: Record<string, string>) => ({
    ...a,
    vnp_SecureHash: pipeHash(
      ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo']
        .map((k) => a[k] ?? '')
        .join('|'),
    ),
  });
  const bodies: Record<string, string>[] = [];
  const fetchAnswering =
    (code: string): VnpayFetch =>
    async (_url, init) => {
      const body = JSON.parse(init.body) as Record<string, string>;
      bodies.push(body);
      const answer = signRefundAnswer({
        vnp_ResponseId: 'rr1',
        vnp_Command: 'refund',
        vnp_ResponseCode: code,
        vnp_Message: code === '00' ? 'Refund success' : 'Refused',
        vnp_TmnCode: TMN,
        vnp_TxnRef: body['vnp_TxnRef'] as string,
        vnp_Amount: body['vnp_Amount'] as string,
        vnp_BankCode: 'NCB',
        vnp_PayDate: '20261202001500',
        vnp_TransactionNo: '14422575',
        vnp_TransactionType: body['vnp_TransactionType'] as string,
        vnp_TransactionStatus: '05',
        vnp_OrderInfo: body['vnp_OrderInfo'] as string,
      });
      return { ok: true, status: 200, text: async () => JSON.stringify(answer) };
    };
  const input = {
    txnRef: 'TT23-1',
    transactionNo: '14422574',
    transactionDate: '20261202001000',
    amountVnd: 40_000,
    full: false,
    createdBy: 'staff-42',
    orderInfo: 'Hoan tien DH23',
    ipAddr: '127.0.0.1',
    requestId: 'ref-0001',
  };
  beforeEach(() => bodies.splice(0));

  it('03 partial: exact body and hash data, amount × 100', async () => {
    const result = await sdk({ fetch: fetchAnswering('00') }).refunds.create(input);
    expect(bodies[0]).toEqual({
      vnp_RequestId: 'ref-0001',
      vnp_Version: '2.1.0',
      vnp_Command: 'refund',
      vnp_TmnCode: TMN,
      vnp_TransactionType: '03',
      vnp_TxnRef: 'TT23-1',
      vnp_Amount: '4000000',
      vnp_TransactionNo: '14422574',
      vnp_TransactionDate: '20261202001000',
      vnp_CreateBy: 'staff-42',
      vnp_CreateDate: '20261202003000',
      vnp_IpAddr: '127.0.0.1',
      vnp_OrderInfo: 'Hoan tien DH23',
      vnp_SecureHash: pipeHash(`ref-0001|2.1.0|refund|${TMN}|03|TT23-1|4000000|14422574|20261202001000|staff-42|20261202003000|127.0.0.1|Hoan tien DH23`),
    });
    expect(result).toMatchObject({ responseCode: '00', amountVnd: 40_000, transactionType: '03', transactionNo: '14422575' });
  });

  it('02 full', async () => {
    await sdk({ fetch: fetchAnswering('00') }).refunds.create({ ...input, full: true, amountVnd: 125_000 });
    expect(bodies[0]?.['vnp_TransactionType']).toBe('02');
    expect(bodies[0]?.['vnp_Amount']).toBe('12500000');
  });

  it.each([
    ['93', 'invalid_refund_amount'],
    ['94', 'duplicate_request'],
    ['95', 'refund_refused'],
    ['91', 'transaction_not_found'],
  ])('%s → api_error %s', async (code, name) => {
    expect(await catchAsync(sdk({ fetch: fetchAnswering(code) }).refunds.create(input))).toMatchObject({ type: 'api_error', code: name, responseCode: code });
  });

  it('refuses a bad amount or a missing full flag before calling', async () => {
    for (const amountVnd of [0, -1, 1.5]) {
      expect(await catchAsync(sdk({ fetch: fetchAnswering('00') }).refunds.create({ ...input, amountVnd }))).toMatchObject({ type: 'invalid_request_error', param: 'amountVnd' });
    }
    expect(await catchAsync(sdk({ fetch: fetchAnswering('00') }).refunds.create({ ...input, full: undefined as unknown as boolean }))).toMatchObject({ param: 'full' });
    expect(bodies).toHaveLength(0);
  });
});

describe('configuration and helpers', () => {
  it('refuses a bad configuration', () => {
    expect(catchError(() => sdk({ tmnCode: '' }))).toMatchObject({ param: 'tmnCode' });
    expect(catchError(() => sdk({ hashSecret: '' }))).toMatchObject({ param: 'hashSecret' });
    expect(catchError(() => sdk({ gatewayUrl: 'sandbox.vnpayment.vn' }))).toMatchObject({ param: 'gatewayUrl' });
    expect(catchError(() => sdk({ timeoutMs: 0 }))).toMatchObject({ param: 'timeoutMs' });
  });
  it('accepts a gateway URL with a trailing slash', () => {
    expect(sdk({ gatewayUrl: `${GATEWAY}/` }).payments.create({ amountVnd: 5000, txnRef: 'A1', orderInfo: 'x', ipAddr: '::1', returnUrl: 'https://a.vn/r' }).url).toMatch(
      /^http:\/\/127\.0\.0\.1:7300\/paymentv2\/vpcpay\.html\?vnp_Amount=500000&/,
    );
  });
  it('IPN answers are the exact strings VNPay expects', () => {
    expect(JSON.stringify(VNPAY_IPN_ANSWERS.confirmSuccess)).toBe('{"RspCode":"00","Message":"Confirm Success"}');
    expect(JSON.stringify(VNPAY_IPN_ANSWERS.invalidSignature)).toBe('{"RspCode":"97","Message":"Invalid signature"}');
    expect(Object.values(VNPAY_IPN_ANSWERS).map((a) => a.RspCode)).toEqual(['00', '01', '02', '04', '97', '99']);
  });
  it('stripDiacritics makes OrderInfo text', () => {
    expect(stripDiacritics('Thanh toán  đơn hàng ĐH-23 — Nông Sàn Số')).toBe('Thanh toan don hang DH-23 Nong San So');
  });
});
