import type { LedgerEntry, LedgerEntryKind } from '@nss/contracts';
import type { LedgerEntryWithId } from './ledger-entries.repository';

/** What each kind of entry is called, in Vietnamese then English (statements, CSV). */
export const LEDGER_KIND_LABELS: Record<LedgerEntryKind, [string, string]> = {
  sale: ['Bán hàng', 'Sale'],
  commission: ['Phí nền tảng', 'Platform commission'],
  refund: ['Hoàn tiền cho người mua', 'Refund to the buyer'],
  refund_commission: ['Hoàn phí nền tảng', 'Commission returned'],
  payout: ['Chi trả cho người bán', 'Payout to the seller'],
};

/** 500 → "5", 250 → "2,5" (vi) / "2.5" (en). */
function percent(bps: number, decimal: ',' | '.'): string {
  const whole = Math.trunc(bps / 100);
  const rest = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return rest ? `${whole}${decimal}${rest}` : String(whole);
}

export function describeEntry(e: Pick<LedgerEntryWithId, 'kind' | 'orderCode' | 'bankReference' | 'commissionBps'>): [string, string] {
  const order = e.orderCode ?? '';
  switch (e.kind) {
    case 'sale':
      return [`Bán hàng, đơn ${order}`, `Sale, order ${order}`];
    case 'commission': {
      const bps = e.commissionBps ?? 0;
      return [`Phí nền tảng ${percent(bps, ',')}%, đơn ${order}`, `Platform commission ${percent(bps, '.')}%, order ${order}`];
    }
    case 'refund':
      return [`Hoàn tiền cho người mua, đơn ${order}`, `Refund to the buyer, order ${order}`];
    case 'refund_commission':
      return [`Hoàn phí nền tảng, đơn ${order}`, `Commission returned, order ${order}`];
    case 'payout':
      return [`Chi trả cho người bán, mã giao dịch ${e.bankReference ?? ''}`, `Payout to the seller, bank reference ${e.bankReference ?? ''}`];
  }
}

export function ledgerEntryView(e: LedgerEntryWithId): LedgerEntry {
  const [description, descriptionEn] = describeEntry(e);
  return {
    id: String(e._id),
    kind: e.kind,
    amountVnd: e.amountVnd,
    at: e.at.toISOString(),
    monthVn: e.monthVn,
    orderId: e.orderId,
    orderCode: e.orderCode,
    refundId: e.refundId,
    payoutId: e.payoutId,
    bankReference: e.bankReference,
    note: e.note,
    commissionBps: e.commissionBps,
    description,
    descriptionEn,
  };
}
