import { generateCode, hashCode, hashesEqual } from './one-time-code.crypto';

describe('one-time code crypto', () => {
  it('generates six digits, leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, () => generateCode());
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).toBe(10);
  });

  it('hashes with a key and a salt, so equal codes give different hashes per record', () => {
    const a = hashCode('123456', 'record-a', 'key');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('123456');
    expect(hashCode('123456', 'record-a', 'key')).toBe(a);
    expect(hashCode('123456', 'record-b', 'key')).not.toBe(a);
    expect(hashCode('123456', 'record-a', 'other-key')).not.toBe(a);
    expect(hashCode('123457', 'record-a', 'key')).not.toBe(a);
  });

  it('compares hashes in constant time and refuses different lengths', () => {
    const a = hashCode('000001', 's', 'k');
    expect(hashesEqual(a, a)).toBe(true);
    expect(hashesEqual(a, hashCode('000002', 's', 'k'))).toBe(false);
    expect(hashesEqual(a, a.slice(0, 10))).toBe(false);
  });
});
