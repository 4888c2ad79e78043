import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Product } from '@nss/contracts';
import { gtinCheckDigit, newSerials } from '@nss/trace-codes';
import type { TestApi } from './test-api';

/**
 * Lots, diary entries, stamp batches and stamps written straight into their collections through the application's
 * own models (the lot and batch endpoints are built elsewhere), for the scan page tests and the authorization matrix.
 */

export interface StampedLot {
  lotId: string;
  lotCode: string;
  batchId: string;
  gtin: string | null;
  serials: string[];
}

export interface StampedLotOptions {
  quantity?: number;
  status?: 'active' | 'inactive' | 'void';
  gtin?: string | null;
  lotCode?: string;
  soldAt?: Date | null;
  producedOn?: string;
  expiresOn?: string | null;
  shelfLifeDays?: number | null;
  standards?: string[];
  diary?: Array<{ type: string; at: Date; place: string; communeCode?: string | null; note?: string | null; inputs?: string[] }>;
}

/** A valid GTIN-13 with Vietnam's prefix 893 and its check digit. */
export function aGtin(): string {
  const body = `893${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export const DEFAULT_DIARY: NonNullable<StampedLotOptions['diary']> = [
  { type: 'planting', at: new Date('2026-03-02T01:00:00Z'), place: 'Đồi chè số 3', communeCode: '05503', note: 'Trồng giống chè trung du' },
  { type: 'fertilising', at: new Date('2026-04-10T02:30:00Z'), place: 'Đồi chè số 3', communeCode: '05503', note: 'Bón phân hữu cơ vi sinh' },
  { type: 'harvest', at: new Date('2026-05-20T23:15:00Z'), place: 'Đồi chè số 3', communeCode: '05503', note: 'Hái một tôm hai lá' },
  { type: 'drying', at: new Date('2026-05-21T07:00:00Z'), place: 'Xưởng sao chè HTX', communeCode: '05503', note: null },
  { type: 'packing', at: new Date('2026-05-22T03:00:00Z'), place: 'Xưởng đóng gói', communeCode: null, note: 'Túi 500 g hút chân không' },
];

/** A lot of `product` with its diary, one ready batch and `quantity` stamps (active unless said). */
export async function aStampedLot(api: TestApi, product: Product, options: StampedLotOptions = {}): Promise<StampedLot> {
  const model = (name: string) => {
    const found = api.connection.models[name];
    if (!found) throw new Error(`no ${name} model: is TraceabilityModule mounted?`);
    return found;
  };
  const quantity = options.quantity ?? 5;
  const lotCode = options.lotCode ?? `CHE-${randomUUID().slice(0, 6).toUpperCase()}`;
  const gtin = options.gtin === undefined ? aGtin() : options.gtin;
  const owner = { sellerId: product.sellerId, provinceCode: product.provinceCode };
  const userId = new Types.ObjectId().toHexString();
  const lot = await model('Lot').create({
    code: lotCode,
    productId: product.id,
    productName: product.name,
    sellerName: 'Chè Tân Cương nhà Hoàng',
    ...owner,
    communeCode: product.communeCode,
    producedOn: options.producedOn ?? '2026-05-22',
    expiresOn: options.expiresOn === undefined ? '2027-05-22' : options.expiresOn,
    shelfLifeDays: options.shelfLifeDays === undefined ? 365 : options.shelfLifeDays,
    quantity: 200,
    unit: 'pack',
    standards: options.standards ?? ['VietGAP', 'TCVN 11041 hữu cơ'],
    createdByUserId: userId,
  });
  const lotId = String(lot._id);
  for (const entry of options.diary ?? DEFAULT_DIARY) {
    await model('LotDiaryEntry').create({
      lotId,
      ...owner,
      clientId: randomUUID(),
      type: entry.type,
      at: entry.at,
      place: { text: entry.place, communeCode: entry.communeCode ?? null },
      note: entry.note ?? null,
      inputs: (entry.inputs ?? []).map((code) => ({ lotId: new Types.ObjectId().toHexString(), lotCode: code, quantity: null })),
      recordedByUserId: userId,
      recordedAt: new Date(),
    });
  }
  const batch = await model('StampBatch').create({
    code: `LT${randomUUID().slice(0, 8).toUpperCase()}`,
    lotId,
    lotCode,
    productId: product.id,
    productName: product.name,
    gtin,
    sellerName: 'Chè Tân Cương nhà Hoàng',
    ...owner,
    communeCode: product.communeCode,
    quantity,
    labelSize: { widthMm: 40, heightMm: 30 },
    status: 'ready',
    requestedByUserId: userId,
    made: quantity,
  });
  const batchId = String(batch._id);
  const serials = newSerials(quantity);
  const status = options.status ?? 'active';
  await model('Stamp').insertMany(
    serials.map((serial, seq) => ({
      _id: serial,
      batchId,
      seq,
      lotId,
      productId: product.id,
      ...owner,
      communeCode: product.communeCode,
      status,
      activatedAt: status === 'inactive' ? null : new Date(),
      voidReason: status === 'void' ? 'Tem in hỏng' : null,
      soldAt: options.soldAt ?? null,
      soldOrderId: options.soldAt ? new Types.ObjectId().toHexString() : null,
    })),
  );
  return { lotId, lotCode, batchId, gtin, serials };
}

/** A serial of the right shape whose last (check) character is wrong. */
export function withWrongCheckCharacter(serial: string): string {
  const last = serial[serial.length - 1];
  return serial.slice(0, -1) + (last === '2' ? '3' : '2');
}
