import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportTop } from './report-top.schema';

/** The top lists' reads: `report_top` documents by `_id` (`$in`, the same cover as the rollups), within the caller's scope. */
@Injectable()
export class ReportTopsRepository extends ScopedRepository<ReportTop> {
  constructor(@InjectModel(ReportTop.name) model: Model<ReportTop>) {
    super(model, { province: 'provinceCode' });
  }

  async byIds(scope: DataScope, ids: string[]): Promise<ReportTop[]> {
    if (!ids.length) return [];
    return this.model.find(this.scoped(scope, { _id: { $in: ids } })).lean<ReportTop[]>().exec();
  }
}
