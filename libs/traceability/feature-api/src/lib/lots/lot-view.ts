import { getCommune } from '@nss/admin-units';
import type { DiaryEntry, Lot as LotView, LotSale as LotSaleView } from '@nss/contracts';
import { vnDayKey } from '@nss/util-vn';
import type { LotSale } from '../sales/lot-sale.schema';
import type { Lot } from './lot.schema';
import type { LotDiaryEntry } from './lot-diary.schema';

type WithId<T> = T & { _id: unknown };

function communeName(code: string | null | undefined): string | null {
  return code ? (getCommune(code)?.name ?? code) : null;
}

export function lotView(lot: WithId<Lot>): LotView {
  return {
    id: String(lot._id),
    code: lot.code,
    productId: lot.productId,
    productName: lot.productName,
    sellerId: lot.sellerId,
    sellerName: lot.sellerName,
    provinceCode: lot.provinceCode,
    communeCode: lot.communeCode,
    communeName: communeName(lot.communeCode) ?? '',
    adminEra: '2025',
    producedOn: lot.producedOn,
    expiresOn: lot.expiresOn ?? null,
    shelfLifeDays: lot.shelfLifeDays ?? null,
    quantity: lot.quantity,
    unit: lot.unit,
    standards: [...(lot.standards ?? [])],
    photoIds: [...(lot.photoIds ?? [])],
    note: lot.note ?? null,
    status: lot.status,
    createdAt: lot.createdAt.toISOString(),
    updatedAt: lot.updatedAt.toISOString(),
  };
}

export function diaryEntryView(entry: WithId<LotDiaryEntry>): DiaryEntry {
  return {
    id: String(entry._id),
    lotId: entry.lotId,
    clientId: entry.clientId,
    type: entry.type,
    at: entry.at.toISOString(),
    place: { text: entry.place.text, communeCode: entry.place.communeCode ?? null, communeName: communeName(entry.place.communeCode) },
    note: entry.note ?? null,
    photoId: entry.photoId ?? null,
    inputs: (entry.inputs ?? []).map((i) => ({ lotId: i.lotId, lotCode: i.lotCode, quantity: i.quantity ?? null })),
    recordedByUserId: entry.recordedByUserId,
    recordedAt: entry.recordedAt.toISOString(),
  };
}

export function lotSaleView(sale: LotSale): LotSaleView {
  return {
    orderId: sale.orderId,
    orderCode: sale.orderCode,
    productId: sale.productId,
    soldAt: sale.soldAt.toISOString(),
    soldOn: vnDayKey(sale.soldAt),
    quantity: sale.quantity,
    stampCount: (sale.serials ?? []).length,
  };
}
