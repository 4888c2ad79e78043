import {
  adminUnitStats,
  convertOldCode,
  getCommune,
  getProvince,
  isCommuneInProvince,
  listCommunes,
  listProvinces,
} from './admin-units';

describe('administrative units (2025)', () => {
  it('has 34 provinces and 3,321 communes, all of era 2025', () => {
    expect(listProvinces()).toHaveLength(34);
    expect(adminUnitStats()).toEqual({ provinces: 34, communes: 3321 });
    const all = listProvinces().flatMap((p) => listCommunes(p.code));
    expect(all).toHaveLength(3321);
    expect(new Set(all.map((c) => c.code)).size).toBe(3321);
    expect(all.every((c) => c.era === '2025')).toBe(true);
    expect(listProvinces().every((p) => p.era === '2025')).toBe(true);
  });

  it('gives Thái Nguyên (19) its real communes, including those of former Bắc Kạn', () => {
    expect(getProvince('19')).toMatchObject({ code: '19', name: 'Thái Nguyên', era: '2025' });
    const names = listCommunes('19').map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Phường Phan Đình Phùng', 'Phường Bắc Kạn', 'Xã Ba Bể', 'Xã Chợ Rã']));
    expect(listCommunes('19').every((c) => c.provinceCode === '19')).toBe(true);
  });

  it('finds a commune with its province and checks membership', () => {
    expect(getCommune('01843')).toEqual({ code: '01843', name: 'Phường Bắc Kạn', provinceCode: '19', era: '2025' });
    expect(isCommuneInProvince('01843', '19')).toBe(true);
    expect(isCommuneInProvince('01843', '04')).toBe(false);
    expect(isCommuneInProvince('99999', '19')).toBe(false);
    expect(getCommune('99999')).toBeUndefined();
    expect(getProvince('06')).toBeUndefined();
    expect(listCommunes('06')).toEqual([]);
  });

  it('maps Bắc Kạn’s old province code 06 into Thái Nguyên', () => {
    expect(convertOldCode({ level: 'province', code: '06' })).toEqual({
      from: { level: 'province', code: '06', era: 'pre2025' },
      to: [{ level: 'province', code: '19', name: 'Thái Nguyên', provinceCode: '19', era: '2025' }],
    });
  });

  it('maps a reused code by era: old 15 (Yên Bái) is part of new Lào Cai (15), old 10 (Lào Cai) too', () => {
    expect(convertOldCode({ level: 'province', code: '15' })?.to.map((u) => u.code)).toEqual(['15']);
    expect(convertOldCode({ level: 'province', code: '10' })?.to.map((u) => u.code)).toEqual(['15']);
  });

  it('keeps Cao Bằng unchanged', () => {
    const result = convertOldCode({ level: 'province', code: '04' });
    expect(result?.to).toEqual([{ level: 'province', code: '04', name: 'Cao Bằng', provinceCode: '04', era: '2025' }]);
  });

  it('maps a split commune to several new communes', () => {
    // Old Phường Điện Biên (00019, Ba Đình) was divided among four new wards.
    const result = convertOldCode({ level: 'commune', code: '00019' });
    expect(result?.to.map((u) => u.code).sort()).toEqual(['00004', '00070', '00190', '00226']);
    expect(result?.to.every((u) => u.provinceCode === '01' && u.era === '2025')).toBe(true);
    expect(result?.from).toEqual({ level: 'commune', code: '00019', era: 'pre2025' });
  });

  it('maps an old commune that was merged whole to one new commune', () => {
    expect(convertOldCode({ level: 'commune', code: '00001' })?.to).toEqual([
      { level: 'commune', code: '00097', name: 'Phường Hồng Hà', provinceCode: '01', era: '2025' },
    ]);
  });

  it('returns null for codes that never existed, including prototype keys', () => {
    expect(convertOldCode({ level: 'commune', code: '99999' })).toBeNull();
    expect(convertOldCode({ level: 'province', code: '99' })).toBeNull();
    expect(convertOldCode({ level: 'province', code: 'constructor' })).toBeNull();
  });
});
