import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { Stamp, StampDocument } from './stamp.schema';
import { StampBatch } from './stamp-batch.schema';

export const BATCH_WHAT: [string, string] = ['lô tem', 'Stamp batch'];

/** Stamp batches, scoped by province and seller. */
@Injectable()
export class StampBatchesRepository extends ScopedRepository<StampBatch> {
  constructor(@InjectModel(StampBatch.name) model: Model<StampBatch>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
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
}
