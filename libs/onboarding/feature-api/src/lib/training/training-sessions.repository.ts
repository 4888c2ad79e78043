import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { TrainingSession } from './training.schema';

/** Training sessions, scoped by province (`provinceCode`). */
@Injectable()
export class TrainingSessionsRepository extends ScopedRepository<TrainingSession> {
  constructor(@InjectModel(TrainingSession.name) model: Model<TrainingSession>) {
    super(model, { province: 'provinceCode' });
  }

  async page(scope: DataScope, communeCode: string | undefined, page: number, pageSize: number) {
    const filter: FilterQuery<TrainingSession> = communeCode ? { communeCode } : {};
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort: { date: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }
}
