import { randomBytes } from 'node:crypto';
import type { CheckoutResult, PaymentIntent } from '@nss/contracts';
import { signParams } from '@nss/vnpay';
import { aPhone } from '../accounts.factory';
import { aProduct } from '../catalog.factory';
import { all, B, A, agentOf, only, seller, type Rows, type Whose, type World } from './matrix';

/** Payments: intents, VNPay gateway calls, bank feed, staff queues, refunds, cash collected. */

const products = new WeakMap<World, Partial<Record<Whose, Promise<string>>>>();

/** An approved product of the resource's seller with plenty of stock (payments' probes buy a lot). */
function stockedProduct(w: World, whose: Whose): Promise<string> {
  const cache = products.get(w) ?? {};
  products.set(w, cache);
  cache[whose] ??= (async () => {
    const staff = whose === 'own' ? w.account.staff : w.account.otherStaff;
    const made = await aProduct().with({ sellerId: seller(w, whose).seller.id, stock: 100_000, priceVnd: 60_000 }).approved(staff).create(w.api, agentOf(w, whose).accessToken);
    return made.id;
  })();
  return cache[whose] as Promise<string>;
}

const key = () => `matrix-${randomBytes(8).toString('hex')}`;

/** The world's buyer checks out one unit of the resource seller's product. */
async function checkout(w: World, whose: Whose, paymentMethod: 'vnpay' | 'bank_transfer' | 'cod'): Promise<CheckoutResult> {
  const place = whose === 'own' ? B : A;
  const res = await w.api.request<CheckoutResult>({
    method: 'POST',
    url: '/api/checkout',
    token: w.account.buyer.accessToken,
    headers: { 'idempotency-key': key() },
    body: {
      paymentMethod,
      items: [{ productId: await stockedProduct(w, whose), quantity: 1 }],
      address: { recipientName: 'Nguyễn Văn Mua', phone: aPhone(), street: 'Số 5 ngõ 12', provinceCode: place.provinceCode, communeCode: place.communeCode },
    },
  });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function intentFor(w: World, checkoutId: string): Promise<PaymentIntent> {
  const res = await w.api.request<PaymentIntent>({ method: 'POST', url: '/api/payments', token: w.account.buyer.accessToken, headers: { 'idempotency-key': key() }, body: { checkoutId } });
  if (res.status !== 201) throw new Error(`payment creation failed: ${res.status}`);
  return res.body;
}

/** A VNPay intent of the resource's province. */
async function vnpayIntent(w: World, whose: Whose): Promise<PaymentIntent> {
  return intentFor(w, (await checkout(w, whose, 'vnpay')).checkoutId);
}

/** An open manual review: VNPay's IPN (signed with the configured secret) says 07 for a fresh intent. */
async function openReview(w: World, whose: Whose): Promise<string> {
  const intent = await vnpayIntent(w, whose);
  const txnRef = new URL((intent.nextAction as { url: string }).url).searchParams.get('vnp_TxnRef') as string;
  const { vnpayTmnCode, vnpayHashSecret } = w.api.config.payments;
  const params = {
    vnp_TmnCode: vnpayTmnCode,
    vnp_TxnRef: txnRef,
    vnp_Amount: String(intent.amountVnd * 100),
    vnp_BankCode: 'NCB',
    vnp_OrderInfo: 'x',
    vnp_PayDate: '20261201100000',
    vnp_TransactionNo: '12345678',
    vnp_ResponseCode: '07',
    vnp_TransactionStatus: '07',
  };
  const query = new URLSearchParams({ ...params, vnp_SecureHash: signParams(params, vnpayHashSecret) });
  const ipn = await w.api.request<{ RspCode: string }>({ method: 'GET', url: `/api/payments/vnpay/ipn?${query.toString()}` });
  if (ipn.body.RspCode !== '00') throw new Error(`IPN refused: ${JSON.stringify(ipn.body)}`);
  const review = await w.api.connection.collection('payment_reviews').findOne({ intentId: intent.id });
  if (!review) throw new Error('no review was filed');
  return String(review._id);
}

let feedId = 9_000_000 + Math.floor(Math.random() * 1_000_000);

/** The bank feed reports a transfer for the checkout (with the configured key). */
async function bankTransfer(w: World, checkout: CheckoutResult, amountVnd: number): Promise<void> {
  feedId += 1;
  const res = await w.api.request({
    method: 'POST',
    url: '/api/payments/bank-feed/webhook',
    headers: { authorization: `Apikey ${w.api.config.payments.bankFeedApiKey}` },
    body: { id: feedId, gateway: 'VietinBank', content: `chuyen tien ${checkout.code}`, transferType: 'in', transferAmount: amountVnd, referenceCode: `FT${feedId}` },
  });
  if (res.status !== 200) throw new Error(`bank feed refused: ${res.status}`);
}

/** An open transfer issue: the buyer sent 1,000 đ too little. */
async function openIssue(w: World, whose: Whose): Promise<string> {
  const made = await checkout(w, whose, 'bank_transfer');
  await intentFor(w, made.checkoutId);
  await bankTransfer(w, made, made.totalVnd - 1_000);
  const issue = await w.api.connection.collection('bank_transfer_issues').findOne({ checkoutId: made.checkoutId });
  if (!issue) throw new Error('no issue was filed');
  return String(issue._id);
}

/** An order paid by bank transfer whose buyer asked for a refund. */
async function refundRequested(w: World, whose: Whose): Promise<string> {
  const made = await checkout(w, whose, 'bank_transfer');
  await intentFor(w, made.checkoutId);
  await bankTransfer(w, made, made.totalVnd);
  const orderId = made.orders[0]?.id as string;
  const asked = await w.api.request({ method: 'POST', url: `/api/orders/${orderId}/refund-request`, token: w.account.buyer.accessToken, body: { reason: 'Hàng bị dập' } });
  if (asked.status !== 200) throw new Error(`refund request failed: ${asked.status}`);
  return orderId;
}

const delivered = new WeakMap<World, Partial<Record<Whose, Promise<string>>>>();

/** A COD order of the resource's seller, delivered (one per resource: recording the cash twice answers the same). */
function deliveredCodOrder(w: World, whose: Whose): Promise<string> {
  const cache = delivered.get(w) ?? {};
  delivered.set(w, cache);
  cache[whose] ??= (async () => {
    const made = await checkout(w, whose, 'cod');
    const orderId = made.orders[0]?.id as string;
    for (const step of ['accept', 'pack', 'ship', 'deliver']) {
      const body = step === 'ship' ? { carrier: 'Viettel Post', trackingCode: 'VTP123456789' } : undefined;
      const res = await w.api.request({ method: 'POST', url: `/api/orders/${orderId}/${step}`, token: agentOf(w, whose).accessToken, ...(body ? { body } : {}) });
      if (res.status !== 200) throw new Error(`${step} failed: ${res.status}`);
    }
    return orderId;
  })();
  return cache[whose] as Promise<string>;
}

const staffAndAdmin = only({ staff: 200, otherStaff: 200, admin: 200 });

export const paymentsRows: Rows = {
  // ── Payments ──
  'POST /api/payments': {
    scoped: false,
    probe: async (w) => ({ method: 'POST', path: '/api/payments', body: { checkoutId: (await checkout(w, 'own', 'vnpay')).checkoutId }, headers: { 'idempotency-key': key() } }),
    expect: only({ buyer: 201 }),
  },
  'GET /api/payments/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/payments/${(await vnpayIntent(w, whose)).id}` }),
    // The buyer bought from both provinces; staff see the intents of their sellers' province.
    expect: only({ buyer: 200, staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/payments/vnpay/ipn': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/payments/vnpay/ipn' }), expect: all(200) },
  'GET /api/payments/vnpay/return': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/payments/vnpay/return' }), expect: all(302) },
  // Only the feed's API key opens it (a bearer token is no key).
  'POST /api/payments/bank-feed/webhook': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/payments/bank-feed/webhook', body: { id: 1, content: 'x', transferType: 'in', transferAmount: 1 } }),
    expect: all(401),
  },
  'GET /api/payments/reviews': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/payments/reviews' }), expect: staffAndAdmin },
  'POST /api/payments/reviews/{id}/resolve': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/payments/reviews/${await openReview(w, whose)}/resolve`, body: { decision: 'accept', note: 'Ngân hàng xác nhận' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/payments/bank-transfers/issues': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/payments/bank-transfers/issues' }), expect: staffAndAdmin },
  'POST /api/payments/bank-transfers/issues/{id}/resolve': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/payments/bank-transfers/issues/${await openIssue(w, whose)}/resolve`, body: { decision: 'dismiss', note: 'Đã gọi người mua' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/payments/refunds': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: '/api/payments/refunds', body: { orderId: await refundRequested(w, whose), reason: 'Hàng bị dập', bankReference: 'FT26335000123' } }),
    expect: only({ staff: [201, 404], otherStaff: [404, 201], admin: 201 }),
  },
  'POST /api/payments/cod/{orderId}/collected': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/payments/cod/${await deliveredCodOrder(w, whose)}/collected` }),
    expect: only({ seller: [200, 404], otherSeller: 404, agent: [200, 404], otherAgent: [404, 200] }),
  },
};
