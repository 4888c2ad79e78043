import type { SellerDetail } from '../data/seller.models';

/** Why a seller was rejected: `statusReason`, else the latest rejection in its history. */
export function rejectionReasonOf(seller: SellerDetail): string | null {
  if (seller.statusReason) return seller.statusReason;
  const rejected = [...(seller.statusHistory ?? [])].reverse().find((change) => change.status === 'rejected');
  return rejected?.reason ?? null;
}
