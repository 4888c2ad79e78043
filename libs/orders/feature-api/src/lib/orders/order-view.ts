import type { Order as OrderView, OrderSummary } from '@nss/contracts';
import type { Order } from './order.schema';

type Stored = Order & { _id: { toHexString(): string } };

export function orderSummaryView(doc: Stored): OrderSummary {
  return {
    id: doc._id.toHexString(),
    code: doc.code,
    sellerId: doc.sellerId,
    sellerName: doc.sellerName,
    state: doc.state,
    paymentMethod: doc.paymentMethod,
    paymentStatus: doc.paymentStatus,
    itemsTotalVnd: doc.itemsTotalVnd,
    shippingFeeVnd: doc.shippingFeeVnd,
    totalVnd: doc.totalVnd,
    itemCount: doc.lines.reduce((n, l) => n + l.quantity, 0),
    createdAt: doc.createdAt.toISOString(),
  };
}

export function orderView(doc: Stored): OrderView {
  return {
    ...orderSummaryView(doc),
    checkoutId: doc.checkoutId,
    checkoutCode: doc.checkoutCode,
    buyerUserId: doc.buyerUserId,
    lines: doc.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      unit: l.unit,
      netWeightGrams: l.netWeightGrams,
      unitPriceVnd: l.unitPriceVnd,
      quantity: l.quantity,
      lineTotalVnd: l.lineTotalVnd,
      lotId: l.lotId ?? null,
      lotCode: l.lotCode ?? null,
      stampSerials: [...(l.stampSerials ?? [])],
    })),
    weightGrams: doc.weightGrams,
    shippingAddress: {
      recipientName: doc.shippingAddress.recipientName,
      phone: doc.shippingAddress.phone,
      street: doc.shippingAddress.street,
      provinceCode: doc.shippingAddress.provinceCode,
      provinceName: doc.shippingAddress.provinceName,
      communeCode: doc.shippingAddress.communeCode,
      communeName: doc.shippingAddress.communeName,
    },
    note: doc.note ?? null,
    stateVersion: doc.stateVersion,
    history: doc.history.map((h) => ({
      from: h.from ?? null,
      to: h.to,
      at: h.at.toISOString(),
      actorUserId: h.actorUserId ?? null,
      actorRole: h.actorRole,
      ...(h.reason ? { reason: h.reason } : {}),
    })),
    shipment: doc.shipment ? { carrier: doc.shipment.carrier, trackingCode: doc.shipment.trackingCode } : null,
    cancelReason: doc.cancelReason ?? null,
    updatedAt: doc.updatedAt.toISOString(),
  };
}
