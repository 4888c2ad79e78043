import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { REPORT_SOURCES, type ReportSource, type SourceEvent, sourceModelName } from './source-events';

const FIRST_OBJECT_ID = new Types.ObjectId('000000000000000000000000');

/** Reads the source event collections in `_id` order (read-only; the owning domains write them). */
@Injectable()
export class ReportSourcesRepository {
  private readonly models: Record<ReportSource, Model<SourceEvent>>;

  constructor(
    @InjectModel(sourceModelName('sellers')) sellers: Model<SourceEvent>,
    @InjectModel(sourceModelName('training')) training: Model<SourceEvent>,
    @InjectModel(sourceModelName('catalog')) catalog: Model<SourceEvent>,
    @InjectModel(sourceModelName('orders')) orders: Model<SourceEvent>,
    @InjectModel(sourceModelName('trace')) trace: Model<SourceEvent>,
  ) {
    this.models = { sellers, training, catalog, orders, trace };
  }

  /**
   * Up to `limit` events after `after` (all from the start when null), oldest id first. Always an `_id` range (the
   * first page from the smallest ObjectId): MongoDB walks the `_id` index for it, and so does our FerretDB build
   * (tools/infra/ferretdb-id-lookup.patch), where an empty filter would scan and sort the whole collection.
   */
  after(source: ReportSource, after: Types.ObjectId | null, limit: number): Promise<SourceEvent[]> {
    const filter = after ? { _id: { $gt: after } } : { _id: { $gte: FIRST_OBJECT_ID } };
    return this.models[source].find(filter).sort({ _id: 1 }).limit(limit).lean<SourceEvent[]>().exec();
  }

  collectionOf(source: ReportSource): string {
    return REPORT_SOURCES[source];
  }
}
