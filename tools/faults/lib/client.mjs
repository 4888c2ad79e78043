// The suite's HTTP client, as a real client behaves: a connection error, a time out or a 5xx is tried again (on the
// next API when there are two), with the same Idempotency-Key, until a deadline; every attempt is recorded with its
// time and outcome, so each fault's window can be read back (503s, other 5xx, connection errors).
import { randomBytes } from 'node:crypto';
import { sleep } from './procs.mjs';

/** Every HTTP attempt: { t (ms epoch, when it ended), kind, api (index or -1), outcome: status number | 'conn' | 'timeout' }. */
export const attempts = [];

export const newKey = (prefix) => `${prefix}-${randomBytes(8).toString('hex')}`;

/**
 * Calls `method path` on the APIs in `apis()` (a function: the live list changes), starting with `prefer`; retries
 * retryable outcomes until `deadlineMs`. Resolves { status, body, headers, tries } or { status: 'gave_up', last }.
 */
export async function callApi(apis, { kind, method = 'GET', path, token, body, key, prefer = 0, deadlineMs = 60_000, timeoutMs = 20_000 }) {
  const deadline = Date.now() + deadlineMs;
  let last = null;
  let turn = prefer;
  for (let tries = 1; ; tries++) {
    const list = apis();
    const index = list.length ? turn % list.length : -1;
    const base = list[index];
    turn++;
    if (base) {
      // A redirect (the VNPay return sends the browser on to the web app) is the API's answer: not followed.
      const res = await once(base.url, { kind, method, path, token, body, key, timeoutMs, api: base.index, redirect: 'manual' });
      last = res;
      if (!retryable(res)) return { ...res, tries };
    }
    if (Date.now() > deadline) return { status: 'gave_up', last, tries };
    await sleep(Math.min(2000, 150 * tries));
  }
}

/** One call to an outside URL (a simulator), recorded the same way; no retries. */
export async function callUrl(url, { kind, method = 'GET', body, form, timeoutMs = 20_000, redirect = 'follow' }) {
  return once('', { kind, method, path: url, body, form, timeoutMs, api: -1, redirect });
}

function retryable(res) {
  if (res.status === 'conn' || res.status === 'timeout') return true;
  if (typeof res.status === 'number' && res.status >= 500) return true;
  // The same key while the first request is still being worked on (or its worker died): ask again later.
  return res.status === 409 && res.body?.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
}

async function once(base, { kind, method, path, token, body, form, key, timeoutMs, api, redirect = 'follow' }) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  let payload;
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs), redirect });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* HTML or text */
    }
    attempts.push({ t: Date.now(), kind, api, outcome: res.status });
    return { status: res.status, body: parsed, headers: res.headers };
  } catch (error) {
    const outcome = error?.name === 'TimeoutError' ? 'timeout' : 'conn';
    attempts.push({ t: Date.now(), kind, api, outcome, error: String(error?.cause?.code ?? error?.cause?.message ?? error?.message ?? error).slice(0, 80) });
    return { status: outcome, body: null, error: String(error?.cause?.code ?? error?.message ?? error) };
  }
}

/** Counts of the attempts that ended in [from, to] (optionally of one API): total, ok (2xx/3xx), 4xx, 503, 500, other 5xx, connection errors, time outs. */
export function window(from, to, api) {
  const c = { total: 0, ok: 0, client4xx: 0, s503: 0, s500: 0, other5xx: 0, connErrors: 0, timeouts: 0 };
  for (const a of attempts) {
    if (a.t < from || a.t > to || a.api === -1 || (api !== undefined && a.api !== api)) continue;
    c.total++;
    if (a.outcome === 'conn') c.connErrors++;
    else if (a.outcome === 'timeout') c.timeouts++;
    else if (a.outcome === 503) c.s503++;
    else if (a.outcome === 500) c.s500++;
    else if (a.outcome >= 500) c.other5xx++;
    else if (a.outcome >= 400) c.client4xx++;
    else c.ok++;
  }
  const errors = {};
  for (const a of attempts) {
    if (a.error && a.t >= from && a.t <= to && a.api !== -1 && (api === undefined || a.api === api)) errors[`${a.kind}: ${a.error}`] = (errors[`${a.kind}: ${a.error}`] ?? 0) + 1;
  }
  const pct = (n) => (c.total ? Math.round((n / c.total) * 1000) / 10 : 0);
  return { ...c, errors, rate503: pct(c.s503), rate5xx: pct(c.s500 + c.other5xx + c.s503), rateConn: pct(c.connErrors), rateTimeout: pct(c.timeouts) };
}
