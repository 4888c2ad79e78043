import { Inject, Injectable } from '@nestjs/common';
import { Actor, AppError } from '@nss/server-core';
import { CATALOG_SELLERS, CatalogSellerInfo, CatalogSellers } from '../sellers/catalog-sellers';

/**
 * Who may list and edit a seller's products: the seller itself, or the agent that manages the seller (recorded as
 * `managedByAgentId`) until the account is handed over to the household. Everyone else gets 404 for the product
 * (other people's products look like missing ones) or 403 when naming a seller directly.
 */
@Injectable()
export class ProductAccess {
  constructor(@Inject(CATALOG_SELLERS) private readonly sellers: CatalogSellers) {}

  /** The seller a create request acts for, checked against the caller. */
  async sellerForCreate(actor: Actor, requestedSellerId: string | undefined): Promise<CatalogSellerInfo> {
    if (actor.role === 'seller') {
      if (!actor.sellerId) throw AppError.forbidden('Tài khoản chưa có hồ sơ người bán', 'No seller profile for this account');
      if (requestedSellerId && requestedSellerId !== actor.sellerId) throw AppError.forbidden();
      return this.requireSeller(actor.sellerId);
    }
    if (actor.role === 'agent') {
      if (!requestedSellerId) {
        throw AppError.invalidField('sellerId', 'Cần chọn người bán được hỗ trợ', 'required for agents');
      }
      const seller = await this.sellers.getForCatalog(requestedSellerId);
      if (!seller || !this.agentManages(actor, seller)) throw AppError.forbidden();
      return seller;
    }
    throw AppError.forbidden();
  }

  /** Throws 404 unless the caller may edit products of `sellerId`. */
  async assertCanEdit(actor: Actor, sellerId: string): Promise<CatalogSellerInfo | null> {
    if (actor.role === 'seller' && actor.sellerId === sellerId) return null;
    if (actor.role === 'agent') {
      const seller = await this.sellers.getForCatalog(sellerId);
      if (seller && this.agentManages(actor, seller)) return seller;
    }
    throw AppError.notFound('sản phẩm', 'Product');
  }

  agentManages(actor: Actor, seller: CatalogSellerInfo): boolean {
    return (
      actor.role === 'agent' &&
      !!seller.managedByAgentId &&
      seller.managedByAgentId === actor.userId &&
      !seller.handedOverAt &&
      seller.provinceCode === actor.provinceCode
    );
  }

  async requireSeller(sellerId: string): Promise<CatalogSellerInfo> {
    const seller = await this.sellers.getForCatalog(sellerId);
    if (!seller) throw AppError.notFound('người bán', 'Seller');
    return seller;
  }
}
