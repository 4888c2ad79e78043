import type { ShippingRules, ShippingZone } from '@nss/server-core';

/** The zone of a parcel: the buyer's province relative to the seller's. */
export function shippingZone(rules: ShippingRules, sellerProvinceCode: string, buyerProvinceCode: string): ShippingZone {
  if (sellerProvinceCode === buyerProvinceCode) return 'same_province';
  const regionOf = (code: string) => Object.entries(rules.regions).find(([, codes]) => codes.includes(code))?.[0];
  const sellerRegion = regionOf(sellerProvinceCode);
  return sellerRegion !== undefined && sellerRegion === regionOf(buyerProvinceCode) ? 'same_region' : 'other';
}

/** Started kilograms of a parcel (at least 1). */
export function billableKg(weightGrams: number): number {
  return Math.max(1, Math.ceil(weightGrams / 1000));
}

/**
 * The shipping fee of one seller's parcel, đồng: flat + per started kg by zone; free when the seller's items
 * subtotal reaches the threshold.
 */
export function shippingFeeVnd(
  rules: ShippingRules,
  parcel: { sellerProvinceCode: string; buyerProvinceCode: string; weightGrams: number; itemsSubtotalVnd: number },
): number {
  if (rules.freeShippingThresholdVnd !== null && parcel.itemsSubtotalVnd >= rules.freeShippingThresholdVnd) return 0;
  const fee = rules.zones[shippingZone(rules, parcel.sellerProvinceCode, parcel.buyerProvinceCode)];
  return fee.flatVnd + fee.perKgVnd * billableKg(parcel.weightGrams);
}
