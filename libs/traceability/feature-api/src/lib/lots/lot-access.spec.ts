import type { CatalogSeller, SellerDirectory } from '@nss/onboarding-api';
import type { Actor } from '@nss/server-core';
import { agentManages, LotAccess } from './lot-access';
import type { LotDocument } from './lot.schema';
import type { LotsRepository } from './lots.repository';

const SELLER = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const LOT = 'c'.repeat(24);
const agent: Actor = { userId: 'agent-1', role: 'agent', provinceCode: '19' };
const managed: CatalogSeller = {
  id: SELLER, displayName: 'Hộ bà Hoa', type: 'household', provinceCode: '19', provinceName: 'Thái Nguyên', communeCode: '05503',
  communeName: 'Xã Tân Cương', status: 'verified', managedByAgentId: 'agent-1',
};

function access(sellers: Record<string, CatalogSeller>, lot: Partial<LotDocument> | null = null) {
  const directory = { getForCatalog: async (id: string) => sellers[id] ?? null } as unknown as SellerDirectory;
  const lots = { findById: async () => lot } as unknown as LotsRepository;
  return new LotAccess(directory, lots);
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
}

describe('LotAccess', () => {
  it('lets an agent act only for a household it registered, still manages and shares a province with', () => {
    expect(agentManages(agent, managed)).toBe(true);
    expect(agentManages(agent, { ...managed, handedOverAt: new Date() })).toBe(false);
    expect(agentManages(agent, { ...managed, managedByAgentId: 'agent-2' })).toBe(false);
    expect(agentManages(agent, { ...managed, provinceCode: '04' })).toBe(false);
    expect(agentManages({ ...agent, role: 'province_staff' }, managed)).toBe(false);
  });

  it('answers the seller side as the ledger does: 400 without sellerId for agents, 403 for a seller one may not act for', async () => {
    const a = access({ [SELLER]: managed, [OTHER]: { ...managed, id: OTHER, managedByAgentId: undefined } });
    expect(await status(a.sellerSide(agent, undefined))).toBe(400);
    expect(await status(a.sellerSide(agent, OTHER))).toBe(403);
    expect((await a.sellerSide(agent, SELLER)).id).toBe(SELLER);
    const seller: Actor = { userId: 'u', role: 'seller', sellerId: SELLER, provinceCode: '19' };
    expect((await a.sellerSide(seller, undefined)).id).toBe(SELLER);
    expect(await status(a.sellerSide(seller, OTHER))).toBe(403);
    expect(await status(a.sellerSide({ userId: 'u', role: 'seller' }, undefined))).toBe(403);
    expect(await status(a.sellerSide({ userId: 'u', role: 'province_staff', provinceCode: '19' }, SELLER))).toBe(403);
  });

  it('hides a lot of a household the agent does not manage (404), and keeps staff and admins from writing (403)', async () => {
    const lot = { _id: LOT, sellerId: OTHER } as unknown as LotDocument;
    const a = access({ [SELLER]: managed, [OTHER]: { ...managed, id: OTHER, managedByAgentId: 'agent-2' } }, lot);
    expect(await status(a.readable(agent, LOT))).toBe(404);
    expect(await status(a.readable({ userId: 's', role: 'province_staff', provinceCode: '19' }, LOT))).toBe(200);
    expect(await status(a.writable({ userId: 's', role: 'province_staff', provinceCode: '19' }, LOT))).toBe(403);
    expect(await status(a.writable({ userId: 'x', role: 'admin' }, LOT))).toBe(403);
    expect(await status(a.readable({ userId: 'b', role: 'buyer' }, LOT))).toBe(403);
    expect(await status(access({}, null).readable({ userId: 'x', role: 'admin' }, LOT))).toBe(404);
  });
});
