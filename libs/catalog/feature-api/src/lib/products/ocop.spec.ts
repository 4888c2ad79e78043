import { ocopInputSchema } from '@nss/contracts';
import { ocopExpiry, ocopState } from './ocop';

describe('OCOP certificate', () => {
  it('expires 36 months after the decision date, clamping month ends', () => {
    expect(ocopExpiry('2023-05-10')).toBe('2026-05-10');
    expect(ocopExpiry('2024-02-29')).toBe('2027-02-28');
  });

  it('is valid, expiring within 90 days, then expired (Vietnam calendar day)', () => {
    const expiresAt = '2026-12-31';
    expect(ocopState(expiresAt, new Date('2026-09-01T00:00:00Z'))).toBe('valid');
    expect(ocopState(expiresAt, new Date('2026-10-02T12:00:00Z'))).toBe('expiring'); // 90 days left
    expect(ocopState(expiresAt, new Date('2026-10-01T12:00:00Z'))).toBe('valid'); // 91 days left
    expect(ocopState(expiresAt, new Date('2026-12-30T16:59:00Z'))).toBe('expiring'); // 23:59 on the 30th in VN
    expect(ocopState(expiresAt, new Date('2026-12-30T17:00:00Z'))).toBe('expired'); // 00:00 on the 31st in VN
  });

  it('requires the province for 3–4 stars and the central government for 5 stars', () => {
    const base = { productGroup: 'food', decisionNumber: '123/QĐ-UBND', decisionDate: '2024-01-15' } as const;
    expect(ocopInputSchema.safeParse({ ...base, stars: 4, issuer: 'province' }).success).toBe(true);
    expect(ocopInputSchema.safeParse({ ...base, stars: 5, issuer: 'central' }).success).toBe(true);
    const wrong = ocopInputSchema.safeParse({ ...base, stars: 5, issuer: 'province' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['issuer']);
    expect(ocopInputSchema.safeParse({ ...base, stars: 3, issuer: 'central' }).success).toBe(false);
    expect(ocopInputSchema.safeParse({ ...base, stars: 2, issuer: 'province' }).success).toBe(false);
  });
});
