/**
 * What the catalogue needs to know about a seller, and the one thing it reports back (first listing). The
 * onboarding feature owns sellers; `CatalogModule` binds this token to its `SellerDirectory`, so the catalogue has
 * no dependency on onboarding's storage.
 */
export interface CatalogSellerInfo {
  id: string;
  displayName: string;
  type: string;
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  status: string;
  managedByAgentId?: string | null;
  handedOverAt?: Date | string | null;
}

export interface CatalogSellers {
  getForCatalog(sellerId: string): Promise<CatalogSellerInfo | null>;
  markFirstListing(sellerId: string, at: Date): Promise<unknown>;
}

export const CATALOG_SELLERS = Symbol('CATALOG_SELLERS');

/** The seller status under which its products may be approved and listed publicly. */
export const VERIFIED_SELLER_STATUS = 'verified';
