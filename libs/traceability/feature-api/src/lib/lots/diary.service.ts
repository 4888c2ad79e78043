import { Injectable } from '@nestjs/common';
import { getCommune } from '@nss/admin-units';
import { ProductWriter } from '@nss/catalog-api';
import type { ApiIssue, CreateDiaryEntryRequest, DiaryEntry, LotDiary } from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks } from '@nss/server-core';
import type { DiaryInput } from './lot-diary.schema';
import type { LotDocument } from './lot.schema';
import { LotAccess } from './lot-access';
import { diaryEntryView } from './lot-view';
import { LotDiaryRepository, LotsRepository } from './lots.repository';
import { invalid, photoIssues, productPhotoIds } from './lots.service';

/** Held while an entry with a given client id is checked and stored, so concurrent replays of it store it once. */
export const DIARY_ENTRY_LOCK = 'lot-diary';

export interface RecordedEntry {
  entry: DiaryEntry;
  /** False when the device had sent this entry before (same lot and clientId): nothing new was stored. */
  created: boolean;
}

/**
 * The production diary of a lot. Entries are made on the phone, often without signal, and sent when it reconnects,
 * maybe more than once: the device's `clientId` makes sending idempotent. Stored once per (lot, clientId) by the
 * unique index; concurrent replays are also serialised by a lock on that pair, and a replay is answered with the
 * stored entry (whatever its body says now).
 */
@Injectable()
export class DiaryService {
  constructor(
    private readonly diary: LotDiaryRepository,
    private readonly lots: LotsRepository,
    private readonly access: LotAccess,
    private readonly products: ProductWriter,
    private readonly locks: DocumentLocks,
  ) {}

  async record(actor: Actor, lotId: string, body: CreateDiaryEntryRequest): Promise<RecordedEntry> {
    const lot = await this.access.writable(actor, lotId);
    const scope = DataScope.forActor(actor);
    const known = await this.diary.byClientId(scope, lotId, body.clientId);
    if (known) return { entry: diaryEntryView(known), created: false };

    return this.locks.run(DIARY_ENTRY_LOCK, `${lotId}:${body.clientId}`, async (lease) => {
      const raced = await this.diary.byClientId(scope, lotId, body.clientId);
      if (raced) return { entry: diaryEntryView(raced), created: false };
      const inputs = await this.inputsOf(scope, lot, body);
      await lease.assertHeld();
      const stored = await this.diary.insertOnce(scope, {
        lotId,
        sellerId: lot.sellerId,
        provinceCode: lot.provinceCode,
        clientId: body.clientId,
        type: body.type,
        at: new Date(body.at),
        place: { text: body.place.text, communeCode: body.place.communeCode ?? null },
        note: body.note || null,
        photoId: body.photoId ?? null,
        inputs,
        recordedByUserId: actor.userId,
        recordedAt: new Date(),
      });
      if (stored) return { entry: diaryEntryView(stored), created: true };
      // The unique index caught a replay that went around the lock (Redis lost it): answer with what is stored.
      const first = await this.diary.byClientId(scope, lotId, body.clientId);
      if (!first) throw AppError.conflict('BUSY', 'Nhật ký đang được cập nhật, vui lòng thử lại', 'The diary is being updated, try again');
      return { entry: diaryEntryView(first), created: false };
    });
  }

  async read(actor: Actor, lotId: string): Promise<LotDiary> {
    const lot = await this.access.readable(actor, lotId);
    const entries = await this.diary.ofLot(DataScope.forActor(actor), String(lot._id));
    return { lotId: String(lot._id), items: entries.map((e) => diaryEntryView(e)) };
  }

  /** Checks the place, the photo and the input lots (the same seller's, not this lot); 400 naming each fault. */
  private async inputsOf(scope: DataScope, lot: LotDocument, body: CreateDiaryEntryRequest): Promise<DiaryInput[]> {
    const issues: ApiIssue[] = [];
    const communeCode = body.place.communeCode;
    if (communeCode && !getCommune(communeCode)) {
      issues.push({ path: 'place.communeCode', message: 'Không có xã/phường này (đơn vị hành chính 2025) / no such 2025 commune' });
    }
    if (body.photoId) {
      const product = await this.products.findById(scope, lot.productId);
      issues.push(...photoIssues([body.photoId], product ? productPhotoIds(product) : []).map((i) => ({ ...i, path: 'photoId' })));
    }
    const wanted = body.inputs ?? [];
    const found = new Map((await this.lots.ofSeller(scope, lot.sellerId, wanted.map((i) => i.lotId))).map((l) => [String(l._id), l]));
    const inputs: DiaryInput[] = [];
    wanted.forEach((input, i) => {
      const source = found.get(input.lotId);
      if (input.lotId === String(lot._id)) {
        issues.push({ path: `inputs.${i}.lotId`, message: 'Lô không thể là đầu vào của chính nó / a lot cannot be its own input' });
      } else if (!source) {
        issues.push({ path: `inputs.${i}.lotId`, message: 'Không phải lô của người bán này / not a lot of this seller' });
      } else {
        inputs.push({ lotId: input.lotId, lotCode: source.code, quantity: input.quantity ?? null });
      }
    });
    if (issues.length) throw invalid(issues);
    return inputs;
  }
}
