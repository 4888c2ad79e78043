import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { TraceEvent, TraceEventDocument } from './trace-event.schema';

/** Traceability's events: written once per key, in the same step as the change they report. */
@Injectable()
export class TraceEventsRepository extends ScopedRepository<TraceEvent> {
  constructor(@InjectModel(TraceEvent.name) model: Model<TraceEvent>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Inserts the event; null when its key exists (the step was retried). */
  async insertOnce(scope: DataScope, doc: Partial<TraceEvent> & { key: string }): Promise<TraceEventDocument | null> {
    try {
      return await this.create(scope, { _id: new Types.ObjectId(), ...doc } as Partial<TraceEvent> & Record<string, unknown>);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** The worker's events (a batch made for any province). */
  insertOnceForWorker(doc: Partial<TraceEvent> & { key: string }): Promise<TraceEventDocument | null> {
    return this.insertOnce(DataScope.platform('traceability worker events'), doc);
  }
}
