import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportRollup } from './report-rollup.schema';

/** Which months have figures, per province: the open-data index (public aggregates, so a platform read). */
@Injectable()
export class ReportMonthsRepository extends ScopedRepository<ReportRollup> {
  private readonly openData = DataScope.platform('reporting: the open-data index (aggregates only)');

  constructor(@InjectModel(ReportRollup.name) model: Model<ReportRollup>) {
    super(model, { province: 'provinceCode' });
  }

  /** `{ provinceCode, key }` of every month rollup of these provinces (index `{ provinceCode, level, key }`). */
  async months(provinceCodes: string[]): Promise<Array<{ provinceCode: string; key: string }>> {
    if (!provinceCodes.length) return [];
    return this.model
      .find(this.scoped(this.openData, { provinceCode: { $in: provinceCodes }, level: 'm' }), { _id: 0, provinceCode: 1, key: 1 })
      .lean<Array<{ provinceCode: string; key: string }>>()
      .exec();
  }
}
