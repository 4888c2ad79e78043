import type { ApiError, CommuneDto, ConversionDto, ProvinceDto } from '@nss/contracts';
import { startTestApi, TestApi } from '../support/test-api';

describe('Administrative units API (public, static data)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists the 34 provinces of 2025 without sign-in, cacheable', async () => {
    const res = await api.request<ProvinceDto[]>({ method: 'GET', url: '/api/admin-units/provinces' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(34);
    expect(res.body).toContainEqual({ code: '19', name: 'Thái Nguyên', fullName: 'Tỉnh Thái Nguyên', era: '2025' });
    expect(String(res.headers['cache-control'])).toContain('max-age=');
  });

  it('lists a province’s communes', async () => {
    const res = await api.request<CommuneDto[]>({ method: 'GET', url: '/api/admin-units/provinces/19/communes' });
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ code: '01843', name: 'Phường Bắc Kạn', provinceCode: '19', era: '2025' });
    expect(res.body.every((c) => c.provinceCode === '19')).toBe(true);
  });

  it('answers an unknown province with 404 and a malformed one with 400', async () => {
    expect((await api.request({ method: 'GET', url: '/api/admin-units/provinces/06/communes' })).status).toBe(404);
    const bad = await api.request<ApiError>({ method: 'GET', url: '/api/admin-units/provinces/abc/communes' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.[0]?.path).toBe('code');
  });

  it('converts old codes to new ones (many-to-many)', async () => {
    const province = await api.request<ConversionDto>({ method: 'GET', url: '/api/admin-units/convert?era=pre2025&code=06' });
    expect(province.status).toBe(200);
    expect(province.body.to).toEqual([{ level: 'province', code: '19', name: 'Thái Nguyên', provinceCode: '19', era: '2025' }]);
    const split = await api.request<ConversionDto>({ method: 'GET', url: '/api/admin-units/convert?era=pre2025&code=00019' });
    expect(split.status).toBe(200);
    expect(split.body.from).toEqual({ level: 'commune', code: '00019', era: 'pre2025' });
    expect(split.body.to.length).toBeGreaterThan(1);
  });

  it('rejects bad conversion queries with 400 and unknown old codes with 404', async () => {
    const noEra = await api.request<ApiError>({ method: 'GET', url: '/api/admin-units/convert?code=06' });
    expect(noEra.status).toBe(400);
    expect(noEra.body.issues?.map((i) => i.path)).toContain('era');
    const extra = await api.request<ApiError>({ method: 'GET', url: '/api/admin-units/convert?era=pre2025&code=06&x=1' });
    expect(extra.status).toBe(400);
    expect(extra.body.issues?.map((i) => i.path)).toContain('x');
    expect((await api.request({ method: 'GET', url: '/api/admin-units/convert?era=pre2025&code=99999' })).status).toBe(404);
  });
});
