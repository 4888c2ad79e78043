import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { Feed, type Transfer } from './feed';
import type { SimOptions } from './sim-options';

const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

type Parsed = { ok: true; value: { content: string; transferAmount: number; accountNumber?: string; referenceCode?: string; code?: string | null } } | { ok: false; field: string; message: string };

/** Validates a "send a transfer" request (JSON numbers, or form strings from the page). */
function parseTransfer(body: unknown): Parsed {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, field: 'body', message: 'a JSON object is required' };
  const b = body as Record<string, unknown>;
  const allowed = ['content', 'transferAmount', 'accountNumber', 'referenceCode', 'code'];
  const unknown = Object.keys(b).find((k) => !allowed.includes(k));
  if (unknown) return { ok: false, field: unknown, message: `unknown field ${unknown}` };
  const content = b['content'];
  if (typeof content !== 'string' || content.trim().length === 0 || content.length > 500) return { ok: false, field: 'content', message: 'content: 1–500 characters' };
  const amount = typeof b['transferAmount'] === 'string' && /^\d+$/.test(b['transferAmount']) ? Number(b['transferAmount']) : b['transferAmount'];
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return { ok: false, field: 'transferAmount', message: 'transferAmount: a positive whole number of đồng' };
  const value: { content: string; transferAmount: number; accountNumber?: string; referenceCode?: string; code?: string | null } = { content, transferAmount: amount };
  for (const key of ['accountNumber', 'referenceCode', 'code'] as const) {
    const v = b[key];
    if (v === undefined || v === '' || v === null) continue;
    if (typeof v !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(v)) return { ok: false, field: key, message: `${key}: 1–40 letters or digits` };
    value[key] = v;
  }
  return { ok: true, value };
}

function homePage(reply: FastifyReply, feed: Feed, options: SimOptions) {
  const rows = feed
    .list()
    .map(
      (t: Transfer) =>
        `<tr data-transfer-id="${t.payload.id}"><td>${t.payload.id}</td><td>${esc(t.payload.transactionDate)}</td><td>${esc(t.payload.content)}</td><td>${new Intl.NumberFormat('vi-VN').format(t.payload.transferAmount)} đ</td><td>${t.status}</td><td>${t.deliveries.length}</td></tr>`,
    )
    .join('');
  return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giả lập biến động số dư / Bank feed simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:16px auto;padding:0 12px}label{display:block;margin:8px 0}input{width:100%;padding:8px;box-sizing:border-box}button{padding:10px 16px;margin-top:8px}.en{color:#5b6476;font-size:.9em}table{border-collapse:collapse;width:100%;font-size:.85em}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left}</style></head>
<body><h1>Giả lập biến động số dư <span class="en">/ Bank feed simulator (SePay-style)</span></h1>
<p>${esc(options.gateway)} · ${esc(options.accountNumber)} → <code>${esc(feed.webhookUrl ?? options.webhookUrl)}</code></p>
<form method="post" action="/sim/transfers" id="sim-transfer-form">
<label>Nội dung chuyển khoản <span class="en">/ Transfer content</span><input name="content" id="sim-transfer-content" required maxlength="500" placeholder="TTABCDEFGH23"></label>
<label>Số tiền (đồng) <span class="en">/ Amount (VND)</span><input name="transferAmount" id="sim-transfer-amount" required inputmode="numeric" pattern="[0-9]+"></label>
<label>Số tài khoản nhận <span class="en">/ Receiving account</span><input name="accountNumber" id="sim-transfer-account" value="${esc(options.accountNumber)}"></label>
<button type="submit" id="sim-transfer-send">Gửi giao dịch <span class="en">/ Send transfer</span></button></form>
<h2>Giao dịch <span class="en">/ Transfers</span></h2>
<table id="sim-transfers"><tr><th>id</th><th>Thời gian / Time</th><th>Nội dung / Content</th><th>Số tiền / Amount</th><th>Trạng thái / Status</th><th>Lần gửi / Tries</th></tr>${rows}</table></body></html>`);
}

/**
 * A SePay-style bank feed: each "incoming transfer" is POSTed as JSON to the merchant's webhook with
 * `Authorization: Apikey <key>`, retried until the answer is 2xx with `{"success": true}`.
 */
export function buildSimulator(options: SimOptions, log: (text: string) => void = (t) => console.warn(`[bank-feed-sim] ${t}`)): { app: FastifyInstance; feed: Feed } {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const feed = new Feed(options, log);
  app.addHook('onClose', async () => feed.close());
  const fromForm = (contentType: string | undefined) => (contentType ?? '').startsWith('application/x-www-form-urlencoded');

  app.post('/sim/transfers', async (request, reply) => {
    const parsed = parseTransfer(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.message, field: parsed.field });
    const transfer = feed.add(parsed.value);
    await feed.deliver(transfer); // the first call is made before answering: tests see its result
    if (fromForm(request.headers['content-type'])) return reply.redirect('/', 303);
    return reply.code(201).send(transfer);
  });

  app.post<{ Params: { id: string } }>('/sim/transfers/:id/redeliver', async (request, reply) => {
    const transfer = feed.transfers.get(Number(request.params.id));
    if (!transfer) return reply.code(404).send({ error: 'no such transfer' });
    await feed.deliver(transfer);
    return transfer;
  });

  app.get('/sim/transfers', async () => feed.list());
  app.get<{ Params: { id: string } }>('/sim/transfers/:id', async (request, reply) => {
    const transfer = feed.transfers.get(Number(request.params.id));
    return transfer ?? reply.code(404).send({ error: 'no such transfer' });
  });

  app.post('/sim/controls', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const url = body['webhookUrl'];
    if (Object.keys(body).some((k) => k !== 'webhookUrl') || (url !== null && (typeof url !== 'string' || !/^https?:\/\//.test(url)))) {
      return reply.code(400).send({ error: 'body: { webhookUrl: http(s) URL | null }' });
    }
    feed.webhookUrl = url;
    return { webhookUrl: feed.webhookUrl ?? options.webhookUrl };
  });

  app.get('/', async (_request, reply) => homePage(reply, feed, options));
  return { app, feed };
}
