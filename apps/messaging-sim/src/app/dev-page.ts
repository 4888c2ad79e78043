import type { FastifyInstance } from 'fastify';
import type { SimMessage, SimState } from './sim-state';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The 6-digit code in a message, if any (for a developer in a hurry, and for the end-to-end test). */
function codeOf(message: SimMessage): string {
  const text = message.text ?? Object.values(message.templateData ?? {}).join(' ');
  return /\b(\d{6})\b/.exec(text)?.[1] ?? '';
}

function row(m: SimMessage): string {
  const content = m.text ?? `${m.templateId ?? ''} ${JSON.stringify(m.templateData ?? {})}`;
  const time = new Date(m.receivedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  return `<tr data-testid="sim-message-row" data-phone="${escape(m.phone)}" data-channel="${m.channel}" data-result="${escape(m.result)}">
<td>${escape(time)}</td><td>${m.channel === 'zns' ? 'Zalo ZNS' : 'SMS'}</td><td data-testid="sim-message-phone">${escape(m.phone)}</td>
<td data-testid="sim-message-text">${escape(content)}</td><td data-testid="sim-message-code">${escape(codeOf(m))}</td>
<td data-testid="sim-message-result">${escape(m.result)}${m.timedOut ? ' (timeout)' : ''}</td><td>${m.report}</td></tr>`;
}

/** GET / : the messages the providers "received", newest first; `?phone=` filters. Vietnam time. */
export function devPage(app: FastifyInstance, state: SimState): void {
  app.get('/', async (req, reply) => {
    const phone = (req.query as { phone?: string }).phone ?? '';
    const messages = state.messages.filter((m) => !phone || m.phone === phone).slice(0, 200);
    const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trình mô phỏng tin nhắn / Messaging simulator</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}</style></head>
<body><h1 data-testid="sim-title">Trình mô phỏng Zalo ZNS và SMS <small>/ Zalo ZNS and SMS simulator</small></h1>
<p>Tin nhắn mà nhà cung cấp lẽ ra đã gửi tới điện thoại (chỉ dùng khi phát triển). Giờ Việt Nam.<br>
<small>Messages the providers would have delivered to phones (development only). Vietnam time. JSON: <a href="/sim/messages">/sim/messages</a></small></p>
<form method="get"><label>Số điện thoại / Phone <input name="phone" data-testid="sim-phone-filter" value="${escape(phone)}"></label> <button>Lọc / Filter</button></form>
<table><thead><tr><th>Thời gian / Time</th><th>Kênh / Channel</th><th>Số điện thoại / Phone</th><th>Nội dung / Content</th><th>Mã / Code</th><th>Kết quả / Result</th><th>Báo cáo / Report</th></tr></thead>
<tbody>${messages.map(row).join('\n') || '<tr><td colspan="7" data-testid="sim-empty">Chưa có tin nhắn nào / No messages yet</td></tr>'}</tbody></table></body></html>`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  });
}
