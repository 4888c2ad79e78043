// The realistic load that runs while the faults happen: buyers checking out (cash on delivery; VNPay paid, cancelled
// or refused at the VNPay simulator, whose IPN then reaches the API; VietQR paid by a transfer the bank-feed simulator
// posts to the webhook). The order notices go out through the outbox and the messaging simulator on their own.
// What the API accepted is written down in `ledger`, for the books check.
import { callApi, callUrl, newKey } from './client.mjs';
import { sleep } from './procs.mjs';

export const ADDRESS = { recipientName: 'Nguyễn Văn Mua', phone: '0912345678', street: '12 Phố Huế', provinceCode: '01', communeCode: '00004' };

/** The flows in turn: mostly paid ones, some failed/cancelled VNPay outcomes. */
const FLOWS = ['cod', 'vnpay:success', 'bank', 'vnpay:cancel', 'cod', 'vnpay:success', 'bank', 'vnpay:insufficient_funds'];

export function newLedger() {
  return {
    /** Checkouts the API answered 201: { key, checkoutId, code, orderIds, totalVnd, method, lines: [{ productId, quantity }] }. */
    checkouts: [],
    /** Idempotency keys whose checkout got no definite answer (every try failed): the checkout may or may not exist. */
    unknownCheckoutKeys: [],
    /** VNPay payments made at the simulator: { checkoutId, intentId, txnRef, outcome }. */
    vnpay: [],
    /** Transfers sent through the bank-feed simulator: { checkoutId, intentId, feedId, amount }. */
    transfers: [],
    /** COD intents: { checkoutId, intentId }. */
    cod: [],
    /** Operations that failed for good (a 4xx other than out of stock, or every retry failed). */
    failures: [],
    counts: { checkout: 0, cod: 0, vnpayPaid: 0, vnpayFailed: 0, bankTransfers: 0, outOfStock: 0 },
  };
}

/**
 * Runs `loops` buyer loops until `stop()` says so or `maxCheckouts` checkouts were accepted. `ctx`: { apis() (live
 * APIs), buyers ([{ token }]), products ([id]), vnpaySimUrl, bankFeedSimUrl, ledger }.
 */
export async function runLoad(ctx, { loops, maxCheckouts, stop, pauseMs = 100 }) {
  let turn = 0;
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      while (!stop() && ctx.ledger.checkouts.length < maxCheckouts) {
        const n = turn++;
        const flow = FLOWS[n % FLOWS.length];
        const buyer = ctx.buyers[n % ctx.buyers.length];
        try {
          await oneFlow(ctx, flow, buyer, n, loop);
        } catch (error) {
          ctx.ledger.failures.push({ flow, error: String(error?.message ?? error).slice(0, 300) });
        }
        await sleep(pauseMs);
      }
    }),
  );
}

async function oneFlow(ctx, flow, buyer, n, loop) {
  const [method, outcome] = flow.split(':');
  const paymentMethod = method === 'bank' ? 'bank_transfer' : method;
  const productId = ctx.products[n % ctx.products.length];
  const quantity = 1 + (n % 3);
  const key = newKey('faults-checkout');
  const res = await callApi(ctx.apis, {
    kind: 'checkout',
    method: 'POST',
    path: '/api/checkout',
    token: buyer.token,
    key,
    prefer: loop,
    body: { paymentMethod, items: [{ productId, quantity }], address: ADDRESS },
  });
  if (res.status !== 201) {
    if (res.status === 409 && res.body?.code === 'OUT_OF_STOCK') {
      ctx.ledger.counts.outOfStock++;
      return;
    }
    if (res.status === 'gave_up') ctx.ledger.unknownCheckoutKeys.push(key);
    throw new Error(`checkout answered ${res.status} ${JSON.stringify(res.body ?? res.last?.status).slice(0, 200)}`);
  }
  const checkout = res.body;
  ctx.ledger.counts.checkout++;
  ctx.ledger.checkouts.push({
    key,
    checkoutId: checkout.checkoutId,
    code: checkout.code,
    orderIds: checkout.orders.map((o) => o.id),
    totalVnd: checkout.totalVnd,
    method: paymentMethod,
    lines: [{ productId, quantity }],
    replayed: res.headers?.get?.('idempotent-replayed') === 'true',
  });

  const pay = await callApi(ctx.apis, {
    kind: 'payment',
    method: 'POST',
    path: '/api/payments',
    token: buyer.token,
    key: newKey('faults-pay'),
    prefer: loop,
    body: { checkoutId: checkout.checkoutId },
  });
  if (pay.status !== 201) throw new Error(`payment for ${checkout.code} answered ${pay.status} ${JSON.stringify(pay.body ?? pay.last?.status).slice(0, 200)}`);
  const intent = pay.body;
  if (paymentMethod === 'cod') {
    ctx.ledger.cod.push({ checkoutId: checkout.checkoutId, intentId: intent.id });
    ctx.ledger.counts.cod++;
    return;
  }
  if (paymentMethod === 'bank_transfer') {
    const sent = await callUrl(`${ctx.bankFeedSimUrl}/sim/transfers`, {
      kind: 'bank-feed',
      method: 'POST',
      body: { content: `NGUYEN VAN MUA CK ${checkout.code}`, transferAmount: checkout.totalVnd },
    });
    if (sent.status !== 201) throw new Error(`the bank-feed simulator answered ${sent.status}`);
    ctx.ledger.transfers.push({ checkoutId: checkout.checkoutId, intentId: intent.id, feedId: String(sent.body.payload.id), amount: checkout.totalVnd });
    ctx.ledger.counts.bankTransfers++;
    return;
  }
  // VNPay: the buyer's browser opens the pay URL at the simulator, picks the outcome, and is sent back to the API.
  const payUrl = intent.nextAction?.url;
  if (!payUrl) throw new Error(`the VNPay intent of ${checkout.code} has no pay URL`);
  const txnRef = new URL(payUrl).searchParams.get('vnp_TxnRef');
  const page = await callUrl(payUrl, { kind: 'vnpay-page' });
  const session = typeof page.body === 'string' ? /name="session" value="([^"]+)"/.exec(page.body)?.[1] : undefined;
  if (page.status !== 200 || !session) throw new Error(`the VNPay simulator showed no pay page (${page.status})`);
  const chosen = await callUrl(`${new URL(payUrl).origin}/paymentv2/sim/pay`, { kind: 'vnpay-pay', method: 'POST', form: { session, outcome }, redirect: 'manual' });
  if (chosen.status !== 302) throw new Error(`the VNPay simulator did not redirect back (${chosen.status})`);
  ctx.ledger.vnpay.push({ checkoutId: checkout.checkoutId, intentId: intent.id, txnRef, outcome });
  if (outcome === 'success') ctx.ledger.counts.vnpayPaid++;
  else ctx.ledger.counts.vnpayFailed++;
  // The browser lands on the return URL (the IPN, sent by the simulator, is what records the payment).
  const back = new URL(chosen.headers.get('location'));
  await callApi(ctx.apis, { kind: 'vnpay-return', path: `${back.pathname}${back.search}`, prefer: loop, deadlineMs: 10_000 });
}

/** A cheap authenticated read that needs the database and Redis (the auth guard's revocation check): the recovery probe. */
export async function probeLoop(ctx, { stop, intervalMs = 250 }) {
  let n = 0;
  while (!stop()) {
    const buyer = ctx.buyers[n % ctx.buyers.length];
    const list = ctx.apis();
    for (const api of list) {
      await callApi(() => [api], { kind: 'probe', path: '/api/orders?pageSize=1', token: buyer.token, deadlineMs: 0, timeoutMs: 5_000 });
    }
    n++;
    await sleep(intervalMs);
  }
}
