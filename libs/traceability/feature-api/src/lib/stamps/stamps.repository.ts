import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { DataScope, fenced, isDuplicateKeyError, ScopedRepository } from '@nss/server-core';
import { Stamp, StampDocument, StampStatus } from './stamp.schema';
import { StampBatch, StampBatchDocument } from './stamp-batch.schema';

/** Most stamps a lot's EPCIS export lists. */
export const MAX_EXPORT_STAMPS = 200_000;
/** Batch states whose stamps exist. */
const BATCHES_WITH_STAMPS = ['generating', 'ready'];

export const BATCH_WHAT: [string, string] = ['lô tem', 'Stamp batch'];

/** The worker's scope: it makes the stamps of any province's approved batch and applies their pending range changes. */
const WORKER = () => DataScope.platform('stamp batch generation and range changes (worker)');
/** The worker's scope, for the range job's reads and writes through StampRangeChanges. */
export const stampsWorkerScope = WORKER;

/** Stamp batches, scoped by province and seller. */
@Injectable()
export class StampBatchesRepository extends ScopedRepository<StampBatch> {
  constructor(@InjectModel(StampBatch.name) model: Model<StampBatch>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Inserts a batch; null when its code is taken (unique `{ code }`: the caller draws another). */
  async insert(scope: DataScope, doc: Partial<StampBatch> & Record<string, unknown>): Promise<StampBatchDocument | null> {
    try {
      return await this.create(scope, { _id: new Types.ObjectId(), ...doc });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** A page of batches in scope, newest first (indexes `{ sellerId, createdAt }`, `{ provinceCode, status, createdAt }`). */
  async page(scope: DataScope, filter: FilterQuery<StampBatch>, page: number, pageSize: number): Promise<{ items: StampBatchDocument[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort: { createdAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /** Sets fields of one batch under the caller's lock (`fence`); `guard` adds conditions (the status it expects). */
  update(scope: DataScope, id: string, set: Partial<StampBatch>, fence: number, guard: FilterQuery<StampBatch> = {}): Promise<StampBatchDocument | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    const f = fenced(fence);
    return this.findOneAndUpdate(scope, { $and: [{ _id: new Types.ObjectId(id) }, guard, f.guard] }, { $set: { ...set, ...f.set } });
  }

  /** The worker's read of a batch (any province). */
  forWorker(id: string): Promise<StampBatchDocument | null> {
    return this.findById(WORKER(), id);
  }

  /** Batches approved or being made (the worker's sweep queues their generation again; oldest first). */
  async unfinishedForWorker(limit = 500): Promise<string[]> {
    const rows = await this.find(WORKER(), { status: { $in: ['approved', 'generating'] } }, { _id: 1 }, { sort: { createdAt: 1 }, limit });
    return rows.map((r) => String(r._id));
  }

  /** Batches with a pending range change (the worker's sweep queues its job again), as `{ batchId, key }`. */
  async pendingChangesForWorker(limit = 500): Promise<Array<{ batchId: string; key: string }>> {
    const rows = await this.find(WORKER(), { pendingChange: { $ne: null } }, { _id: 1, pendingChange: 1 }, { sort: { updatedAt: 1 }, limit });
    return rows.filter((r) => r.pendingChange).map((r) => ({ batchId: String(r._id), key: (r.pendingChange as { key: string }).key }));
  }

  /** The worker's write of a batch, under its lock. */
  updateForWorker(id: string, set: Partial<StampBatch>, fence: number, guard: FilterQuery<StampBatch> = {}): Promise<StampBatchDocument | null> {
    return this.update(WORKER(), id, set, fence, guard);
  }

  /** A lot's batches that hold stamps, oldest first (EPCIS commissioning; also the lot's GTIN). */
  ofLot(scope: DataScope, lotId: string): Promise<StampBatchDocument[]> {
    return this.find(scope, { lotId, status: { $in: BATCHES_WITH_STAMPS } }, undefined, { sort: { createdAt: 1, _id: 1 } });
  }

  /** The GTIN printed on some batch of each of these lots (lots without one are absent). */
  async gtinsOfLots(scope: DataScope, lotIds: string[]): Promise<Map<string, string>> {
    if (lotIds.length === 0) return new Map();
    const batches = await this.find(scope, { lotId: { $in: lotIds }, gtin: { $ne: null } }, { lotId: 1, gtin: 1 });
    return new Map(batches.map((b) => [b.lotId, b.gtin as string]));
  }
}

/** What a sale checks of a stamp. */
export type SaleStamp = Pick<Stamp, '_id' | 'batchId' | 'seq' | 'sellerId' | 'lotId' | 'status' | 'soldOrderId'>;

/** Stamps, scoped by province and seller. `_id` is the serial. */
@Injectable()
export class StampsRepository extends ScopedRepository<Stamp> {
  constructor(@InjectModel(Stamp.name) model: Model<Stamp>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** A stamp by its (normalised, check-character-valid) serial. */
  findBySerial(scope: DataScope, serial: string): Promise<StampDocument | null> {
    return this.findOne(scope, { _id: serial });
  }

  /** Stamps by serial (lookups by `_id`), only the fields a sale checks. */
  bySerials(scope: DataScope, serials: string[]): Promise<SaleStamp[]> {
    if (serials.length === 0) return Promise.resolve([]);
    return this.model
      .find(this.scoped(scope, { _id: { $in: serials } }), { batchId: 1, seq: 1, sellerId: 1, lotId: 1, status: 1, soldOrderId: 1 })
      .lean<SaleStamp[]>()
      .exec();
  }

  /**
   * Records the stamp as sold with `orderId`, under its lock (the caller holds DocumentLocks 'stamp'): only an active
   * stamp of this seller and lot that is unsold (or already sold with this order: a retry). False when it is not.
   */
  async markSold(scope: DataScope, serial: string, sale: { sellerId: string; lotId: string; orderId: string; at: Date }, fence: number): Promise<boolean> {
    const guard = fenced(fence);
    const result = await this.updateOne(
      scope,
      { $and: [{ _id: serial, sellerId: sale.sellerId, lotId: sale.lotId, status: 'active', soldOrderId: { $in: [null, sale.orderId] } }, guard.guard] },
      { $set: { soldOrderId: sale.orderId, soldAt: sale.at, ...guard.set } },
    );
    return result.matchedCount === 1;
  }

  /** Gives a stamp sold with `orderId` back (a shipment that did not happen), under its lock. */
  async unmarkSold(scope: DataScope, serial: string, orderId: string, fence: number): Promise<void> {
    const guard = fenced(fence);
    await this.updateOne(scope, { $and: [{ _id: serial, soldOrderId: orderId }, guard.guard] }, { $set: { soldOrderId: null, soldAt: null, ...guard.set } });
  }

  /** A lot's active stamps (EPCIS commissioning), at most MAX_EXPORT_STAMPS, by batch and seq. */
  activeOfLot(scope: DataScope, lotId: string): Promise<Array<Pick<Stamp, '_id' | 'batchId' | 'activatedAt'>>> {
    return this.model
      .find(this.scoped(scope, { lotId, status: 'active' }), { batchId: 1, activatedAt: 1 }, { sort: { batchId: 1, seq: 1 }, limit: MAX_EXPORT_STAMPS })
      .lean<Array<Pick<Stamp, '_id' | 'batchId' | 'activatedAt'>>>()
      .exec();
  }

  /**
   * Inserts a chunk of new stamps in one round trip, unordered: a stamp whose `{ batchId, seq }` is stored already (a
   * restarted job) or whose serial is taken (a collision) is refused alone and the rest go in. Returns whether every
   * stamp went in; when not, the caller asks which seqs are stored (`storedSeqs`) and draws again for the others.
   * The driver's collection is used directly: these documents are built whole by the generator (no casting needed).
   */
  async insertChunk(docs: Stamp[]): Promise<boolean> {
    try {
      await this.model.collection.insertMany(docs as unknown as Array<Record<string, unknown>>, { ordered: false });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error) || isBulkWriteError(error)) return false;
      throw error;
    }
  }

  /** The seqs from `from` to `to` (inclusive) stored for a batch. */
  async storedSeqs(batchId: string, from: number, to: number): Promise<number[]> {
    const rows = await this.model.collection
      .find({ batchId, seq: { $gte: from, $lte: to } }, { projection: { _id: 0, seq: 1 } })
      .toArray();
    return rows.map((r) => Number(r['seq']));
  }

  /** Every stamp of a batch as `{ _id: serial, seq }` (one scan, in storage order). */
  serialsOf(batchId: string): AsyncIterable<{ _id: string; seq: number }> {
    return this.model.collection.find<{ _id: string; seq: number }>({ batchId }, { projection: { _id: 1, seq: 1 }, batchSize: 5000 });
  }

  /** The serials of a batch's stamps with seq `from`…`to` (inclusive), in pages (the StampMirror's range passes). */
  serialsInRange(batchId: string, from: number, to: number): AsyncIterable<{ _id: string }> {
    return this.model.collection.find<{ _id: string }>({ batchId, seq: { $gte: from, $lte: to } }, { projection: { _id: 1 }, batchSize: 5000 });
  }

  /** How many stamps a batch has stored. */
  countOfBatch(batchId: string): Promise<number> {
    return this.model.collection.countDocuments({ batchId });
  }

  /** Removes every stamp of a batch (a cancelled batch keeps none). */
  async deleteOfBatch(batchId: string): Promise<number> {
    const res = await this.model.collection.deleteMany({ batchId });
    return res.deletedCount;
  }

  /**
   * Moves the stamps of a batch with seq `from`…`to` and a status in `fromStatuses` to `set.status` (in scope);
   * answers how many changed. The caller holds the batch's lock.
   */
  async setStatusInRange(
    scope: DataScope,
    batchId: string,
    from: number,
    to: number,
    fromStatuses: StampStatus[],
    set: Partial<Stamp> & { status: StampStatus },
  ): Promise<number> {
    const res = await this.model
      .updateMany(this.scoped(scope, { batchId, seq: { $gte: from, $lte: to }, status: { $in: fromStatuses } }), { $set: set })
      .exec();
    return res.modifiedCount;
  }

  /** Stamps of a batch in a range with one of these statuses. */
  countInRange(scope: DataScope, batchId: string, from: number, to: number, statuses: StampStatus[]): Promise<number> {
    return this.count(scope, { batchId, seq: { $gte: from, $lte: to }, status: { $in: statuses } });
  }
}

function isBulkWriteError(error: unknown): boolean {
  const e = error as { name?: string; writeErrors?: unknown } | null;
  return !!e && (e.name === 'MongoBulkWriteError' || e.writeErrors !== undefined);
}
