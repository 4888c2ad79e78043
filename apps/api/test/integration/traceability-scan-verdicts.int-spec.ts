import mongoose from 'mongoose';
import type { ApiError, ScanPositionResult, TraceRecord } from '@nss/contracts';
import { newSerials } from '@nss/trace-codes';
import type { ScanWriter } from '@nss/traceability-api';
import { aClientAddress } from '../support/client-address';
import { aGtin, aStampedLot, withWrongCheckCharacter, type StampedLot } from '../support/scans.factory';
import type { TestApi } from '../support/test-api';
import { HANOI, HCMC, K, html, scanRequests, startScanWorld, verdictOf, type ScanWorld } from '../support/traceability-scan.support';

/** What a scan of a stamp says: genuine, scanned before, suspicious, inactive, void or not found. */
describe('Traceability: the verdicts of the public scan (real database and Redis)', () => {
  let api: TestApi;
  let writer: ScanWriter;
  let product: ScanWorld['product'];
  let lot: StampedLot;

  beforeAll(async () => {
    ({ api, writer, product, lot } = await startScanWorld());
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const get = scanRequests(() => api);

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
});
