export const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export const formatVnd = (dong: number): string => `${new Intl.NumberFormat('vi-VN').format(dong)} đ`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6fa;color:#1d2433}
header{background:#005baa;color:#fff;padding:12px 16px;font-weight:600}
main{max-width:560px;margin:16px auto;padding:0 12px}
section{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;box-shadow:0 1px 3px #0002}
.en{color:#5b6476;font-size:.9em}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:0}dt{color:#5b6476}dd{margin:0;font-weight:600;word-break:break-all}
button{display:block;width:100%;margin:8px 0;padding:12px;border-radius:6px;border:1px solid #005baa;background:#fff;font-size:1em;text-align:left;cursor:pointer}
button.primary{background:#005baa;color:#fff}
.error{border-left:4px solid #c62828}
table{border-collapse:collapse;width:100%;font-size:.85em}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left}
</style></head><body><header>VNPAY — Cổng thanh toán mô phỏng <span class="en">/ Payment gateway simulator</span></header><main>${body}</main></body></html>`;
}
