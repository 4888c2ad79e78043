import type { Redis } from 'ioredis';
import type { ApiError, TraceRecord } from '@nss/contracts';
import { REDIS } from '@nss/server-core';
import { newSerials } from '@nss/trace-codes';
import type { ScanWriter } from '@nss/traceability-api';
import { aClientAddress } from '../support/client-address';
import { withWrongCheckCharacter, type StampedLot } from '../support/scans.factory';
import type { TestApi } from '../support/test-api';
import { HANOI, HCMC, scanRequests, startScanWorld, type ScanWorld } from '../support/traceability-scan.support';

/** What a scan leaves behind: its record (never the address), exact counts under concurrency, and a consented position. */
describe('Traceability: the records of scans (real database and Redis)', () => {
  let api: TestApi;
  let writer: ScanWriter;
  let seller: ScanWorld['seller'];
  let product: ScanWorld['product'];
  let lot: StampedLot;

  beforeAll(async () => {
    ({ api, writer, seller, product, lot } = await startScanWorld());
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const get = scanRequests(() => api);

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
});
