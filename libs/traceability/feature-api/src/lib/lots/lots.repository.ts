import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { DataScope, fenced, isDuplicateKeyError, ScopedRepository } from '@nss/server-core';
import { Lot, LotDocument } from './lot.schema';
import { LotDiaryEntry, LotDiaryEntryDocument } from './lot-diary.schema';

export const LOT_WHAT: [string, string] = ['lô hàng', 'Lot'];

/** Most diary entries one read returns (a lot's diary is a season's work: tens of entries, not thousands). */
export const MAX_DIARY_READ = 2000;

/** Lots, scoped by province (`provinceCode`) and seller (`sellerId`). */
@Injectable()
export class LotsRepository extends ScopedRepository<Lot> {
  constructor(@InjectModel(Lot.name) model: Model<Lot>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** A page of lots in scope, newest first (indexes `{ sellerId, createdAt }`, `{ provinceCode, createdAt }`). */
  async page(scope: DataScope, filter: FilterQuery<Lot>, page: number, pageSize: number): Promise<{ items: LotDocument[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort: { createdAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /** Inserts a lot; null when the seller already has a lot with this code (unique `{ sellerId, code }`). */
  async insert(scope: DataScope, doc: Partial<Lot> & Record<string, unknown>): Promise<LotDocument | null> {
    try {
      return await this.create(scope, { _id: new Types.ObjectId(), ...doc });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /**
   * Sets fields of one lot, under the caller's lock (`fence`: a holder whose lease passed to another is refused).
   * Null when the lot is not in scope (or a later holder wrote). A duplicate code throws the driver's error.
   */
  update(scope: DataScope, id: string, set: Partial<Lot>, fence: number): Promise<LotDocument | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    const { guard, set: fenceSet } = fenced(fence);
    return this.findOneAndUpdate(scope, { $and: [{ _id: new Types.ObjectId(id) }, guard] }, { $set: { ...set, ...fenceSet } });
  }

  /** The lots of one seller among `ids` (input lots of a processing entry). */
  ofSeller(scope: DataScope, sellerId: string, ids: string[]): Promise<LotDocument[]> {
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    if (!objectIds.length) return Promise.resolve([]);
    return this.find(scope, { _id: { $in: objectIds }, sellerId });
  }
}

/** Diary entries of lots, scoped like their lot. */
@Injectable()
export class LotDiaryRepository extends ScopedRepository<LotDiaryEntry> {
  constructor(@InjectModel(LotDiaryEntry.name) model: Model<LotDiaryEntry>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** The entry the device sent before with this client id (unique `{ lotId, clientId }`), or null. */
  byClientId(scope: DataScope, lotId: string, clientId: string): Promise<LotDiaryEntryDocument | null> {
    return this.findOne(scope, { lotId, clientId });
  }

  /** Inserts an entry; null when the lot has an entry with its client id already (a replay that raced the first). */
  async insertOnce(scope: DataScope, doc: Partial<LotDiaryEntry> & Record<string, unknown>): Promise<LotDiaryEntryDocument | null> {
    try {
      return await this.create(scope, { _id: new Types.ObjectId(), ...doc });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** A lot's entries by the time they happened, then by when they were recorded (index `{ lotId, at }`). */
  ofLot(scope: DataScope, lotId: string): Promise<LotDiaryEntryDocument[]> {
    return this.find(scope, { lotId }, undefined, { sort: { at: 1, recordedAt: 1, _id: 1 }, limit: MAX_DIARY_READ });
  }
}
