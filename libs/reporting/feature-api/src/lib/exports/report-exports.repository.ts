import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository, fenced, isDuplicateKeyError } from '@nss/server-core';
import { ReportExport } from './report-export.schema';

/** The longest list an answer carries (newest first). */
export const EXPORT_LIST_LIMIT = 50;

/**
 * Export records. Reads take the caller's scope (province staff see only their province's records; whose request it
 * is, is the service's check); the worker's writes are fenced by its lock's token and never touch a finished export.
 */
@Injectable()
export class ReportExportsRepository extends ScopedRepository<ReportExport> {
  private readonly worker = DataScope.platform('reporting: export jobs and the monthly report');

  constructor(@InjectModel(ReportExport.name) model: Model<ReportExport>) {
    super(model, { province: 'provinceCode' });
  }

  /** Inserts the export; false when one with this id exists already (the monthly report made twice). */
  async insertOnce(doc: ReportExport): Promise<boolean> {
    try {
      await this.model.create(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  get(scope: DataScope, id: string): Promise<ReportExport | null> {
    return this.model.findOne(this.scoped(scope, { _id: id })).lean<ReportExport>().exec();
  }

  forWorker(id: string): Promise<ReportExport | null> {
    return this.get(this.worker, id);
  }

  /** The caller's own requests and the monthly reports of `monthlyOf` (a province, or null for every province). */
  async visibleTo(scope: DataScope, userId: string, monthlyOf: string | null): Promise<ReportExport[]> {
    const monthly: FilterQuery<ReportExport> = { kind: 'monthly', ...(monthlyOf ? { provinceCode: monthlyOf } : {}) };
    const [own, reports] = await Promise.all([
      this.model.find(this.scoped(scope, { requestedByUserId: userId })).sort({ createdAt: -1 }).limit(EXPORT_LIST_LIMIT).lean<ReportExport[]>().exec(),
      this.model.find(this.scoped(scope, monthly)).sort({ createdAt: -1 }).limit(EXPORT_LIST_LIMIT).lean<ReportExport[]>().exec(),
    ]);
    return [...own, ...reports].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b._id.localeCompare(a._id)).slice(0, EXPORT_LIST_LIMIT);
  }

  /** A person's exports not finished yet (a bound on what one person may queue). */
  unfinishedBy(userId: string): Promise<number> {
    return this.model.countDocuments(this.scoped(this.worker, { requestedByUserId: userId, status: { $in: ['queued', 'running'] } })).exec();
  }

  /** Exports not finished and created before `before` (their job may be lost): for the sweep. */
  unfinished(before: Date, limit: number): Promise<ReportExport[]> {
    return this.model
      .find(this.scoped(this.worker, { status: { $in: ['queued', 'running'] }, createdAt: { $lt: before } }))
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<ReportExport[]>()
      .exec();
  }

  /** Writes a build's state unless the export is finished or a later build holds it; false when nothing was written. */
  async update(id: string, fence: number, set: Partial<Pick<ReportExport, 'status' | 'progress' | 'sizeBytes' | 'startedAt' | 'finishedAt' | 'error'>>): Promise<boolean> {
    const { guard, set: fenceSet } = fenced(fence);
    const result = await this.model
      .updateOne(this.scoped(this.worker, { _id: id, status: { $in: ['queued', 'running'] }, ...guard }), { $set: { ...set, ...fenceSet } })
      .exec();
    return result.matchedCount === 1;
  }
}
