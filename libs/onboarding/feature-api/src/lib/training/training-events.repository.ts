import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AppError, DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { TrainingEvent } from './training-event.schema';

/** Training events, scoped by province; a repeat of a key is ignored (the event was already written). */
@Injectable()
export class TrainingEventsRepository extends ScopedRepository<TrainingEvent> {
  constructor(@InjectModel(TrainingEvent.name) model: Model<TrainingEvent>) {
    super(model, { province: 'provinceCode' });
  }

  async insertAll(scope: DataScope, events: Array<Omit<TrainingEvent, '_id'>>): Promise<void> {
    for (const event of events) {
      if (!scope.isPlatform && event.provinceCode !== scope.provinceCode) throw AppError.forbidden();
    }
    for (let i = 0; i < events.length; i += 500) {
      await this.model.insertMany(events.slice(i, i + 500), { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
  }
}
