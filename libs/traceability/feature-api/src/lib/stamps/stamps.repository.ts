import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DataScope, fenced, ScopedRepository } from '@nss/server-core';
import { Stamp, StampDocument } from './stamp.schema';
import { StampBatch, StampBatchDocument } from './stamp-batch.schema';

/** Most stamps a lot's EPCIS export lists. */
export const MAX_EXPORT_STAMPS = 200_000;
/** Batch states whose stamps exist. */
const BATCHES_WITH_STAMPS = ['generating', 'ready'];

export const BATCH_WHAT: [string, string] = ['lô tem', 'Stamp batch'];

/** Stamp batches, scoped by province and seller. */
@Injectable()
export class StampBatchesRepository extends ScopedRepository<StampBatch> {
  constructor(@InjectModel(StampBatch.name) model: Model<StampBatch>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
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
  bySerials(scope: DataScope, serials: string[]): Promise<Array<Pick<Stamp, '_id' | 'sellerId' | 'lotId' | 'status' | 'soldOrderId'>>> {
    if (serials.length === 0) return Promise.resolve([]);
    return this.model
      .find(this.scoped(scope, { _id: { $in: serials } }), { sellerId: 1, lotId: 1, status: 1, soldOrderId: 1 })
      .lean<Array<Pick<Stamp, '_id' | 'sellerId' | 'lotId' | 'status' | 'soldOrderId'>>>()
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
}
