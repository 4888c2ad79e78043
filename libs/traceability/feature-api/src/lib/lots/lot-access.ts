import { Injectable } from '@nestjs/common';
import type { FilterQuery } from 'mongoose';
import { type CatalogSeller, SellerDirectory } from '@nss/onboarding-api';
import { Actor, AppError, DataScope } from '@nss/server-core';
import type { Lot, LotDocument } from './lot.schema';
import { LOT_WHAT, LotsRepository } from './lots.repository';

const SELLER_WHAT: [string, string] = ['người bán', 'Seller'];

/** Whose lots a caller reads: the scope of the query and, for an agent, the one seller named. */
export interface LotReadAccess {
  scope: DataScope;
  filter: FilterQuery<Lot>;
}

/**
 * Who may see and change which lots (docs/design/traceability.md § Routes):
 * - a seller its own; an agent the sellers it manages (registered by it, not handed over, same province: the rule of
 *   `GET /seller/ledger` and of the catalogue), naming the seller with `sellerId` when it creates or lists;
 * - province staff read their province's, admins read all; neither writes.
 * A lot the caller may not see looks missing (404); naming a seller one may not act for is 403, as in the ledger.
 */
@Injectable()
export class LotAccess {
  constructor(
    private readonly directory: SellerDirectory,
    private readonly lots: LotsRepository,
  ) {}

  /** The seller a seller or an agent acts for (create, list). */
  async sellerSide(actor: Actor, requestedSellerId: string | undefined): Promise<CatalogSeller> {
    if (actor.role === 'seller') {
      if (!actor.sellerId) throw AppError.forbidden('Tài khoản chưa có hồ sơ người bán', 'No seller profile for this account');
      if (requestedSellerId && requestedSellerId !== actor.sellerId) throw AppError.forbidden();
      const seller = await this.directory.getForCatalog(actor.sellerId);
      if (!seller) throw AppError.notFound(...SELLER_WHAT);
      return seller;
    }
    if (actor.role === 'agent') {
      if (!requestedSellerId) throw AppError.invalidField('sellerId', 'Cần chọn người bán được hỗ trợ', 'required for agents');
      const seller = await this.directory.getForCatalog(requestedSellerId);
      if (!seller || !agentManages(actor, seller)) throw AppError.forbidden();
      return seller;
    }
    throw AppError.forbidden();
  }

  /** The lots a caller may list: seller/agent one seller's, staff their province's (optionally one seller), admins all. */
  async forList(actor: Actor, requestedSellerId: string | undefined): Promise<LotReadAccess> {
    const scope = DataScope.forActor(actor);
    if (actor.role === 'seller' || actor.role === 'agent') {
      const seller = await this.sellerSide(actor, requestedSellerId);
      return { scope, filter: { sellerId: seller.id } };
    }
    if (actor.role === 'province_staff' || actor.role === 'admin') return { scope, filter: requestedSellerId ? { sellerId: requestedSellerId } : {} };
    throw AppError.forbidden();
  }

  /** A lot the caller may read, or 404. */
  async readable(actor: Actor, id: string): Promise<LotDocument> {
    if (actor.role === 'buyer') throw AppError.forbidden();
    const lot = await this.lots.findById(DataScope.forActor(actor), id);
    if (!lot) throw AppError.notFound(...LOT_WHAT);
    if (actor.role === 'agent') {
      const seller = await this.directory.getForCatalog(lot.sellerId);
      if (!seller || !agentManages(actor, seller)) throw AppError.notFound(...LOT_WHAT);
    }
    return lot;
  }

  /** A lot the caller may change (its seller, or the seller's managing agent), or 404. */
  async writable(actor: Actor, id: string): Promise<LotDocument> {
    if (actor.role !== 'seller' && actor.role !== 'agent') throw AppError.forbidden();
    return this.readable(actor, id);
  }
}

/** The agent registered the seller, still acts for it (no handover yet) and works in its province. */
export function agentManages(actor: Actor, seller: Pick<CatalogSeller, 'managedByAgentId' | 'handedOverAt' | 'provinceCode'>): boolean {
  return (
    actor.role === 'agent' &&
    !!seller.managedByAgentId &&
    seller.managedByAgentId === actor.userId &&
    !seller.handedOverAt &&
    seller.provinceCode === actor.provinceCode
  );
}
