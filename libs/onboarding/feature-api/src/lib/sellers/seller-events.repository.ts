import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { SellerEvent } from './seller-event.schema';

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Seller events, scoped by province; `claim` is the once-only insert that serialises state changes. */
@Injectable()
export class SellerEventsRepository extends ScopedRepository<SellerEvent> {
  constructor(@InjectModel(SellerEvent.name) model: Model<SellerEvent>) {
    super(model, { province: 'provinceCode' });
  }

  /** True when this call inserted the event; false when an event with the same key exists (someone else won). */
  async claim(scope: DataScope, event: Omit<SellerEvent, 'createdAt'>): Promise<boolean> {
    try {
      await this.create(scope, event as SellerEvent & Record<string, unknown>);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Undo a claim whose seller update did not happen, so the state can be changed again. */
  async release(scope: DataScope, key: string): Promise<void> {
    await this.model.deleteOne(this.scoped(scope, { key })).exec();
  }
}
