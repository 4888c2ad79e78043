import { communeRowName, reportPlaceOf, type AdminUnitLookup, type AdminUnitRef } from './eras';

// A small hand-made map: old commune 00100 became 10001 (one to one), old 00200 was split between 10002 and 10003,
// old 00300 is unknown; old province 90 became 19.
const communes: Record<string, AdminUnitRef> = {
  '10001': { code: '10001', name: 'Xã Một', provinceCode: '19' },
  '10002': { code: '10002', name: 'Xã Hai', provinceCode: '19' },
  '10003': { code: '10003', name: 'Phường Ba', provinceCode: '19' },
};
const units: AdminUnitLookup = {
  getCommune: (code) => communes[code],
  convertOldCode: ({ level, code }) => {
    if (level === 'province') return code === '90' ? { to: [{ code: '19', name: 'Thái Nguyên', provinceCode: '19' }] } : null;
    const map: Record<string, string[]> = { '00100': ['10001'], '00200': ['10002', '10003'] };
    return map[code] ? { to: map[code].map((c) => communes[c] as AdminUnitRef) } : null;
  },
};

describe('report place of a record', () => {
  it('keeps a 2025 commune as it is', () => {
    expect(reportPlaceOf({ provinceCode: '19', communeCode: '10002', adminEra: '2025' }, units)).toEqual({ provinceCode: '19', communeKey: '10002' });
  });

  it('refuses a 2025 commune that is not in the province', () => {
    expect(reportPlaceOf({ provinceCode: '20', communeCode: '10002', adminEra: '2025' }, units)).toBeNull();
  });

  it('reports an old commune that became one new commune under it', () => {
    expect(reportPlaceOf({ provinceCode: '90', communeCode: '00100', adminEra: 'pre2025' }, units)).toEqual({ provinceCode: '19', communeKey: '10001' });
  });

  it('gives a split old commune its own row, never one of the new communes', () => {
    expect(reportPlaceOf({ provinceCode: '90', communeCode: '00200', adminEra: 'pre2025' }, units)).toEqual({
      provinceCode: '19',
      communeKey: 'old:00200',
      former: { code: '00200', candidates: ['10002', '10003'] },
    });
  });

  it('places an unknown old commune in its old province, on its own row', () => {
    expect(reportPlaceOf({ provinceCode: '90', communeCode: '00300', adminEra: 'pre2025' }, units)).toMatchObject({ provinceCode: '19', communeKey: 'old:00300' });
    expect(reportPlaceOf({ provinceCode: '77', communeCode: '00300', adminEra: 'pre2025' }, units)).toBeNull();
  });

  it('names rows in both languages', () => {
    expect(communeRowName('old:00200', units)).toEqual({ vi: 'Xã cũ 00200 (đã chia tách, không phân bổ)', en: 'Former commune 00200 (split, not allocated)' });
    expect(communeRowName('10003', units).vi).toBe('Phường Ba');
  });
});
