import { Injectable } from '@nestjs/common';
import type { ScanSummaryQuery } from '@nss/contracts';
import { ProductWriter } from '@nss/catalog-api';
import { SellerDirectory, type CatalogSeller } from '@nss/onboarding-api';
import { Actor, AppError, DataScope } from '@nss/server-core';

/** The scans a caller may count: a scope plus the filter that narrows it (one seller, one product, one province). */
export interface ScanView {
  scope: DataScope;
  filter: Record<string, string>;
}

const PRODUCT_WHAT: [string, string] = ['sản phẩm', 'Product'];
const PROVINCE_WHAT: [string, string] = ['tỉnh', 'Province'];

/**
 * Whose scans a caller sees (the rule of the seller ledger): a seller its own products (naming another seller: 403);
 * an agent the seller it manages, named with `sellerId` (registered by it, not handed over, same province; else 403);
 * province staff their province; admins everything, or one province. A product of another seller or province is a
 * 404, like a missing one.
 */
@Injectable()
export class ScanAccess {
  constructor(
    private readonly sellers: SellerDirectory,
    private readonly products: ProductWriter,
  ) {}

  async summaryView(actor: Actor, query: ScanSummaryQuery): Promise<ScanView> {
    const filter: Record<string, string> = {};
    let scope = DataScope.forActor(actor);
    if (actor.role === 'seller') {
      if (!actor.sellerId) throw AppError.forbidden('Tài khoản chưa có hồ sơ người bán', 'No seller profile for this account');
      if (query.sellerId && query.sellerId !== actor.sellerId) throw AppError.forbidden();
    } else if (actor.role === 'agent') {
      if (!query.sellerId) throw AppError.invalidField('sellerId', 'Cần chọn người bán được hỗ trợ', 'required for agents');
      const seller = await this.sellers.getForCatalog(query.sellerId);
      if (!seller || !agentManages(actor, seller)) throw AppError.forbidden();
      filter['sellerId'] = seller.id;
    } else if (query.sellerId) {
      filter['sellerId'] = query.sellerId;
    }
    if (query.provinceCode) {
      if (actor.role !== 'admin') throw AppError.invalidField('provinceCode', 'Chỉ quản trị viên chọn được tỉnh', 'admins only');
      scope = DataScope.province(query.provinceCode, 'admin: scan analytics of one province');
    }
    if (query.productId) {
      // Within the caller's scope: another seller's or province's product reads as missing.
      const product = await this.products.findById(scope, query.productId);
      if (!product || (filter['sellerId'] && product.sellerId !== filter['sellerId'])) throw AppError.notFound(...PRODUCT_WHAT);
      filter['productId'] = query.productId;
    }
    return { scope, filter };
  }

  /** Staff see their province (naming another is a 404); admins all provinces or the one named. */
  suspiciousScope(actor: Actor, provinceCode: string | undefined): DataScope {
    if (actor.role === 'admin') return provinceCode ? DataScope.province(provinceCode, 'admin: suspicious stamps of one province') : DataScope.forActor(actor);
    if (actor.role !== 'province_staff') throw AppError.forbidden();
    if (provinceCode && provinceCode !== actor.provinceCode) throw AppError.notFound(...PROVINCE_WHAT);
    return DataScope.forActor(actor);
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
