import type { SellerDetail } from '../data/seller.models';

/** Where the API puts the reason a seller was rejected (kept in one place while the contract settles). */
export function rejectionReasonOf(seller: SellerDetail): string | null {
  return seller.verification?.reason ?? seller.rejectionReason ?? null;
}
