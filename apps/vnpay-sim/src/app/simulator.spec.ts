import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashAlgorithm, VNPay, dateFormat } from 'vnpay';
import { hashData, hmac512, fromVnTime, vnTime } from './protocol';
import { DEV_HASH_SECRET, DEV_TMN_CODE, simOptionsFromEnv, type SimOptions } from './sim-options';
import { buildSimulator } from './simulator';
import type { IpnLogEntry, SimTransaction } from './sim-state';

const VECTOR_DATA =
  'vnp_Amount=1000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14422574&vnp_CardType=ATM&vnp_OrderInfo=Thanh+toan+don+hang+2024-05-21T02%3A17%3A31.249Z&vnp_PayDate=20240521091806&vnp_ResponseCode=00&vnp_TmnCode=TEST_TMN_CODE&vnp_TransactionNo=14422574&vnp_TransactionStatus=00&vnp_TxnRef=1716257871703';

/** A merchant's IPN endpoint: answers from a script, records the queries it got. */
class FakeMerchant {
  readonly calls: Array<Record<string, string>> = [];
  private server!: Server;
  url = '';
  constructor(private readonly answers: Array<string | 'hang' | 'drop' | 'garbage'>) {}
  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res) => {
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      this.calls.push(query);
      const answer = this.answers[Math.min(this.calls.length - 1, this.answers.length - 1)] ?? '00';
      if (answer === 'hang') return; // never answers: the simulator's time out
      if (answer === 'drop') return void req.socket.destroy();
      if (answer === 'garbage') return void res.end('<html>oops</html>');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ RspCode: answer, Message: 'x' }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payments/vnpay/ipn`;
    return this;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const until = async (condition: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('VNPay simulator', () => {
  let sim: ReturnType<typeof buildSimulator>;
  let merchant: FakeMerchant;
  const base = simOptionsFromEnv({});
  const start = async (answers: Array<string | 'hang' | 'drop' | 'garbage'> = ['00'], over: Partial<SimOptions> = {}) => {
    merchant = await new FakeMerchant(answers).start();
    sim = buildSimulator({ ...base, ipnUrl: merchant.url, ipnRetryMs: 20, ipnTimeoutMs: 1000, ...over }, () => undefined);
  };
  afterEach(async () => {
    await sim?.app.close();
    await merchant?.stop();
  });

  /** A pay request signed in the test (the protocol by hand), with `over` applied before (or after) signing. */
  const payQuery = (over: Record<string, string> = {}, opts: { secret?: string; after?: Record<string, string> } = {}) => {
    const now = new Date();
    const params: Record<string, string> = {
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: DEV_TMN_CODE,
      vnp_Amount: '12500000',
      vnp_CurrCode: 'VND',
      vnp_TxnRef: `T${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      vnp_OrderInfo: 'Thanh toan don TTABC',
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: 'http://localhost:3000/api/payments/vnpay/return',
      vnp_IpAddr: '127.0.0.1',
      vnp_CreateDate: vnTime(now),
      vnp_ExpireDate: vnTime(new Date(now.getTime() + 15 * 60_000)),
      ...over,
    };
    const data = [...Object.entries(params)]
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${new URLSearchParams({ v }).toString().slice(2)}`)
      .join('&');
    const hash = createHmac('sha512', opts.secret ?? DEV_HASH_SECRET).update(data).digest('hex');
    const extra = opts.after ? `&${new URLSearchParams(opts.after).toString()}` : '';
    return { params, url: `/paymentv2/vpcpay.html?${data}${extra}&vnp_SecureHash=${hash}` };
  };
  const open = (url: string) => sim.app.inject({ method: 'GET', url });
  const sessionOf = (html: string) => /name="session" value="([0-9a-f]+)"/.exec(html)?.[1] ?? '';
  const choose = (session: string, outcome: string) =>
    sim.app.inject({ method: 'POST', url: '/paymentv2/sim/pay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `session=${session}&outcome=${outcome}` });
  const pay = async (outcome = 'success', over: Record<string, string> = {}) => {
    const { url, params } = payQuery(over);
    const page = await open(url);
    expect(page.statusCode).toBe(200);
    const res = await choose(sessionOf(page.body), outcome);
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers['location']));
    return { params, location, query: Object.fromEntries(location.searchParams) };
  };
  const txnOf = (txnRef: string) => sim.state.list().find((t) => t.txnRef === txnRef) as SimTransaction;
  const ipnLog = async (txnRef: string) => (await sim.app.inject({ method: 'GET', url: `/sim/ipn-log?txnRef=${txnRef}` })).json() as IpnLogEntry[];

  describe('signing (re-implemented from payments.md)', () => {
    it('matches both published vectors', () => {
      const params = Object.fromEntries(new URLSearchParams(VECTOR_DATA));
      expect(hashData(params)).toBe(VECTOR_DATA);
      expect(hmac512('test_secret', hashData(params))).toBe(
        '649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895',
      );
      expect(hmac512('test_secret', hashData({ ...params, vnp_ResponseCode: '99' }))).toBe(
        '503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b',
      );
    });
    it('GMT+7 dates', () => {
      expect(vnTime(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
      expect(fromVnTime('20270101000000')?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
      expect(fromVnTime('20260230000000')).toBeNull();
    });
  });

  describe('pay page', () => {
    it('takes a URL built by the vnpay npm package, shows the page, redirects back signed and sends the IPN', async () => {
      await start(['00']);
      const merchantSdk = new VNPay({ tmnCode: DEV_TMN_CODE, secureSecret: DEV_HASH_SECRET, vnpayHost: 'http://127.0.0.1:7300', hashAlgorithm: HashAlgorithm.SHA512 });
      const created = new Date();
      const url = new URL(
        merchantSdk.buildPaymentUrl({
          vnp_Amount: 125_000,
          vnp_IpAddr: '127.0.0.1',
          vnp_TxnRef: 'NPMPKG1',
          vnp_OrderInfo: 'Thanh toan don TT (npm)',
          vnp_ReturnUrl: 'http://localhost:3000/api/payments/vnpay/return',
          vnp_CreateDate: dateFormat(new Date(created.getTime() + 7 * 3_600_000 + created.getTimezoneOffset() * 60_000)),
          vnp_ExpireDate: dateFormat(new Date(created.getTime() + 7 * 3_600_000 + created.getTimezoneOffset() * 60_000 + 15 * 60_000)),
        }),
      );
      const page = await open(url.pathname + url.search);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('id="sim-amount" data-amount-vnd="125000"');
      expect(page.body).toMatch(/Thanh toán thành công.*Pay successfully/);
      for (const id of ['sim-pay-success', 'sim-pay-cancel', 'sim-pay-insufficient-funds', 'sim-pay-suspicious', 'sim-pay-timeout']) expect(page.body).toContain(`id="${id}"`);
      expect(page.body).not.toContain('<script');

      const res = await choose(sessionOf(page.body), 'success');
      expect(res.statusCode).toBe(302);
      const location = new URL(String(res.headers['location']));
      expect(location.origin + location.pathname).toBe('http://localhost:3000/api/payments/vnpay/return');
      const query = Object.fromEntries(location.searchParams);
      const verified = merchantSdk.verifyReturnUrl(query as never);
      expect(verified).toMatchObject({ isVerified: true, isSuccess: true, vnp_Amount: 125_000, vnp_TxnRef: 'NPMPKG1' });
      expect(Object.keys(query).sort()).toEqual(
        ['vnp_Amount', 'vnp_BankCode', 'vnp_BankTranNo', 'vnp_CardType', 'vnp_OrderInfo', 'vnp_PayDate', 'vnp_ResponseCode', 'vnp_SecureHash', 'vnp_TmnCode', 'vnp_TransactionNo', 'vnp_TransactionStatus', 'vnp_TxnRef'].sort(),
      );

      await until(() => merchant.calls.length === 1);
      const ipn = merchant.calls[0] as Record<string, string>;
      expect(ipn).toEqual(query);
      expect(merchantSdk.verifyIpnCall(ipn as never)).toMatchObject({ isVerified: true, isSuccess: true });
      await until(() => txnOf('NPMPKG1').ipnStatus === 'confirmed');
      const log = await ipnLog('NPMPKG1');
      expect(log).toMatchObject([{ attempt: 1, httpStatus: 200, rspCode: '00', willRetry: false }]);
    });

    it.each([
      ['cancel', '24', '02'],
      ['insufficient_funds', '51', '02'],
      ['suspicious', '07', '07'],
      ['timeout', '11', '02'],
      ['success', '00', '00'],
    ])('%s → ResponseCode %s, TransactionStatus %s, signed', async (outcome, code, status) => {
      await start(['00']);
      const { query } = await pay(outcome);
      expect(query).toMatchObject({ vnp_ResponseCode: code, vnp_TransactionStatus: status, vnp_Amount: '12500000', vnp_TmnCode: DEV_TMN_CODE });
      const { vnp_SecureHash, ...rest } = query;
      expect(hmac512(DEV_HASH_SECRET, hashData(rest))).toBe(vnp_SecureHash);
      if (code === '00' || code === '07') expect(query['vnp_TransactionNo']).toMatch(/^\d{8}$/);
      else expect(query['vnp_TransactionNo']).toBe('0');
    });

    it('keeps the merchant return URL query and appends the signed result', async () => {
      await start();
      const { location } = await pay('success', { vnp_ReturnUrl: 'http://localhost:3000/r?lang=vi' });
      expect(location.searchParams.get('lang')).toBe('vi');
      expect(location.searchParams.get('vnp_ResponseCode')).toBe('00');
    });

    it.each([
      ['a wrong signature', '70', () => payQuery({}, { secret: 'not-the-secret' }).url],
      ['an extra vnp_ parameter after signing', '70', () => payQuery({}, { after: { vnp_Amount2: '1' } }).url],
      ['a changed amount after signing', '70', () => payQuery().url.replace('vnp_Amount=12500000', 'vnp_Amount=100')],
      ['no signature', '70', () => payQuery().url.replace(/&vnp_SecureHash=.*/, '')],
      ['another merchant', '02', () => payQuery({ vnp_TmnCode: 'OTHER001' }).url],
      ['an amount not × 100 (divided before hashing)', '03', () => payQuery({ vnp_Amount: '1250' }).url],
      ['a missing ExpireDate', '03', () => payQuery({ vnp_ExpireDate: '' }).url],
      ['diacritics in OrderInfo', '03', () => payQuery({ vnp_OrderInfo: 'Thanh toán' }).url],
      ['version 2.0.0', '03', () => payQuery({ vnp_Version: '2.0.0' }).url],
      [
        'dates written in UTC on a UTC server (7 hours behind: expired)',
        '15',
        () => {
          const utc = (d: Date) => d.toISOString().replace(/\D/g, '').slice(0, 14);
          return payQuery({ vnp_CreateDate: utc(new Date()), vnp_ExpireDate: utc(new Date(Date.now() + 15 * 60_000)) }).url;
        },
      ],
    ])('refuses %s with VNPay error %s', async (_name, code, url) => {
      await start();
      const res = await open(url());
      expect(res.body).toContain(`id="vnpay-error-code">${code}<`);
      expect(res.body).not.toContain('sim-pay-form');
      expect(sim.state.transactions.size).toBe(0);
    });

    it('ignores non-vnp_ parameters for the signature', async () => {
      await start();
      const res = await open(payQuery({}, { after: { utm_source: 'zalo' } }).url);
      expect(res.body).toContain('sim-pay-form');
    });

    it('refuses a second outcome and a used TxnRef with another amount', async () => {
      await start();
      const { url, params } = payQuery();
      const page = await open(url);
      const session = sessionOf(page.body);
      expect((await choose(session, 'success')).statusCode).toBe(302);
      expect((await choose(session, 'cancel')).body).toContain('id="vnpay-error-code">01<');
      expect((await open(payQuery({ vnp_TxnRef: params['vnp_TxnRef'] as string, vnp_Amount: '500000' }).url)).body).toContain('id="vnpay-error-code">01<');
    });

    it('turns a choice after ExpireDate into a time out (11)', async () => {
      let now = new Date();
      await start(['00'], { now: () => now });
      const { url } = payQuery();
      const page = await open(url);
      now = new Date(now.getTime() + 16 * 60_000);
      const res = await choose(sessionOf(page.body), 'success');
      expect(new URL(String(res.headers['location'])).searchParams.get('vnp_ResponseCode')).toBe('11');
    });
  });

  describe('IPN delivery', () => {
    it('retries on 99 and stops on 00', async () => {
      await start(['99', '00']);
      const { params } = await pay();
      const txnRef = params['vnp_TxnRef'] as string;
      await until(() => txnOf(txnRef).ipnStatus === 'confirmed');
      expect(merchant.calls).toHaveLength(2);
      expect(await ipnLog(txnRef)).toMatchObject([
        { attempt: 1, rspCode: '99', willRetry: true },
        { attempt: 2, rspCode: '00', willRetry: false },
      ]);
    });

    it('retries on 01/04/97, a time out, a dropped connection and a non-JSON answer; stops on 02', async () => {
      await start(['01', '04', '97', 'hang', 'drop', 'garbage', '02']);
      const { params } = await pay();
      const txnRef = params['vnp_TxnRef'] as string;
      await until(() => txnOf(txnRef).ipnStatus === 'confirmed', 8000);
      const log = await ipnLog(txnRef);
      expect(log.map((e) => e.rspCode)).toEqual(['01', '04', '97', null, null, null, '02']);
      expect(log[3]?.error).toMatch(/Timeout|Abort/);
      expect(log[4]?.httpStatus).toBeNull();
      expect(log.map((e) => e.willRetry)).toEqual([true, true, true, true, true, true, false]);
    }, 12_000);

    it('gives up after ipnMaxAttempts calls (VNPay: 10)', async () => {
      await start(['97'], { ipnRetryMs: 5 });
      const { params } = await pay();
      const txnRef = params['vnp_TxnRef'] as string;
      await until(() => txnOf(txnRef).ipnStatus === 'gave_up');
      expect(merchant.calls).toHaveLength(10);
      expect((await ipnLog(txnRef)).at(-1)).toMatchObject({ attempt: 10, willRetry: false });
    });

    it('before_redirect: the IPN has been answered when the browser is redirected; duplicateIpn sends it twice', async () => {
      await start(['00']);
      await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { ipnTiming: 'before_redirect', duplicateIpn: true } });
      const { params } = await pay();
      expect(merchant.calls).toHaveLength(2);
      expect(await ipnLog(params['vnp_TxnRef'] as string)).toHaveLength(2);
    });

    it('dropIpn sends none; POST /sim/transactions/:txnRef/ipn delivers it later', async () => {
      await start(['00']);
      await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { dropIpn: true } });
      const { params } = await pay();
      const txnRef = params['vnp_TxnRef'] as string;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(merchant.calls).toHaveLength(0);
      expect(txnOf(txnRef).ipnStatus).toBe('dropped');
      const res = await sim.app.inject({ method: 'POST', url: `/sim/transactions/${txnRef}/ipn` });
      expect(res.json()).toMatchObject([{ rspCode: '00' }]);
      expect(merchant.calls[0]?.['vnp_TxnRef']).toBe(txnRef);
    });

    it('refuses bad controls', async () => {
      await start();
      const res = await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { ipnTiming: 'never' } });
      expect(res.statusCode).toBe(400);
      expect((await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { nope: 1 } })).statusCode).toBe(400);
    });
  });

  describe('merchant API: querydr and refund', () => {
    const QUERY = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
    const REFUND = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TransactionType', 'vnp_TxnRef', 'vnp_Amount', 'vnp_TransactionNo', 'vnp_TransactionDate', 'vnp_CreateBy', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
    const Q_ANSWER = ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount'];
    let seq = 0;
    const call = async (fields: string[], body: Record<string, string>, secret = DEV_HASH_SECRET) => {
      const signed = { ...body, vnp_SecureHash: createHmac('sha512', secret).update(fields.map((f) => body[f] ?? '').join('|')).digest('hex') };
      const res = await sim.app.inject({ method: 'POST', url: '/merchant_webapi/api/transaction', payload: signed });
      expect(res.statusCode).toBe(200);
      return res.json() as Record<string, string>;
    };
    const querydr = (txnRef: string, transactionDate: string, over: Record<string, string> = {}, secret?: string) =>
      call(
        QUERY,
        {
          vnp_RequestId: `q${++seq}${Date.now()}`,
          vnp_Version: '2.1.0',
          vnp_Command: 'querydr',
          vnp_TmnCode: DEV_TMN_CODE,
          vnp_TxnRef: txnRef,
          vnp_OrderInfo: 'Truy van',
          vnp_TransactionDate: transactionDate,
          vnp_CreateDate: vnTime(new Date()),
          vnp_IpAddr: '127.0.0.1',
          ...over,
        },
        secret,
      );
    const refund = (txn: { txnRef: string; createDate: string; transactionNo: string }, amount: number, type: '02' | '03', over: Record<string, string> = {}) =>
      call(REFUND, {
        vnp_RequestId: `r${++seq}${Date.now()}`,
        vnp_Version: '2.1.0',
        vnp_Command: 'refund',
        vnp_TmnCode: DEV_TMN_CODE,
        vnp_TransactionType: type,
        vnp_TxnRef: txn.txnRef,
        vnp_Amount: String(amount * 100),
        vnp_TransactionNo: txn.transactionNo,
        vnp_TransactionDate: txn.createDate,
        vnp_CreateBy: 'staff-1',
        vnp_CreateDate: vnTime(new Date()),
        vnp_IpAddr: '127.0.0.1',
        vnp_OrderInfo: 'Hoan tien',
        ...over,
      });
    const signatureOk = (answer: Record<string, string>, fields: string[]) =>
      createHmac('sha512', DEV_HASH_SECRET).update(fields.map((f) => answer[f] ?? '').join('|')).digest('hex') === answer['vnp_SecureHash'];

    it('querydr: pending (01), then paid (00) with a signed answer', async () => {
      await start();
      const { url, params } = payQuery();
      const page = await open(url);
      const txnRef = params['vnp_TxnRef'] as string;
      const pending = await querydr(txnRef, params['vnp_CreateDate'] as string);
      expect(pending).toMatchObject({ vnp_ResponseCode: '00', vnp_TransactionStatus: '01', vnp_Amount: '12500000' });
      expect(signatureOk(pending, Q_ANSWER)).toBe(true);
      await choose(sessionOf(page.body), 'success');
      const paid = await querydr(txnRef, params['vnp_CreateDate'] as string);
      expect(paid).toMatchObject({ vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TxnRef: txnRef, vnp_Command: 'querydr', vnp_TransactionType: '01' });
      expect(paid['vnp_TransactionNo']).toBe(txnOf(txnRef).transactionNo);
      expect(signatureOk(paid, Q_ANSWER)).toBe(true);
    });

    it('querydr codes: 91 unknown or wrong date, 97 bad hash, 02 bad TmnCode, 03 bad format, 94 repeated request id — all signed', async () => {
      await start();
      const { params } = await pay();
      const txnRef = params['vnp_TxnRef'] as string;
      const date = params['vnp_CreateDate'] as string;
      const answers = [
        ['91', await querydr('NOPE', date)],
        ['91', await querydr(txnRef, '20200101000000')],
        ['97', await querydr(txnRef, date, {}, 'wrong-secret')],
        ['02', await querydr(txnRef, date, { vnp_TmnCode: 'OTHER001' })],
        ['03', await querydr(txnRef, date, { vnp_CreateDate: '2026-12-01' })],
        ['03', await querydr(txnRef, date, { vnp_IpAddr: '' })],
      ] as const;
      for (const [code, answer] of answers) {
        expect(answer['vnp_ResponseCode']).toBe(code);
        expect(signatureOk(answer, Q_ANSWER)).toBe(true);
      }
      const first = await querydr(txnRef, date, { vnp_RequestId: 'same-id' });
      expect(first['vnp_ResponseCode']).toBe('00');
      expect((await querydr(txnRef, date, { vnp_RequestId: 'same-id' }))['vnp_ResponseCode']).toBe('94');
    });

    it('refund: partial 03 up to the rest, full 02 refused after a partial (04), over-refund 93', async () => {
      await start();
      const { params } = await pay();
      const txn = txnOf(params['vnp_TxnRef'] as string);
      const first = await refund(txn, 40_000, '03');
      expect(first).toMatchObject({ vnp_ResponseCode: '00', vnp_Amount: '4000000', vnp_TransactionType: '03', vnp_Command: 'refund' });
      expect(signatureOk(first, Q_ANSWER.slice(0, 13))).toBe(true);
      expect((await refund(txn, 125_000, '02'))['vnp_ResponseCode']).toBe('04');
      expect((await refund(txn, 85_001, '03'))['vnp_ResponseCode']).toBe('93');
      expect((await refund(txn, 85_000, '03'))['vnp_ResponseCode']).toBe('00');
      expect((await refund(txn, 1, '03'))['vnp_ResponseCode']).toBe('93');
      expect(txnOf(txn.txnRef).refundedAmount).toBe(12_500_000);
      const listed = (await sim.app.inject({ method: 'GET', url: `/sim/transactions?txnRef=${txn.txnRef}` })).json() as SimTransaction[];
      expect(listed[0]?.refunds.map((r) => r.amount)).toEqual([4_000_000, 8_500_000]);
    });

    it('refund: full 02 must be the whole amount; unpaid → 95; wrong TransactionNo → 91; bad hash → 97; bad type → 03', async () => {
      await start();
      const { params } = await pay();
      const txn = txnOf(params['vnp_TxnRef'] as string);
      expect((await refund(txn, 100_000, '02'))['vnp_ResponseCode']).toBe('93');
      expect((await refund(txn, 40_000, '03', { vnp_TransactionNo: '1' }))['vnp_ResponseCode']).toBe('91');
      expect((await refund(txn, 40_000, '04' as '03'))['vnp_ResponseCode']).toBe('03');
      const tampered = await call(REFUND.slice(0, 12), { vnp_RequestId: 'x1', vnp_Version: '2.1.0', vnp_Command: 'refund', vnp_TmnCode: DEV_TMN_CODE, vnp_TransactionType: '02', vnp_TxnRef: txn.txnRef, vnp_Amount: '12500000', vnp_TransactionNo: txn.transactionNo, vnp_TransactionDate: txn.createDate, vnp_CreateBy: 'a', vnp_CreateDate: vnTime(new Date()), vnp_IpAddr: '127.0.0.1', vnp_OrderInfo: 'x' });
      expect(tampered['vnp_ResponseCode']).toBe('97');
      expect((await refund(txn, 125_000, '02'))['vnp_ResponseCode']).toBe('00');
      const cancelled = await pay('cancel');
      const failed = txnOf(cancelled.params['vnp_TxnRef'] as string);
      expect((await refund(failed, 125_000, '02'))['vnp_ResponseCode']).toBe('95');
    });

    it('a control makes the next call answer 99 (signed)', async () => {
      await start();
      await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { apiResponseCode: '99' } });
      const { params } = await pay();
      const first = await querydr(params['vnp_TxnRef'] as string, params['vnp_CreateDate'] as string);
      expect(first['vnp_ResponseCode']).toBe('99');
      expect(signatureOk(first, Q_ANSWER)).toBe(true);
      expect((await querydr(params['vnp_TxnRef'] as string, params['vnp_CreateDate'] as string))['vnp_ResponseCode']).toBe('00');
    });
  });

  it('lists transactions on the page and as JSON', async () => {
    await start();
    const { params } = await pay();
    const page = await sim.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain(params['vnp_TxnRef'] as string);
    const list = (await sim.app.inject({ method: 'GET', url: '/sim/transactions' })).json() as SimTransaction[];
    expect(list[0]).toMatchObject({ txnRef: params['vnp_TxnRef'], responseCode: '00', amount: 12_500_000 });
  });
});
