import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { SuspicionReason } from '@nss/contracts';
import { DataScope, fenced, isDuplicateKeyError, scopeFilter } from '@nss/server-core';
import { TraceEvent } from '../events/trace-event.schema';
import { Lot } from '../lots/lot.schema';
import { LotDiaryEntry } from '../lots/lot-diary.schema';
import { Stamp, type RecentScan } from '../stamps/stamp.schema';
import { StampBatch } from '../stamps/stamp-batch.schema';
import { ConcurrencyLimit } from './concurrency-limit';

/** The public scan page reads any stamp and its lot: they are published by being printed on the package. */
export const PUBLIC_TRACE_SCOPE = DataScope.platform('public scan page: a stamp, its batch, lot and diary');
/** Names of the products in a caller's scan analytics (the scans themselves were read within the caller's scope). */
export const PRODUCT_NAMES_SCOPE = DataScope.platform('scan analytics: names of products whose scans the caller may see');

export type StampOnScan = Pick<Stamp, '_id' | 'batchId' | 'lotId' | 'productId' | 'sellerId' | 'provinceCode' | 'communeCode' | 'status' | 'firstScanAt' | 'scanCount' | 'lastScans' | 'suspicionReasons' | 'soldAt'>;
export type BatchOnScan = Pick<StampBatch, 'gtin' | 'lotCode' | 'lotId' | 'productId'>;
export type LotOnScan = Pick<Lot, 'code' | 'productId' | 'productName' | 'sellerId' | 'sellerName' | 'provinceCode' | 'communeCode' | 'producedOn' | 'expiresOn' | 'shelfLifeDays' | 'standards'>;
export type DiaryOnScan = Pick<LotDiaryEntry, 'type' | 'at' | 'place' | 'note' | 'inputs'>;

/**
 * Stamp lookups in flight at once. Measured on FerretDB 1.24 (SQLite) here: lookups by `_id` answer ~1,800/s with 16–32
 * in flight but ~380/s with 100 (every request of a 100-connection load at once); queued beyond this, a burst of scans
 * is served faster. MongoDB does not need it but loses little (each lookup is well under a millisecond there).
 */
const STAMP_LOOKUPS_IN_FLIGHT = 16;

/** A scan page shows at most this many diary entries (oldest first): the page must stay small. */
export const DIARY_ON_PAGE = 40;

/**
 * What the scan path reads and writes outside its own collection: stamps by serial (their `_id`, the one lookup
 * FerretDB answers from an index), batches, lots and diaries for the public record; the scan counters copied onto
 * stamps and the scan events. Lean reads with projections: the scan page is the hottest public route.
 */
@Injectable()
export class ScanPathRepository {
  private readonly stampLookups = new ConcurrencyLimit(STAMP_LOOKUPS_IN_FLIGHT);

  constructor(
    @InjectModel(Stamp.name) private readonly stamps: Model<Stamp>,
    @InjectModel(StampBatch.name) private readonly batches: Model<StampBatch>,
    @InjectModel(Lot.name) private readonly lots: Model<Lot>,
    @InjectModel(LotDiaryEntry.name) private readonly diary: Model<LotDiaryEntry>,
    @InjectModel(TraceEvent.name) private readonly events: Model<TraceEvent>,
  ) {}

  stampBySerial(serial: string): Promise<StampOnScan | null> {
    return this.stampLookups.run(() => this.readStamp(serial));
  }

  private readStamp(serial: string): Promise<StampOnScan | null> {
    return this.stamps
      .findById(serial, { batchId: 1, lotId: 1, productId: 1, sellerId: 1, provinceCode: 1, communeCode: 1, status: 1, firstScanAt: 1, scanCount: 1, lastScans: 1, suspicionReasons: 1, soldAt: 1 })
      .lean<StampOnScan>()
      .exec();
  }

  batch(batchId: string): Promise<BatchOnScan | null> {
    if (!Types.ObjectId.isValid(batchId)) return Promise.resolve(null);
    return this.batches.findById(batchId, { gtin: 1, lotCode: 1, lotId: 1, productId: 1 }).lean<BatchOnScan>().exec();
  }

  lot(lotId: string): Promise<LotOnScan | null> {
    if (!Types.ObjectId.isValid(lotId)) return Promise.resolve(null);
    return this.lots
      .findById(lotId, { code: 1, productId: 1, productName: 1, sellerId: 1, sellerName: 1, provinceCode: 1, communeCode: 1, producedOn: 1, expiresOn: 1, shelfLifeDays: 1, standards: 1 })
      .lean<LotOnScan>()
      .exec();
  }

  diaryOf(lotId: string): Promise<DiaryOnScan[]> {
    // Served by the { lotId, at } index.
    return this.diary.find({ lotId }, { type: 1, at: 1, place: 1, note: 1, inputs: 1 }).sort({ at: 1 }).limit(DIARY_ON_PAGE).lean<DiaryOnScan[]>().exec();
  }

  /** Stamps by serial within a scope (analytics: current counts of suspicious stamps). */
  stampsIn(scope: DataScope, serials: string[]): Promise<Array<Pick<Stamp, '_id' | 'scanCount' | 'lotId'>>> {
    const restriction = scopeFilter(scope, { province: 'provinceCode', seller: 'sellerId' });
    return this.stamps.find({ $and: [{ _id: { $in: serials } }, restriction] }, { scanCount: 1, lotId: 1 }).lean<Array<Pick<Stamp, '_id' | 'scanCount' | 'lotId'>>>().exec();
  }

  /** Lot codes by id (analytics). */
  async lotCodes(lotIds: string[]): Promise<Map<string, string>> {
    const ids = lotIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    if (ids.length === 0) return new Map();
    const lots = await this.lots.find({ _id: { $in: ids } }, { code: 1 }).lean<Array<{ _id: Types.ObjectId; code: string }>>().exec();
    return new Map(lots.map((l) => [String(l._id), l.code]));
  }

  /**
   * Copies the counters onto the stamp document, under its lock (the caller holds `DocumentLocks` 'stamp'): a write
   * of a holder with an older fencing token is refused, and a smaller count never replaces a larger one.
   */
  async copyCounters(
    serial: string,
    counters: { scanCount: number; firstScanAt: Date | null; lastScans: RecentScan[]; suspicionReasons: SuspicionReason[] },
    fence: number,
  ): Promise<void> {
    const guard = fenced(fence);
    await this.stamps
      .updateOne(
        { _id: serial, scanCount: { $lte: counters.scanCount }, ...guard.guard },
        { $set: { scanCount: counters.scanCount, firstScanAt: counters.firstScanAt, lastScans: counters.lastScans, suspicionReasons: counters.suspicionReasons, ...guard.set } },
      )
      .exec();
  }

  /** Inserts events; those whose key exists already (a retried flush) are skipped. */
  async insertEvents(events: Array<Partial<TraceEvent> & { key: string }>): Promise<void> {
    if (events.length === 0) return;
    await insertIgnoringDuplicates(this.events, events);
  }
}

/** insertMany that treats "already there" (a duplicate key) as done: the outbox may deliver a record twice. */
export async function insertIgnoringDuplicates<T>(model: Model<T>, docs: object[]): Promise<void> {
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ code?: number; errmsg?: string; err?: { code?: number; errmsg?: string } }> }).writeErrors;
    const onlyDuplicates = writeErrors
      ? writeErrors.every((e) => isDuplicateKeyError({ code: e.code ?? e.err?.code, message: e.errmsg ?? e.err?.errmsg }))
      : isDuplicateKeyError(error);
    if (!onlyDuplicates) throw error;
  }
}
