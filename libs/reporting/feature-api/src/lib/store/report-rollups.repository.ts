import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportRollup } from './report-rollup.schema';

/** The dashboards' reads: rollups by `_id` (`$in`, at most ~80 per province and period), within the caller's scope. */
@Injectable()
export class ReportRollupsRepository extends ScopedRepository<ReportRollup> {
  constructor(@InjectModel(ReportRollup.name) model: Model<ReportRollup>) {
    super(model, { province: 'provinceCode' });
  }

  async byIds(scope: DataScope, ids: string[]): Promise<ReportRollup[]> {
    if (!ids.length) return [];
    return this.model.find(this.scoped(scope, { _id: { $in: ids } })).lean<ReportRollup[]>().exec();
  }
}
