import { Injectable } from '@nestjs/common';
import { getProvince } from '@nss/admin-units';
import type { SellerStatus, SellerType } from '@nss/contracts';
import { SellerAccess } from './seller-access';
import { communeNameOf } from './seller.mapper';
import { SellerTransitions } from './seller-transitions';
import { SellersRepository } from './sellers.repository';

/** What the catalogue needs to know about a seller (no personal data). */
export interface CatalogSeller {
  id: string;
  displayName: string;
  type: SellerType;
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  status: SellerStatus;
  /** The agent that may still act for the seller (absent once handed over or for self-registered sellers). */
  managedByAgentId?: string;
  handedOverAt?: Date;
}

/**
 * The onboarding feature's face towards the catalogue: read a seller's public facts and record the funnel's
 * first listing and first sale. Milestones are set once: a second call changes nothing.
 */
@Injectable()
export class SellerDirectory {
  private readonly access = SellerAccess.platform('seller directory for the catalogue');

  constructor(
    private readonly sellers: SellersRepository,
    private readonly transitions: SellerTransitions,
  ) {}

  /** Null when there is no such seller (or the id is malformed). */
  async getForCatalog(sellerId: string): Promise<CatalogSeller | null> {
    const seller = await this.sellers.get(this.access, sellerId);
    if (!seller) return null;
    return {
      id: seller.id as string,
      displayName: seller.displayName,
      type: seller.type,
      provinceCode: seller.provinceCode,
      provinceName: getProvince(seller.provinceCode)?.name ?? seller.provinceCode,
      communeCode: seller.communeCode,
      communeName: communeNameOf(seller.communeCode),
      status: seller.status,
      ...(seller.managedByAgentId ? { managedByAgentId: seller.managedByAgentId } : {}),
      ...(seller.handedOverAt ? { handedOverAt: seller.handedOverAt } : {}),
    };
  }

  /** The seller's phone (national form) and name, for order messages (orders). Null when unknown. */
  async getContact(sellerId: string): Promise<{ phone: string; displayName: string } | null> {
    const seller = await this.sellers.get(this.access, sellerId);
    return seller ? { phone: seller.phone, displayName: seller.displayName } : null;
  }

  /** Ids of the sellers an agent still manages (not handed over), in its province: what the agent's order list shows. */
  async listManagedBy(agentUserId: string, provinceCode: string): Promise<string[]> {
    const access = SellerAccess.province(provinceCode, 'sellers an agent manages (its orders)');
    const sellers = await this.sellers.find(access.scope, { managedByAgentId: agentUserId }, { _id: 1, handedOverAt: 1 }, { limit: 5000 });
    return sellers.filter((s) => !s.handedOverAt).map((s) => String(s._id));
  }

  /** Sets `funnel.firstListingAt` if unset. True when this call set it. */
  async markFirstListing(sellerId: string, at: Date = new Date()): Promise<boolean> {
    return this.transitions.milestoneOnce(this.access, sellerId, 'firstListingAt', at);
  }

  /** Sets `funnel.firstSaleAt` if unset. True when this call set it. */
  async markFirstSale(sellerId: string, at: Date = new Date()): Promise<boolean> {
    return this.transitions.milestoneOnce(this.access, sellerId, 'firstSaleAt', at);
  }
}
