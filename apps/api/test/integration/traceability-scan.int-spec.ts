import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import mongoose from 'mongoose';
import sharp from 'sharp';
import type { Redis } from 'ioredis';
import type { ApiError, Product, ScanPositionResult, ScanSummary, SuspiciousStampsPage, TraceRecord } from '@nss/contracts';
import { CatalogVersion, PhotoThumbnailer, ProductWriter } from '@nss/catalog-api';
import { MediaStorage, REDIS } from '@nss/server-core';
import { newSerials } from '@nss/trace-codes';
import { ScanWriter } from '@nss/traceability-api';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aProduct, multipartFile } from '../support/catalog.factory';
import { aClientAddress } from '../support/client-address';
import { aSeller, COMMUNES, type CreatedSeller } from '../support/onboarding.factory';
import { aGtin, aStampedLot, withWrongCheckCharacter, type StampedLot } from '../support/scans.factory';
import { startTestApi, type TestApi, type TestResponse } from '../support/test-api';

const RATE = 10;
const K = 3;
const HANOI = { lat: 21.028511, lng: 105.854167 };
const HCMC = { lat: 10.776889, lng: 106.700806 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A photo-like image (smooth colours, a little grain), the kind a seller uploads. */
async function aPhoto(): Promise<Buffer> {
  const [w, h] = [1200, 900];
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const grain = (Math.sin(x * 12.9898 + y * 78.233) * 43758.5453) % 1;
      raw[i] = 60 + ((x / w) * 120 + grain * 18) | 0;
      raw[i + 1] = 110 + ((y / h) * 90 + Math.sin(x / 40) * 20 + grain * 18) | 0;
      raw[i + 2] = 50 + (Math.cos((x + y) / 60) * 30 + grain * 18) | 0;
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

describe('Traceability: the public scan page, verdicts, limits and scan analytics (real database and Redis)', () => {
  let api: TestApi;
  let writer: ScanWriter;
  let staff: CreatedAccount;
  let otherStaff: CreatedAccount;
  let admin: CreatedAccount;
  let agent: CreatedAccount;
  let seller: CreatedSeller;
  let product: Product;
  let lot: StampedLot;

  const get = <T = string>(url: string, from = aClientAddress(), headers: Record<string, string> = {}) => api.request<T>({ method: 'GET', url, from, headers });
  const html = (res: TestResponse<unknown>) => String(res.body);
  const verdictOf = (res: TestResponse<unknown>) => /data-verdict="([a-z_]+)"/.exec(html(res))?.[1];

  beforeAll(async () => {
    api = await startTestApi({ TRACE_SCAN_RATE: String(RATE), TRACE_SUSPICIOUS_SCANS: String(K), TRACE_SUSPICIOUS_KM: '100', TRACE_SUSPICIOUS_HOURS: '24' });
    writer = api.app.get(ScanWriter);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    otherStaff = await anAccount().withRole('province_staff').inProvince(COMMUNES.thucPhan.provinceCode).create(api);
    admin = await anAccount().withRole('admin').create(api);
    agent = await anAccount().withRole('agent').inProvince('19').create(api);
    seller = await aSeller().byAgent(agent).verified().create(api);
    const ocop = { productGroup: 'food', stars: 4, decisionNumber: '1234/QĐ-UBND', decisionDate: '2025-06-01', issuer: 'province' } as const;
    const created = await aProduct().with({ sellerId: seller.seller.id, name: 'Chè búp Tân Cương', ocop }).create(api, agent.accessToken);
    const upload = await api.request<Product>({ method: 'POST', url: `/api/products/${created.id}/photos`, token: agent.accessToken, ...multipartFile(await aPhoto(), { contentType: 'image/jpeg', filename: 'che.jpg' }) });
    const photo = upload.body.photos[0] as Product['photos'][number];
    const thumbnailer = new PhotoThumbnailer(api.app.get(ProductWriter), api.app.get(MediaStorage), api.app.get(CatalogVersion));
    await thumbnailer.run({ photoId: photo.id, storageKey: (photo.url.split('?')[0] as string).replace('/api/media/', ''), productId: created.id });
    const approved = await api.request<Product>({ method: 'POST', url: `/api/moderation/products/${created.id}`, token: staff.accessToken, body: { decision: 'approve' } });
    product = approved.body;
    lot = await aStampedLot(api, product, { quantity: 30, soldAt: null });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  describe('verdicts', () => {
    it('says genuine, first scan, then scanned before with the first scan date and the count', async () => {
      const serial = lot.serials[0] as string;
      const first = await get(`/t/${serial}`);
      expect(first.status).toBe(200);
      expect(verdictOf(first)).toBe('genuine_first');
      expect(html(first)).toContain('Tem chính hãng — lần quét đầu tiên');
      const second = await get(`/t/${serial}`);
      expect(verdictOf(second)).toBe('genuine_seen');
      expect(html(second)).toMatch(/Lần quét đầu: \d\d\/\d\d\/\d{4} \d\d:\d\d · Số lần quét: 2/);
      const json = await get<TraceRecord>(`/api/trace/${serial}`);
      expect(json.status).toBe(200);
      expect(json.body.verdict).toMatchObject({ kind: 'genuine_seen', scanCount: 3, reasons: [] });
      expect(json.body.verdict.firstScanAt).toEqual(expect.any(String));
    });

    it('reads a serial typed in lower case with spaces or dashes as the same stamp', async () => {
      const serial = lot.serials[1] as string;
      const typed = `${serial.slice(0, 4).toLowerCase()}-${serial.slice(4, 8)} ${serial.slice(8)}`;
      const res = await get<TraceRecord>(`/api/trace/${encodeURIComponent(typed)}`);
      expect(res.status).toBe(200);
      expect(res.body.serial).toBe(serial);
    });

    it(`turns suspicious above ${K} scans, and stays suspicious`, async () => {
      const serial = lot.serials[2] as string;
      const kinds: Array<string | undefined> = [];
      for (let i = 0; i < K + 2; i++) kinds.push(verdictOf(await get(`/t/${serial}`)));
      expect(kinds).toEqual(['genuine_first', 'genuine_seen', 'genuine_seen', 'suspicious', 'suspicious']);
      const json = await get<TraceRecord>(`/api/trace/${serial}`);
      expect(json.body.verdict).toMatchObject({ kind: 'suspicious', reasons: ['too_many_scans'], scanCount: K + 3 });
    });

    it('turns suspicious when two consented positions are more than D km apart within T hours', async () => {
      const serial = lot.serials[3] as string;
      const [a, b] = [aClientAddress(), aClientAddress()];
      const first = await get<TraceRecord>(`/api/trace/${serial}`, a);
      const sent = await api.request<ScanPositionResult>({ method: 'POST', url: `/api/trace/${serial}/position`, from: a, body: { scanId: first.body.scanId, ...HANOI } });
      expect(sent.status).toBe(200);
      expect(sent.body.verdict.kind).toBe('genuine_first');
      const second = await get<TraceRecord>(`/api/trace/${serial}`, b);
      const far = await api.request<ScanPositionResult>({ method: 'POST', url: `/api/trace/${serial}/position`, from: b, body: { scanId: second.body.scanId, ...HCMC } });
      expect(far.body.verdict).toMatchObject({ kind: 'suspicious', reasons: ['far_apart'] });
      expect(verdictOf(await get(`/t/${serial}`))).toBe('suspicious');
      expect(html(await get(`/t/${serial}`))).toContain('cách nhau hơn 100 km trong vòng 24 giờ');
    });

    it('says inactive for a stamp not activated and void for a voided one', async () => {
      const inactive = await aStampedLot(api, product, { quantity: 1, status: 'inactive' });
      const voided = await aStampedLot(api, product, { quantity: 1, status: 'void' });
      const a = await get(`/t/${inactive.serials[0]}`);
      expect([a.status, verdictOf(a)]).toEqual([200, 'inactive']);
      expect(html(a)).toContain('Tem chưa được kích hoạt');
      const v = await get(`/t/${voided.serials[0]}`);
      expect([v.status, verdictOf(v)]).toEqual([200, 'void']);
      expect(html(v)).toContain('Tem đã bị huỷ');
      expect(html(v)).not.toContain('scan.js');
    });

    it('says not found for an unknown serial, a wrong check character and a Digital Link naming another GTIN or lot', async () => {
      const [other] = newSerials(1);
      const serial = lot.serials[4] as string;
      const urls = [
        `/t/${other}`,
        `/t/${withWrongCheckCharacter(serial)}`,
        `/t/not-a-serial`,
        `/01/0${aGtin()}/10/${lot.lotCode}/21/${serial}`,
        `/01/0${lot.gtin}/10/OTHER-LOT/21/${serial}`,
      ];
      for (const url of urls) {
        const res = await get(url);
        expect([url, res.status, verdictOf(res)]).toEqual([url, 404, 'not_found']);
        expect(html(res)).toContain('Không tìm thấy tem');
      }
      const json = await get<ApiError>(`/api/trace/${other}`);
      expect(json.status).toBe(404);
      expect(json.body.messageEn).toBe('Stamp not found');
      const good = await get(`/01/0${lot.gtin}/10/${lot.lotCode}/21/${serial}`);
      expect([good.status, verdictOf(good)]).toEqual([200, 'genuine_first']);
    });

    it('answers a wrong check character without reading the database', async () => {
      await writer.flush();
      const ops: string[] = [];
      mongoose.set('debug', (collection: string, method: string) => ops.push(`${collection}.${method}`));
      try {
        for (const serial of lot.serials.slice(0, 5)) {
          const res = await get(`/t/${withWrongCheckCharacter(serial)}`);
          expect(res.status).toBe(404);
          expect((await get<ApiError>(`/api/trace/${withWrongCheckCharacter(serial)}`)).status).toBe(404);
        }
        expect(ops).toEqual([]);
        // The same watch sees a read when there is one: an unknown serial with a right check character is looked up.
        const [unknown] = newSerials(1);
        await get(`/t/${unknown}`);
        expect(ops).toContain('stamps.findOne');
      } finally {
        mongoose.set('debug', false);
      }
    });
  });

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

  describe('limits per client', () => {
    it(`answers ${RATE} scans a minute per client, then a Vietnamese 429 page with Retry-After; other clients go on`, async () => {
      const [a, b] = [aClientAddress(), aClientAddress()];
      const statuses: number[] = [];
      for (let i = 0; i < RATE; i++) statuses.push((await get(`/t/${lot.serials[9]}`, a)).status);
      expect(statuses).toEqual(Array(RATE).fill(200));
      const refused = await get(`/t/${lot.serials[9]}`, a);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(html(refused)).toContain('Bạn đã tra cứu quá nhiều lần');
      expect(html(await get(`/t/${lot.serials[9]}?lang=en`, a))).toContain('Too many look-ups');
      const json = await get<ApiError>(`/api/trace/${lot.serials[9]}`, a);
      expect([json.status, json.body.code]).toEqual([429, 'RATE_LIMITED']);
      expect((await get(`/t/${lot.serials[9]}`, b)).status).toBe(200);
    });

    it('counts a not-found answer five times, so serials cannot be guessed at the scan rate', async () => {
      const from = aClientAddress();
      const [unknown] = newSerials(1);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(`/t/${i % 2 ? unknown : withWrongCheckCharacter(lot.serials[10] as string)}`, from)).status);
      expect(statuses).toEqual([404, 404, 429, 429]);
      // A genuine stamp from that client is refused too until the window passes; another client is not.
      expect((await get(`/t/${lot.serials[10]}`, from)).status).toBe(429);
      expect((await get(`/t/${lot.serials[10]}`)).status).toBe(200);
    });
  });

  describe('scan records', () => {
    it('records each scan (time, verdict, user agent ≤ 200, keyed hash of the address) and never the address', async () => {
      const from = aClientAddress();
      const serial = lot.serials[11] as string;
      const userAgent = `Mozilla/5.0 (Linux; Android 10; Redmi 9A) ${'x'.repeat(300)}`;
      const scanned = await get<TraceRecord>(`/api/trace/${serial}`, from, { 'user-agent': userAgent });
      await get(`/t/${serial}`, from, { 'user-agent': userAgent });
      await writer.flush();
      const scans = await api.connection.collection('stamp_scans').find({ serial }).sort({ at: 1 }).toArray();
      expect(scans).toHaveLength(2);
      expect(String(scans[0]?.['_id'])).toBe(scanned.body.scanId);
      expect(scans[0]).toMatchObject({ stampFound: true, verdict: 'genuine_first', productId: product.id, sellerId: seller.seller.id, provinceCode: '19', communeCode: product.communeCode, lat: null, lng: null });
      expect(scans[1]).toMatchObject({ verdict: 'genuine_seen' });
      expect(scans[0]?.['userAgent']).toHaveLength(200);
      expect(scans[0]?.['clientHash']).toMatch(/^[0-9a-f]{32}$/);
      expect(scans[0]?.['clientHash']).toBe(scans[1]?.['clientHash']);
      expect(scans[0]?.['dayVn']).toMatch(/^\d{4}-\d\d-\d\d$/);
      const events = await api.connection.collection('trace_events').find({ type: 'stamp.scanned', serial }).toArray();
      expect(events.map((e) => e['key']).sort()).toEqual(scans.map((x) => `stamp.scanned:${String(x['_id'])}`).sort());
      const stamp = await api.connection.collection('stamps').findOne({ _id: serial as never });
      expect(stamp).toMatchObject({ scanCount: 2, firstScanAt: scans[0]?.['at'] });
      expect(stamp?.['lastScans']).toHaveLength(2);
      // The address is nowhere: not in the scans, the stamp, the events, nor in any Redis key or value of this stamp.
      const stored = JSON.stringify([scans, events, stamp]);
      expect(stored).not.toContain(from);
      const redis = api.app.get<Redis>(REDIS);
      const keys = await redis.keys('*');
      expect(keys.filter((k) => k.includes(from))).toEqual([]);
      const recent = await redis.lrange(`nss:stamp:{${serial}}:recent`, 0, -1);
      expect(recent.join()).not.toContain(from);
      expect(recent.join()).toContain(String(scans[0]?.['clientHash']));
    });

    it('records a scan of an unknown serial (found: no), but nothing for a wrong check character', async () => {
      const [unknown] = newSerials(1);
      const bad = withWrongCheckCharacter(lot.serials[12] as string);
      await get(`/t/${unknown}`);
      await get(`/t/${bad}`);
      await writer.flush();
      expect(await api.connection.collection('stamp_scans').findOne({ serial: unknown })).toMatchObject({ stampFound: false, verdict: 'not_found', sellerId: null, provinceCode: null });
      expect(await api.connection.collection('stamp_scans').countDocuments({ serial: bad })).toBe(0);
    });

    it('counts concurrent scans of one stamp exactly (1 … n, once each)', async () => {
      const serial = lot.serials[13] as string;
      const n = 20;
      const answers = await Promise.all(Array.from({ length: n }, () => get<TraceRecord>(`/api/trace/${serial}`)));
      expect(answers.map((a) => a.status)).toEqual(Array(n).fill(200));
      expect(answers.map((a) => a.body.verdict.scanCount).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_v, i) => i + 1));
      expect(answers.filter((a) => a.body.verdict.kind === 'genuine_first')).toHaveLength(1);
      await writer.flush();
      expect(await api.connection.collection('stamp_scans').countDocuments({ serial })).toBe(n);
      expect(await api.connection.collection('stamps').findOne({ _id: serial as never })).toMatchObject({ scanCount: n });
      expect(await api.connection.collection('trace_events').countDocuments({ key: `stamp.suspicious:${serial}:too_many_scans` })).toBe(1);
    });

    it('stores a record the outbox delivers twice once, and does not count a HEAD request', async () => {
      const serial = lot.serials[17] as string;
      await writer.flush();
      const redis = api.app.get<Redis>(REDIS);
      const pendingKey = `nss:scans:${api.connection.name}:pending`;
      // Holding the flush lease keeps the writer's timer off the outbox meanwhile.
      await redis.set(`nss:scans:${api.connection.name}:flush`, 'this test', 'PX', 10_000);
      await get(`/t/${serial}`);
      const pending = await redis.lrange(pendingKey, 0, -1);
      expect(pending).toHaveLength(1);
      await redis.rpush(pendingKey, pending[0] as string); // as after a flush that stored it but crashed before trimming
      await redis.del(`nss:scans:${api.connection.name}:flush`);
      await writer.flush();
      expect(await api.connection.collection('stamp_scans').countDocuments({ serial })).toBe(1);
      expect(await api.connection.collection('trace_events').countDocuments({ serial, type: 'stamp.scanned' })).toBe(1);
      expect(await redis.llen(pendingKey)).toBe(0);
      const head = await api.app.inject({ method: 'HEAD', url: `/t/${serial}` });
      expect(head.statusCode).toBe(200);
      expect((await get<TraceRecord>(`/api/trace/${serial}`)).body.verdict.scanCount).toBe(2);
    });

    it('continues the count from the stamp document when Redis lost it', async () => {
      const serial = lot.serials[14] as string;
      for (let i = 0; i < 2; i++) await get(`/t/${serial}`);
      await writer.flush();
      const redis = api.app.get<Redis>(REDIS);
      // Everything Redis had of the stamp (a reset): its copy for the scan path, its counters, its recent scans.
      await redis.del(`nss:stamp:{${serial}}:m`, `nss:stamp:{${serial}}:scans`, `nss:stamp:{${serial}}:recent`);
      const again = await get<TraceRecord>(`/api/trace/${serial}`);
      expect(again.body.verdict).toMatchObject({ kind: 'genuine_seen', scanCount: 3 });
    });

    it('stores a consented position rounded to 0.01°, only for a recent scan of that stamp by the same client, once', async () => {
      const serial = lot.serials[15] as string;
      const [a, b] = [aClientAddress(), aClientAddress()];
      const scanned = await get<TraceRecord>(`/api/trace/${serial}`, a);
      const post = (body: unknown, from: string, target = serial) => api.request<ApiError>({ method: 'POST', url: `/api/trace/${target}/position`, from, body });
      expect((await post({ scanId: scanned.body.scanId, ...HANOI }, b)).status).toBe(404); // another client
      expect((await post({ scanId: '0123456789abcdef01234567', ...HANOI }, a)).status).toBe(404); // no such scan
      expect((await post({ scanId: scanned.body.scanId, ...HANOI }, a, lot.serials[16] as string)).status).toBe(404); // another stamp
      expect((await post({ scanId: scanned.body.scanId, ...HANOI }, a, withWrongCheckCharacter(serial))).status).toBe(404);
      const bad = await post({ scanId: scanned.body.scanId, lat: 91, lng: 0 }, a);
      expect([bad.status, bad.body.issues?.[0]?.path]).toEqual([400, 'lat']);
      expect((await post({ scanId: scanned.body.scanId, ...HANOI }, a)).status).toBe(200);
      expect((await post({ scanId: scanned.body.scanId, ...HCMC }, a)).status).toBe(409);
      await writer.flush();
      const stored = await api.connection.collection('stamp_scans').findOne({ serial });
      expect(stored).toMatchObject({ lat: 21.03, lng: 105.85, scannerProvinceCode: '01' });
    });
  });

  describe('scan analytics', () => {
    let sellerToken: string;
    let cbProduct: Product;
    let cbSerial: string;
    const summary = (token: string, query = '') => api.request<ScanSummary & ApiError>({ method: 'GET', url: `/api/scans/summary${query}`, token });
    const suspicious = (token: string, query = '') => api.request<SuspiciousStampsPage & ApiError>({ method: 'GET', url: `/api/scans/suspicious${query}`, token });

    beforeAll(async () => {
      sellerToken = (await anAccount().forSeller(seller.seller.id).inProvince('19').create(api)).accessToken;
      // A seller of Cao Bằng with one scanned stamp.
      const cbSeller = await aSeller().inCommune(COMMUNES.thucPhan.provinceCode, COMMUNES.thucPhan.communeCode).verified().create(api);
      cbProduct = await aProduct().named('Miến dong Cao Bằng').approved(otherStaff).create(api, cbSeller.sellerToken as string);
      cbSerial = (await aStampedLot(api, cbProduct, { quantity: 1 })).serials[0] as string;
      await get(`/t/${cbSerial}`);
      // Thái Nguyên: a scan shared from Hà Nội, one from Hồ Chí Minh City, and a stamp scanned too often.
      for (const [serial, place] of [[lot.serials[20], HANOI], [lot.serials[21], HCMC]] as const) {
        const from = aClientAddress();
        const scanned = await get<TraceRecord>(`/api/trace/${serial}`, from);
        await api.request({ method: 'POST', url: `/api/trace/${serial}/position`, from, body: { scanId: scanned.body.scanId, ...place } });
      }
      for (let i = 0; i <= K; i++) await get(`/t/${lot.serials[22]}`);
      await writer.flush();
    });

    it('gives a seller its products’ scans by day, verdict and the scanners’ (approximate) province', async () => {
      const res = await summary(sellerToken);
      expect(res.status).toBe(200);
      const stored = await api.connection.collection('stamp_scans').countDocuments({ sellerId: seller.seller.id, stampFound: true });
      expect(res.body.total).toBe(stored);
      expect(res.body.byDay.reduce((n, d) => n + d.count, 0)).toBe(stored);
      expect(res.body.byProduct).toEqual(expect.arrayContaining([expect.objectContaining({ productId: product.id, productName: 'Chè búp Tân Cương' })]));
      expect(res.body.byScannerProvince).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ provinceCode: '01', provinceName: 'Thành phố Hà Nội' }),
          expect.objectContaining({ provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' }),
          expect.objectContaining({ provinceCode: null }),
        ]),
      );
      expect(res.body.byVerdict.map((v) => v.verdict)).toEqual(expect.arrayContaining(['genuine_first', 'genuine_seen', 'suspicious']));
      expect(res.body.byProduct.map((p) => p.productId)).not.toContain(cbProduct.id);
      const one = await summary(sellerToken, `?productId=${product.id}`);
      expect(one.body.total).toBe(stored);
    });

    it('refuses a seller another seller’s product (404) or name (403), and answers an empty past period', async () => {
      expect((await summary(sellerToken, `?productId=${cbProduct.id}`)).status).toBe(404);
      expect((await summary(sellerToken, `?sellerId=${cbProduct.sellerId}`)).status).toBe(403);
      const past = await summary(sellerToken, '?from=2025-01-01&to=2025-01-31');
      expect([past.status, past.body.total, past.body.byDay]).toEqual([200, 0, []]);
      const backwards = await summary(sellerToken, '?from=2026-02-01&to=2026-01-01');
      expect([backwards.status, backwards.body.issues?.[0]?.path]).toEqual([400, 'from']);
      expect((await summary(sellerToken, '?from=2024-01-01&to=2026-01-01')).status).toBe(400);
    });

    it('lets an agent see the seller it manages (named), not others', async () => {
      expect((await summary(agent.accessToken, `?sellerId=${seller.seller.id}`)).status).toBe(200);
      expect((await summary(agent.accessToken)).status).toBe(400);
      const otherAgent = await anAccount().withRole('agent').inProvince('19').create(api);
      expect((await summary(otherAgent.accessToken, `?sellerId=${seller.seller.id}`)).status).toBe(403);
    });

    it('gives province staff their province by commune and product, and nothing of another province', async () => {
      const own = await summary(staff.accessToken);
      const inProvince = await api.connection.collection('stamp_scans').countDocuments({ provinceCode: '19', stampFound: true });
      expect(own.body.total).toBe(inProvince);
      expect(own.body.byCommune).toEqual([{ communeCode: product.communeCode, communeName: 'Xã Tân Cương', count: inProvince }]);
      expect(own.body.byProduct.map((p) => p.productId)).toEqual([product.id]);
      const other = await summary(otherStaff.accessToken);
      expect([other.body.total, other.body.byProduct.map((p) => p.productName)]).toEqual([1, ['Miến dong Cao Bằng']]);
      expect((await summary(otherStaff.accessToken, `?productId=${product.id}`)).status).toBe(404);
      expect((await summary(otherStaff.accessToken, `?sellerId=${seller.seller.id}`)).body.total).toBe(0);
      expect((await summary(staff.accessToken, '?provinceCode=04')).status).toBe(400);
      const all = await summary(admin.accessToken);
      expect(all.body.total).toBe(inProvince + 1);
      expect((await summary(admin.accessToken, '?provinceCode=04')).body.total).toBe(1);
    });

    it('lists suspicious stamps with why, to the staff of their province only', async () => {
      const res = await suspicious(staff.accessToken);
      expect(res.status).toBe(200);
      const bySerial = new Map(res.body.items.map((i) => [i.serial, i]));
      expect(bySerial.get(lot.serials[22] as string)).toMatchObject({
        reasons: [{ reason: 'too_many_scans', detectedAt: expect.any(String) }],
        productId: product.id,
        productName: 'Chè búp Tân Cương',
        lotCode: lot.lotCode,
        communeName: 'Xã Tân Cương',
        provinceCode: '19',
        scanCount: K + 1,
      });
      expect(res.body.total).toBe(res.body.items.length);
      expect((await suspicious(otherStaff.accessToken)).body.items).toEqual([]);
      expect((await suspicious(otherStaff.accessToken, '?provinceCode=19')).status).toBe(404);
      expect((await suspicious(admin.accessToken, '?provinceCode=19')).body.total).toBe(res.body.total);
      expect((await suspicious(sellerToken)).status).toBe(403);
      expect((await suspicious(agent.accessToken)).status).toBe(403);
    });
  });

  it('is reached through the web server: serve-web.mjs passes /t/ and /01/ to the API, and keeps the app routes', async () => {
    await get('/t/scan.js'); // the API listens on a port from the first socket request on
    const root = mkdtempSync(join(tmpdir(), 'nss-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><nss-root></nss-root></body></html>');
    const port = await freePort();
    const child = spawn(process.execPath, [join(__dirname, '../../../../tools/scripts/serve-web.mjs')], {
      env: { ...process.env, WEB_PORT: String(port), WEB_HOST: '127.0.0.1', WEB_ROOT: root, API_URL: await api.app.getUrl() },
      stdio: 'ignore',
    });
    try {
      const web = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100 && !(await fetch(web).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 50));
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
