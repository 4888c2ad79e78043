import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateDiaryEntryRequest, CreateLotRequest, DiaryEntry, Lot } from '@nss/contracts';
import { COMMUNES } from './onboarding.factory';
import type { TestApi } from './test-api';

/** A lot code nobody has used yet ("L-" + 8 hex digits, upper case). */
export function aLotCode(): string {
  return `L-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A valid create-lot body for a product (a Thái Nguyên commune unless told otherwise); override any field. */
export function lotBody(productId: string, overrides: Partial<CreateLotRequest> = {}): CreateLotRequest {
  return {
    productId,
    code: aLotCode(),
    producedOn: '2026-03-15',
    expiresOn: '2027-03-15',
    quantity: 120.5,
    unit: 'kg',
    communeCode: COMMUNES.tanCuong.communeCode,
    standards: ['VietGAP'],
    note: 'Chè búp vụ xuân, hái tay',
    ...overrides,
  };
}

/** A valid diary entry with a fresh device id; override any field. */
export function diaryBody(overrides: Partial<CreateDiaryEntryRequest> = {}): CreateDiaryEntryRequest {
  return {
    clientId: randomUUID(),
    type: 'harvest',
    at: '2026-03-15T01:30:00.000Z',
    place: { text: 'Đồi chè xóm Hồng Thái 2', communeCode: COMMUNES.tanCuong.communeCode },
    note: 'Hái một tôm hai lá',
    ...overrides,
  };
}

/** Creates a lot through `POST /api/lots` as `token` (an agent passes `sellerId` in the overrides). */
export async function aLot(api: TestApi, token: string, productId: string, overrides: Partial<CreateLotRequest> = {}): Promise<Lot> {
  const res = await api.request<Lot>({ method: 'POST', url: '/api/lots', token, body: lotBody(productId, overrides) });
  if (res.status !== 201) throw new Error(`lot creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Records a diary entry through `POST /api/lots/:id/diary`. */
export async function aDiaryEntry(api: TestApi, token: string, lotId: string, overrides: Partial<CreateDiaryEntryRequest> = {}): Promise<DiaryEntry> {
  const res = await api.request<DiaryEntry>({ method: 'POST', url: `/api/lots/${lotId}/diary`, token, body: diaryBody(overrides) });
  if (res.status !== 201) throw new Error(`diary entry failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
