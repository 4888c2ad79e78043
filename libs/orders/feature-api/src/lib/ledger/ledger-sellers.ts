import { Injectable } from '@nestjs/common';
import { type CatalogSeller, SellerDirectory } from '@nss/onboarding-api';
import { Actor, AppError } from '@nss/server-core';

const SELLER_WHAT: [string, string] = ['người bán', 'Seller'];

/**
 * Whose ledger a caller may read or act on.
 * - Seller-side routes (`/seller/ledger`, `/seller/statements`): the seller itself, or the agent that manages it
 *   (`managedByAgentId`, same province, not handed over: the catalogue's rule, ProductAccess.agentManages), which names
 *   it with `sellerId`. A seller naming another seller, or an agent naming one it does not manage: 403.
 * - Staff routes (`/sellers/:sellerId/ledger`, payouts): staff of the seller's province and admins. A seller of
 *   another province looks like a missing one (404).
 */
@Injectable()
export class LedgerSellers {
  constructor(private readonly directory: SellerDirectory) {}

  async forSellerSide(actor: Actor, requestedSellerId: string | undefined): Promise<CatalogSeller> {
    if (actor.role === 'seller') {
      if (!actor.sellerId) throw AppError.forbidden('Tài khoản chưa có hồ sơ người bán', 'No seller profile for this account');
      if (requestedSellerId && requestedSellerId !== actor.sellerId) throw AppError.forbidden();
      return this.require(actor.sellerId);
    }
    if (actor.role === 'agent') {
      if (!requestedSellerId) throw AppError.invalidField('sellerId', 'Cần chọn người bán được hỗ trợ', 'required for agents');
      const seller = await this.directory.getForCatalog(requestedSellerId);
      if (!seller || !agentManages(actor, seller)) throw AppError.forbidden();
      return seller;
    }
    throw AppError.forbidden();
  }

  async forStaff(actor: Actor, sellerId: string): Promise<CatalogSeller> {
    if (actor.role !== 'admin' && actor.role !== 'province_staff') throw AppError.forbidden();
    const seller = await this.directory.getForCatalog(sellerId);
    if (!seller || (actor.role === 'province_staff' && seller.provinceCode !== actor.provinceCode)) throw AppError.notFound(...SELLER_WHAT);
    return seller;
  }

  /** A seller by id for system work (booking an order event); null when there is none. */
  find(sellerId: string): Promise<CatalogSeller | null> {
    return this.directory.getForCatalog(sellerId);
  }

  private async require(sellerId: string): Promise<CatalogSeller> {
    const seller = await this.directory.getForCatalog(sellerId);
    if (!seller) throw AppError.notFound(...SELLER_WHAT);
    return seller;
  }
}

/** The agent registered the seller, still acts for it (no handover yet) and works in its province. */
export function agentManages(actor: Actor, seller: CatalogSeller): boolean {
  return (
    actor.role === 'agent' &&
    !!seller.managedByAgentId &&
    seller.managedByAgentId === actor.userId &&
    !seller.handedOverAt &&
    seller.provinceCode === actor.provinceCode
  );
}
