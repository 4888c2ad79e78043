import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertIgnoringDuplicates } from './scan-path.repository';
import type { PendingScan } from './scan-writer';
import { UncountedScan } from './uncounted-scan.schema';

/** A scan waiting to be counted in Redis, as read back. */
export interface UncountedScanRow {
  _id: string;
  serial: string;
  scanId: string;
  at: Date;
  clientHash: string;
  record: PendingScan;
}

/**
 * Scans answered while Redis was away, until they are counted there (see UncountedScan). Public stamps only: no scope
 * (the rows hold a keyed hash of the scanner's address, never the address, like `stamp_scans`).
 */
@Injectable()
export class UncountedScansRepository {
  constructor(@InjectModel(UncountedScan.name) private readonly model: Model<UncountedScan>) {}

  /** Records the scan; recording it again (a retry) is a no-op. */
  async add(scan: PendingScan & { stamp: NonNullable<PendingScan['stamp']> }): Promise<void> {
    const row: UncountedScanRow = { _id: `${scan.stamp.serial}:${scan.id}`, serial: scan.stamp.serial, scanId: scan.id, at: new Date(scan.at), clientHash: scan.clientHash, record: scan };
    await insertIgnoringDuplicates(this.model, [row]);
  }

  /** The stamp's scans waiting to be counted, oldest first (`_id` prefix `<serial>:`; serials are plain ASCII). */
  ofStamp(serial: string): Promise<UncountedScanRow[]> {
    return this.model
      .find({ _id: { $gte: `${serial}:`, $lt: `${serial};` } })
      .lean<UncountedScanRow[]>()
      .exec()
      .then((rows) => rows.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime()));
  }

  /** Up to `n` scans waiting to be counted (any stamps). */
  some(n: number): Promise<UncountedScanRow[]> {
    return this.model.find({}).limit(n).lean<UncountedScanRow[]>().exec();
  }

  /** Drops scans that were counted. */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.model.deleteMany({ _id: { $in: ids } }).exec();
  }
}
