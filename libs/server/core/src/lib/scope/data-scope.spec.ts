import { DataScope, isInScope, scopeFilter } from './data-scope';

const fields = { province: 'provinceCode', seller: 'sellerId' };

describe('DataScope', () => {
  it('limits province staff to their province', () => {
    const scope = DataScope.forActor({ userId: 'u1', role: 'province_staff', provinceCode: '19' });
    expect(scopeFilter(scope, fields)).toEqual({ provinceCode: '19' });
    expect(isInScope(scope, fields, { provinceCode: '19' })).toBe(true);
    expect(isInScope(scope, fields, { provinceCode: '04' })).toBe(false);
  });

  it('limits a seller to its own documents', () => {
    const scope = DataScope.forActor({ userId: 'u2', role: 'seller', sellerId: 's1', provinceCode: '19' });
    expect(scopeFilter(scope, fields)).toEqual({ sellerId: 's1' });
  });

  it('closes a collection to a scope it has no field for', () => {
    const buyer = DataScope.forActor({ userId: 'u3', role: 'buyer' });
    expect(scopeFilter(buyer, fields)).toEqual({ _id: { $exists: false } });
    expect(isInScope(buyer, fields, { provinceCode: '19' })).toBe(false);
  });

  it('refuses a province role without a province', () => {
    expect(() => DataScope.forActor({ userId: 'u4', role: 'agent' })).toThrow();
  });

  it('gives admins and platform work everything', () => {
    expect(scopeFilter(DataScope.forActor({ userId: 'a', role: 'admin' }), fields)).toEqual({});
    expect(scopeFilter(DataScope.platform('seed'), fields)).toEqual({});
  });
});
