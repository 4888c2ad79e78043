import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { SellerEvent } from './seller-event.schema';

/** Seller events, scoped by province; `claim` is the once-only insert that serialises state changes. */
@Injectable()
export class SellerEventsRepository extends ScopedRepository<SellerEvent> {
  constructor(@InjectModel(SellerEvent.name) model: Model<SellerEvent>) {
    super(model, { province: 'provinceCode' });
  }

  /** The id of the event this call inserted; null when an event with the same key exists (someone else won). */
  async claim(scope: DataScope, event: Omit<SellerEvent, 'createdAt'>): Promise<string | null> {
    try {
      const created = await this.create(scope, event as SellerEvent & Record<string, unknown>);
      return String(created._id);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** Undo this claim (by its id, never someone else's claim of the same key) when its seller update did not happen. */
  async release(scope: DataScope, claimId: string): Promise<void> {
    if (!Types.ObjectId.isValid(claimId)) return;
    await this.model.deleteOne(this.scoped(scope, { _id: new Types.ObjectId(claimId) })).exec();
  }

  /**
   * Removes a claim of `key` made before `before` (its claimant crashed or failed without releasing it, and the
   * seller shows the change never happened). True when one was removed.
   */
  async releaseAbandoned(scope: DataScope, key: string, before: Date): Promise<boolean> {
    const result = await this.model.deleteOne(this.scoped(scope, { key, createdAt: { $lt: before } })).exec();
    return result.deletedCount > 0;
  }
}
