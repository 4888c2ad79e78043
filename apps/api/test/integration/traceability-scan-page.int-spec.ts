import { aStampedLot, type StampedLot } from '../support/scans.factory';
import type { TestApi } from '../support/test-api';
import { html, scanRequests, startScanWorld, type ScanWorld } from '../support/traceability-scan.support';
import { startWebServer } from '../support/web-server';

/** The page a phone shows after a scan: the Circular 02 record, its weight, its headers, its languages, and the web server in front of it. */
describe('Traceability: the public scan page (real database and Redis)', () => {
  let api: TestApi;
  let seller: ScanWorld['seller'];
  let product: ScanWorld['product'];
  let lot: StampedLot;

  beforeAll(async () => {
    ({ api, seller, product, lot } = await startScanWorld({ photo: true }));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const get = scanRequests(() => api);

  describe('the page', () => {
    it('shows the Circular 02 record completely without JavaScript, and no personal data', async () => {
      const sold = await aStampedLot(api, product, { quantity: 1, soldAt: new Date('2026-06-03T20:00:00Z'), diary: [
        { type: 'processing', at: new Date('2026-05-21T02:00:00Z'), place: 'Xưởng chế biến <b>HTX</b>', communeCode: '05503', note: 'Sao chè & vò', inputs: ['CHE-A1', 'CHE-A2'] },
      ] });
      const res = await get(`/t/${sold.serials[0]}`);
      expect(res.status).toBe(200);
      const page = html(res);
      for (const text of [
        'Chè búp Tân Cương', // product
        seller.seller.displayName, // producer
        'Xã Tân Cương', // commune of the producer and of the lot (admin units 2025)
        'Thái Nguyên',
        '★★★★ OCOP 4 sao',
        `Mã lô</dt><dd>${sold.lotCode}`,
        'Ngày sản xuất</dt><dd>22/05/2026',
        'Hạn sử dụng</dt><dd>22/05/2027',
        'Thời hạn sử dụng</dt><dd>365 ngày',
        'VietGAP, TCVN 11041 hữu cơ',
        'VietGAP VG-19-0421', // product certification
        `(01)0${sold.gtin}(10)${sold.lotCode}(21)${sold.serials[0]}`,
        `Số sê-ri</dt><dd>${sold.serials[0]}`,
        'Đã bán ngày 04/06/2026', // 20:00 UTC is the next day in Vietnam
        'Nhật ký sản xuất',
        'Chế biến',
        '21/05/2026 09:00',
        'Xưởng chế biến &lt;b&gt;HTX&lt;/b&gt;, Xã Tân Cương',
        'Sao chè &amp; vò',
        'Nguyên liệu từ lô: CHE-A1, CHE-A2',
      ]) {
        expect(page).toContain(text);
      }
      expect(page).not.toContain('<b>HTX</b>');
      // No phone, no citizen ID, no street address of the household.
      expect(page).not.toContain(seller.phone);
      expect(page).not.toContain(seller.citizenId);
      expect(page).not.toContain('Xóm Hồng Thái');
      // Complete without JavaScript: the only script is the external consent button's, which starts hidden.
      expect(page.match(/<script/g)).toHaveLength(1);
      expect(page).toContain('<script src="/t/scan.js" defer></script>');
      expect(page).toMatch(/<button type="button" id="share-position" hidden/);
    });

    it('shows the default diary as a timeline in time order', async () => {
      const page = html(await get(`/t/${lot.serials[5]}`));
      const order = ['Gieo trồng', 'Bón phân', 'Thu hoạch', 'Phơi, sấy', 'Đóng gói'].map((t) => page.indexOf(`<b>${t}</b>`));
      expect(order.every((at) => at > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(page).toContain('21/05/2026 06:15'); // 23:15 UTC on the 20th, harvest
    });

    it('switches to English with ?lang=en', async () => {
      const res = await get(`/t/${lot.serials[6]}?lang=en`);
      const page = html(res);
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('Genuine stamp — first scan');
      expect(page).toContain('Production date</dt><dd>22/05/2026');
      expect(page).toContain('Production diary');
      expect(page).toContain('href="?lang=vi"');
      expect(html(await get(`/t/${lot.serials[6]}`))).toContain('href="?lang=en"');
      expect(html(await get(`/t/not-a-serial?lang=en`))).toContain('Stamp not found');
    });

    it('weighs at most 60 KB with its thumbnail', async () => {
      const res = await get(`/t/${lot.serials[7]}`);
      const src = /<img src="([^"]+)"/.exec(html(res))?.[1];
      expect(src).toMatch(/^\/api\/media\/.+\.webp$/);
      const image = await api.app.inject({ method: 'GET', url: src as string });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/webp');
      const pageBytes = Buffer.byteLength(html(res));
      const total = pageBytes + image.rawPayload.length;
      expect(total).toBeLessThanOrEqual(60 * 1024);
      expect(image.rawPayload.length).toBeGreaterThan(2_000); // a real thumbnail, not a placeholder
    });

    it('keeps the security headers, is never cached, and serves its script as a cacheable file', async () => {
      const res = await get(`/t/${lot.serials[8]}`);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(res.headers['permissions-policy']).toBe('geolocation=(self)');
      const script = await get('/t/scan.js');
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.headers['cache-control']).toBe('public, max-age=86400');
      expect(html(script)).toContain('/api/trace/');
    });
  });

  it('is reached through the web server: serve-web.mjs passes /t/ and /01/ to the API, and keeps the app routes', async () => {
    await get('/t/scan.js'); // the API listens on a port from the first socket request on
    const { url: web, child } = await startWebServer(await api.app.getUrl());
    try {
      const serial = lot.serials[25] as string;
      const short = await fetch(`${web}/t/${serial}`);
      expect(short.status).toBe(200);
      expect(await short.text()).toContain('data-verdict="genuine_first"');
      const link = await fetch(`${web}/01/0${lot.gtin}/10/${lot.lotCode}/21/${serial}?lang=en`);
      expect(await link.text()).toContain('Genuine stamp — scanned before');
      expect((await fetch(`${web}/t/scan.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const app = await fetch(`${web}/tai-khoan`, { headers: { accept: 'text/html' } });
      expect(await app.text()).toContain('<nss-root>');
    } finally {
      child.kill();
    }
  });
});
