import type { ApiError } from '@nss/contracts';
import { newSerials } from '@nss/trace-codes';
import { aClientAddress } from '../support/client-address';
import { withWrongCheckCharacter, type StampedLot } from '../support/scans.factory';
import type { TestApi } from '../support/test-api';
import { RATE, html, scanRequests, startScanWorld } from '../support/traceability-scan.support';

/** How many scans a client gets a minute, and how a guess at serials is slowed down. */
describe('Traceability: the scan limits per client (real database and Redis)', () => {
  let api: TestApi;
  let lot: StampedLot;

  beforeAll(async () => {
    ({ api, lot } = await startScanWorld());
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const get = scanRequests(() => api);

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
});
