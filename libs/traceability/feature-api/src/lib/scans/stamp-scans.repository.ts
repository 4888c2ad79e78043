import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { insertIgnoringDuplicates } from './scan-path.repository';
import { StampScan } from './stamp-scan.schema';

/** A field scans are counted by in the analytics. */
export type ScanGroupField = 'dayVn' | 'verdict' | 'scannerProvinceCode' | 'communeCode' | 'productId';

/** Scans (append-only), scoped by the stamp's province and seller. */
@Injectable()
export class StampScansRepository extends ScopedRepository<StampScan> {
  constructor(@InjectModel(StampScan.name) model: Model<StampScan>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Stores scan records from the outbox; a record stored before (a retried flush) is skipped. */
  async insertRecords(docs: Array<Partial<StampScan> & { _id: Types.ObjectId }>): Promise<void> {
    if (docs.length) await insertIgnoringDuplicates(this.model, docs);
  }

  /** Adds the consented (rounded) position to a stored scan. */
  async setPosition(scanId: string, position: { lat: number; lng: number; scannerProvinceCode: string | null }): Promise<void> {
    await this.model.updateOne({ _id: new Types.ObjectId(scanId), lat: null }, { $set: position }).exec();
  }

  /**
   * Scans of found stamps in `[from, to)` within the scope, counted by one field (one `$sum` per `$group`: FerretDB 1.24
   * zeroes the others). Served by `{ sellerId, at }` / `{ provinceCode, at }`.
   */
  async countBy(scope: DataScope, range: { from: Date; to: Date }, extra: FilterQuery<StampScan>, field: ScanGroupField): Promise<Array<{ key: string | null; count: number }>> {
    const match = this.scoped(scope, { stampFound: true, at: { $gte: range.from, $lt: range.to }, ...extra });
    const rows = await this.model.aggregate<{ _id: string | null; count: number }>([{ $match: match }, { $group: { _id: `$${field}`, count: { $sum: 1 } } }]).exec();
    return rows.map((r) => ({ key: r._id ?? null, count: r.count })).sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  }
}
