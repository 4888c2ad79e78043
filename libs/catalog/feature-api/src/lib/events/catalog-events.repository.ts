import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { vnDayKey } from '@nss/util-vn';
import { CatalogEvent } from './catalog-event.schema';

export type NewCatalogEvent = Omit<CatalogEvent, '_id' | 'dayVn' | 'adminEra'>;

/** Catalogue events, scoped by province. Recording a key twice is harmless (the second insert is ignored). */
@Injectable()
export class CatalogEventsRepository extends ScopedRepository<CatalogEvent> {
  constructor(@InjectModel(CatalogEvent.name) model: Model<CatalogEvent>) {
    super(model, { province: 'provinceCode' });
  }

  /** True when this call wrote the event. */
  async record(event: NewCatalogEvent): Promise<boolean> {
    try {
      await this.create(DataScope.province(event.provinceCode, 'catalogue event'), { ...event, adminEra: '2025', dayVn: vnDayKey(event.at) });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
