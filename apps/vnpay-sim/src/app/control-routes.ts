import type { FastifyInstance } from 'fastify';
import { esc, formatVnd, page } from './html';
import type { IpnDeliverer } from './ipn';
import type { SimOptions } from './sim-options';
import { DEFAULT_CONTROLS, type SimControls, type SimState } from './sim-state';

const BOOLEAN_CONTROLS = ['duplicateIpn', 'dropIpn'] as const;
const INT_CONTROLS = ['ipnDelayMs', 'apiTimes', 'apiHoldMs'] as const;

/** Parses a controls patch; returns the error text for a bad one. */
function parseControls(body: unknown): Partial<SimControls> | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const input = body as Record<string, unknown>;
  const out: Partial<SimControls> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'ipnTiming') {
      if (value !== 'after_redirect' && value !== 'before_redirect') return 'ipnTiming: after_redirect | before_redirect';
      out.ipnTiming = value;
    } else if ((BOOLEAN_CONTROLS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') return `${key} must be a boolean`;
      out[key as (typeof BOOLEAN_CONTROLS)[number]] = value;
    } else if ((INT_CONTROLS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `${key} must be a non-negative integer`;
      out[key as (typeof INT_CONTROLS)[number]] = value;
    } else if (key === 'ipnUrl') {
      if (value !== null && (typeof value !== 'string' || !/^https?:\/\//.test(value))) return 'ipnUrl must be an http(s) URL or null';
      out.ipnUrl = value;
    } else if (key === 'apiResponseCode') {
      if (value !== null && (typeof value !== 'string' || !/^\d{2}$/.test(value))) return 'apiResponseCode must be two digits or null';
      out.apiResponseCode = value;
    } else {
      return `unknown control ${key}`;
    }
  }
  if (out.apiResponseCode && out.apiTimes === undefined) out.apiTimes = 1;
  return out;
}

/** Test and demo routes (not VNPay's): controls, transactions, the IPN log, a page listing them. */
export function controlRoutes(app: FastifyInstance, state: SimState, options: SimOptions, ipn: IpnDeliverer): void {
  app.get('/sim/controls', async () => state.controls);
  app.post('/sim/controls', async (request, reply) => {
    const patch = parseControls(request.body);
    if (typeof patch === 'string') return reply.code(400).send({ error: patch });
    state.controls = { ...state.controls, ...patch };
    return state.controls;
  });
  app.delete('/sim/controls', async () => {
    state.controls = { ...DEFAULT_CONTROLS };
    return state.controls;
  });

  app.get('/sim/transactions', async (request) => {
    const txnRef = (request.query as Record<string, unknown>)['txnRef'];
    return state.list().filter((t) => txnRef === undefined || t.txnRef === txnRef);
  });
  app.get('/sim/ipn-log', async (request) => {
    const txnRef = (request.query as Record<string, unknown>)['txnRef'];
    return state.ipnLog.filter((e) => txnRef === undefined || e.txnRef === txnRef);
  });
  /** Sends a completed transaction's IPN again (a late IPN, or after `dropIpn`), with the retry policy. */
  app.post<{ Params: { txnRef: string } }>('/sim/transactions/:txnRef/ipn', async (request, reply) => {
    const txn = state.transactions.get(state.key(options.tmnCode, request.params.txnRef));
    if (!txn || !txn.resultQuery) return reply.code(404).send({ error: 'no completed transaction with this txnRef' });
    await ipn.deliver(txn);
    return state.ipnLog.filter((e) => e.txnRef === txn.txnRef);
  });
  app.delete('/sim/state', async () => {
    state.transactions.clear();
    state.sessions.clear();
    state.ipnLog.splice(0);
    state.requestIds.clear();
    state.controls = { ...DEFAULT_CONTROLS };
    return { ok: true };
  });

  app.get('/', async (_request, reply) => {
    const rows = state
      .list()
      .map(
        (t) =>
          `<tr><td>${esc(t.txnRef)}</td><td>${esc(formatVnd(t.amount / 100))}</td><td>${esc(t.responseCode ?? 'đang chờ / pending')}</td><td>${esc(t.ipnStatus)}</td><td>${esc(formatVnd(t.refundedAmount / 100))}</td></tr>`,
      )
      .join('');
    return reply.type('text/html; charset=utf-8').send(
      page(
        'VNPAY simulator',
        `<section><h1>Giao dịch <span class="en">/ Transactions</span></h1>
<p class="en">Merchant ${esc(options.tmnCode)} · IPN → ${esc(state.controls.ipnUrl ?? options.ipnUrl)}</p>
<table id="sim-transactions"><tr><th>TxnRef</th><th>Số tiền / Amount</th><th>Mã / Code</th><th>IPN</th><th>Đã hoàn / Refunded</th></tr>${rows}</table></section>`,
      ),
    );
  });
}
