import { agentRegisterBodySchema, selfRegisterBodySchema, verifySellerBodySchema } from '@nss/contracts';
import type { Actor } from '@nss/server-core';
import { maskCitizenId, mayReadCitizenId, sellerDetailOf, sellerSummaryOf } from './seller.mapper';
import type { SellerDocument } from './seller.schema';

const citizenId = '001204012345';

function seller(overrides: Partial<Record<string, unknown>> = {}): SellerDocument {
  return {
    id: '0123456789abcdef01234567',
    userId: 'u-seller',
    type: 'household',
    displayName: 'Chè Tân Cương',
    representativeName: 'Hoàng Thị Chè',
    phone: '0912345678',
    citizenIdSealed: 'v1.sealed',
    addressText: 'Xóm 2',
    provinceCode: '19',
    communeCode: '05503',
    adminEra: '2025',
    onboardingSource: 'agent',
    managedByAgentId: 'u-agent',
    status: 'pending_verification',
    statusHistory: [],
    funnel: { accountAt: new Date('2026-11-01T00:00:00Z') },
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  } as unknown as SellerDocument;
}

describe('seller views', () => {
  it('masks all but the last four digits of a citizen ID', () => {
    expect(maskCitizenId(citizenId)).toBe('********2345');
  });

  it('shows the citizen ID to the seller itself, its province staff and admins, never to agents', () => {
    const s = seller();
    const who = (actor: Omit<Actor, 'userId'>) => mayReadCitizenId({ userId: 'x', ...actor }, s);
    expect(who({ role: 'seller', sellerId: s.id as string, provinceCode: '19' })).toBe(true);
    expect(who({ role: 'seller', sellerId: 'other', provinceCode: '19' })).toBe(false);
    expect(who({ role: 'province_staff', provinceCode: '19' })).toBe(true);
    expect(who({ role: 'province_staff', provinceCode: '04' })).toBe(false);
    expect(who({ role: 'admin' })).toBe(true);
    expect(who({ role: 'agent', provinceCode: '19' })).toBe(false);
    expect(who({ role: 'buyer' })).toBe(false);
  });

  it('keeps the citizen ID and the full phone out of summaries', () => {
    const text = JSON.stringify(sellerSummaryOf(seller()));
    expect(text).not.toContain(citizenId);
    expect(text).not.toContain('0912345678');
    expect(sellerSummaryOf(seller()).communeName).toBe('Xã Tân Cương');
  });

  it('gives the detail with names of the 2025 units and the citizen ID only when allowed', () => {
    const shown = sellerDetailOf(seller(), citizenId, true);
    expect(shown.citizenId).toBe(citizenId);
    expect(shown.address).toMatchObject({ provinceName: 'Thái Nguyên', communeName: 'Xã Tân Cương', era: '2025' });
    const hidden = sellerDetailOf(seller(), citizenId, false);
    expect('citizenId' in hidden).toBe(false);
    expect(JSON.stringify(hidden)).not.toContain(citizenId);
  });
});

describe('onboarding request schemas', () => {
  const base = {
    phone: '+84 912 345 678',
    type: 'household',
    representativeName: 'Hoàng Thị Chè',
    displayName: 'Chè Tân Cương',
    citizenId,
    address: { provinceCode: '19', communeCode: '05503', text: 'Xóm 2' },
  };

  it('reports a missing or refused consent on consent.given', () => {
    const missing = agentRegisterBodySchema.safeParse(base);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['consent.given']);
    const refused = agentRegisterBodySchema.safeParse({
      ...base,
      consent: { given: false, method: 'verbal', recordedAt: '2026-11-01T00:00:00Z' },
    });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['consent.given']);
  });

  it('normalises the phone and refuses unknown fields', () => {
    const ok = selfRegisterBodySchema.safeParse({ ...base, code: '123456', password: 'mat-khau-dai' });
    expect(ok.success && ok.data.phone).toBe('0912345678');
    const extra = selfRegisterBodySchema.safeParse({ ...base, code: '123456', password: 'mat-khau-dai', role: 'admin' });
    expect(extra.success).toBe(false);
  });

  it('needs a reason to reject', () => {
    expect(verifySellerBodySchema.safeParse({ decision: 'reject' }).error?.issues[0]?.path).toEqual(['reason']);
    expect(verifySellerBodySchema.safeParse({ decision: 'reject', reason: '   ' }).success).toBe(false);
    expect(verifySellerBodySchema.safeParse({ decision: 'approve' }).success).toBe(true);
  });
});
