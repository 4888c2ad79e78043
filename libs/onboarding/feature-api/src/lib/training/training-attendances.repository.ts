import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { AppError, DataScope, ScopedRepository } from '@nss/server-core';
import { vnDayStart } from '@nss/util-vn';
import { TrainingAttendance } from './training.schema';

export type NewAttendance = Omit<TrainingAttendance, '_id' | 'householdKey'>;

/** Attendances (one per household and session), scoped by province (`provinceCode`). */
@Injectable()
export class TrainingAttendancesRepository extends ScopedRepository<TrainingAttendance> {
  constructor(@InjectModel(TrainingAttendance.name) model: Model<TrainingAttendance>) {
    super(model, { province: 'provinceCode' });
  }

  /** Inserts the attendances; returns them with their ids and household keys. */
  async insertAll(scope: DataScope, rows: NewAttendance[]): Promise<TrainingAttendance[]> {
    const docs = rows.map((row) => {
      const _id = new Types.ObjectId();
      const householdKey = row.sellerId ? `s:${row.sellerId}` : row.phone ? `p:${row.phone}` : `a:${_id.toHexString()}`;
      return { ...row, _id, householdKey };
    });
    for (const doc of docs) {
      if (!scope.isPlatform && doc.provinceCode !== scope.provinceCode) throw AppError.forbidden();
    }
    for (let i = 0; i < docs.length; i += 500) await this.model.insertMany(docs.slice(i, i + 500));
    return docs;
  }

  /** When a household that attended training registers: the day its first session started (Vietnam time). */
  async earliestAttendanceByPhone(provinceCode: string, phone: string): Promise<Date | null> {
    const [first] = await this.find(DataScope.province(provinceCode, 'registration'), { phone }, { date: 1 }, {
      sort: { date: 1 },
      limit: 1,
    });
    return first ? vnDayStart(first.date) : null;
  }

  /** The household's earlier attendances now belong to its seller (counted once in the funnel). */
  async linkAttendancesToSeller(provinceCode: string, phone: string, sellerId: string): Promise<void> {
    await this.model
      .updateMany(this.scoped(DataScope.province(provinceCode, 'registration'), { phone, sellerId: null }), {
        $set: { sellerId, householdKey: `s:${sellerId}` },
      })
      .exec();
  }

  /** Distinct trained households per commune, and overall: $match + $group/$sum only (FerretDB-safe). */
  async trainedHouseholds(scope: DataScope, match: FilterQuery<TrainingAttendance>) {
    const filter = this.scoped(scope, match);
    const [perCommune, overall] = await Promise.all([
      this.model
        .aggregate<{ _id: string; n: number }>([
          { $match: filter },
          { $group: { _id: { communeCode: '$communeCode', householdKey: '$householdKey' }, n: { $sum: 1 } } },
          { $group: { _id: '$_id.communeCode', n: { $sum: 1 } } },
        ])
        .exec(),
      this.model
        .aggregate<{ n: number }>([{ $match: filter }, { $group: { _id: '$householdKey', n: { $sum: 1 } } }, { $count: 'n' }])
        .exec(),
    ]);
    const byCommune = new Map(perCommune.map((row) => [row._id, row.n]));
    return { byCommune, total: overall[0]?.n ?? 0 };
  }
}
