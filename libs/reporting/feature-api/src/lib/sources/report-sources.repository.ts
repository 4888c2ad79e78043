import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { REPORT_SOURCES, type ReportSource, type SourceEvent, sourceModelName } from './source-events';

/** Reads the source event collections (read-only; the owning domains write them). */
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
   * Every event after `after` (all when null), in batches of `batchSize`, in no particular order: one pass over the
   * collection. Pages sorted by `_id` with a limit would cost FerretDB (SQLite) a scan and an in-memory sort of
   * everything after the cursor for each page (it serves only `_id` equalities from an index); on MongoDB the filter
   * uses the `_id` index either way.
   */
  async *batchesAfter(source: ReportSource, after: Types.ObjectId | null, batchSize: number): AsyncGenerator<SourceEvent[]> {
    const filter = after ? { _id: { $gt: after } } : {};
    let batch: SourceEvent[] = [];
    for await (const event of this.models[source].find(filter).lean<SourceEvent>().batchSize(batchSize).cursor()) {
      batch.push(event);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  collectionOf(source: ReportSource): string {
    return REPORT_SOURCES[source];
  }
}
