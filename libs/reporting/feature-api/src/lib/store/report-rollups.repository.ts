import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportRollup } from './report-rollup.schema';

/**
 * The dashboards' reads: rollups by `_id` (at most ~80 per province and period), within the caller's scope. One
 * lookup per id, in parallel: FerretDB (SQLite) serves an `_id` equality from its index but scans the whole collection
 * for `_id: { $in }`, so the read would grow with every day of every province (the benchmark's ratio).
 */
@Injectable()
export class ReportRollupsRepository extends ScopedRepository<ReportRollup> {
  constructor(@InjectModel(ReportRollup.name) model: Model<ReportRollup>) {
    super(model, { province: 'provinceCode' });
  }

  async byIds(scope: DataScope, ids: string[]): Promise<ReportRollup[]> {
    const found = await Promise.all(ids.map((id) => this.model.findOne(this.scoped(scope, { _id: id })).lean<ReportRollup>().exec()));
    return found.filter((doc): doc is ReportRollup => doc !== null);
  }
}
