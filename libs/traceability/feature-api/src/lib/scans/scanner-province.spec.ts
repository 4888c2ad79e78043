import { listProvinces } from '@nss/admin-units';
import { nearestProvinceCode, PROVINCE_CENTRES } from './scanner-province';

describe('nearestProvinceCode (approximate)', () => {
  it('puts well-known places in their province', () => {
    expect(nearestProvinceCode(21.03, 105.85)).toBe('01'); // Hoàn Kiếm, Hà Nội
    expect(nearestProvinceCode(21.59, 105.84)).toBe('19'); // Thái Nguyên city
    expect(nearestProvinceCode(10.78, 106.7)).toBe('79'); // Quận 1, Hồ Chí Minh City
    expect(nearestProvinceCode(22.67, 106.26)).toBe('04'); // Cao Bằng
    expect(nearestProvinceCode(16.06, 108.22)).toBe('48'); // Đà Nẵng
    expect(nearestProvinceCode(10.03, 105.78)).toBe('92'); // Cần Thơ
  });

  it('answers null far from Vietnam', () => {
    expect(nearestProvinceCode(48.86, 2.35)).toBeNull();
    expect(nearestProvinceCode(13.75, 100.5)).toBeNull(); // Bangkok
  });

  it('has one centre for each of the 34 provinces of 2025', () => {
    expect(PROVINCE_CENTRES.map(([code]) => code).sort()).toEqual(listProvinces().map((p) => p.code).sort());
  });
});
