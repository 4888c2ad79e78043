import { Injectable, Logger } from '@nestjs/common';
import type { Model, Types } from 'mongoose';
import { SUMMED_FIGURES, UNIQUE_FIGURES, type FigureName } from '@nss/report-figures';
import { isDuplicateKeyError } from '@nss/server-core';
import { deltaOf } from '../sources/event-deltas';
import { ReportSourcesRepository } from '../sources/report-sources.repository';
import { REPORT_SOURCE_NAMES } from '../sources/source-events';
import type { PlaceFigures, ReportRollup } from '../store/report-rollup.schema';
import { foldDays } from '../store/rollup-fold';
import { ReportStoreRepository, type ReportStore } from '../store/report-store.repository';
import { INGEST_BATCH, ReportIngest } from './report-ingest';

export interface FigureDrift {
  provinceCode: string;
  figure: FigureName;
  /** Σ over the days of the live rollups and of the rebuilt ones (unique figures: Σ of daily counts). */
  live: number;
  rebuilt: number;
  /** Days whose value differs (a day can differ while the sums agree). */
  daysDiffering: number;
}

export interface RebuildReport {
  provinceCode: string | null;
  events: number;
  deltas: { live: number; rebuilt: number };
  drift: FigureDrift[];
  applied: boolean;
}

function valueOf(place: PlaceFigures | undefined, figure: FigureName): number {
  if (!place) return 0;
  return (UNIQUE_FIGURES as readonly string[]).includes(figure)
    ? (place.members[figure as (typeof UNIQUE_FIGURES)[number]]?.length ?? 0)
    : (place.figures[figure as (typeof SUMMED_FIGURES)[number]] ?? 0);
}

/** Every value of every commune row and the total of a day, keyed `<row>|<figure>` (rows compared, not only totals). */
function cellsOf(doc: ReportRollup | undefined): Map<string, number> {
  const cells = new Map<string, number>();
  if (!doc) return cells;
  const rows: Array<[string, PlaceFigures]> = [['*', doc.total], ...Object.entries(doc.communes)];
  for (const [row, place] of rows) {
    for (const figure of [...SUMMED_FIGURES, ...UNIQUE_FIGURES]) {
      const v = valueOf(place, figure);
      if (v) cells.set(`${row}|${figure}`, v);
    }
  }
  return cells;
}

/**
 * `report:rebuild`: recomputes every delta and rollup from the source events into shadow collections
 * (`report_deltas_rebuild`, `report_rollups_rebuild`), compares them with the live ones day by day and reports the
 * drift per province and figure; with `apply`, replaces the live ones. Runs under the ingest's lock, so no ingest
 * interleaves; the ingest that follows re-reads its overlap and finds every delta already there.
 */
@Injectable()
export class ReportRebuild {
  private readonly logger = new Logger(ReportRebuild.name);

  constructor(
    private readonly sources: ReportSourcesRepository,
    private readonly store: ReportStoreRepository,
    private readonly ingest: ReportIngest,
  ) {}

  async run(options: { provinceCode?: string; apply?: boolean } = {}): Promise<RebuildReport> {
    const report = await this.ingest.exclusively(() => this.rebuild(options), 120_000);
    if (!report) throw new Error('the reporting ingest lock stayed busy for 2 minutes');
    return report;
  }

  private async rebuild(options: { provinceCode?: string; apply?: boolean }): Promise<RebuildReport> {
    const filter = options.provinceCode ? { provinceCode: options.provinceCode } : {};
    const { live, shadow } = this.store;
    await shadow.clear({});
    let events = 0;
    for (const source of REPORT_SOURCE_NAMES) {
      let after: Types.ObjectId | null = null;
      for (;;) {
        const batch = await this.sources.after(source, after, INGEST_BATCH);
        if (!batch.length) break;
        events += batch.length;
        const deltas = batch.flatMap((e) => deltaOf(source, e) ?? []).filter((d) => !options.provinceCode || d.provinceCode === options.provinceCode);
        await shadow.insertDeltas(deltas);
        after = batch[batch.length - 1]?._id ?? null;
        if (batch.length < INGEST_BATCH) break;
      }
    }
    await foldDays(shadow, await shadow.daysWithDeltas());

    const drift = await this.compare(live, shadow, filter);
    const deltas = { live: await live.deltas.countDocuments(filter).exec(), rebuilt: await shadow.deltas.countDocuments(filter).exec() };
    if (options.apply) await this.swap(live, shadow, filter);
    this.logger.log(`report rebuild${options.provinceCode ? ` of ${options.provinceCode}` : ''}: ${events} events, ${drift.length} figures drifted${options.apply ? ', applied' : ''}`);
    return { provinceCode: options.provinceCode ?? null, events, deltas, drift, applied: !!options.apply };
  }

  private async compare(live: ReportStore, shadow: ReportStore, filter: { provinceCode?: string }): Promise<FigureDrift[]> {
    const days = (docs: ReportRollup[]) => new Map(docs.filter((d) => d.level === 'd').map((d) => [d._id, d]));
    const [a, b] = [days(await live.rollupsOf(filter)), days(await shadow.rollupsOf(filter))];
    const drift = new Map<string, FigureDrift>();
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      const provinceCode = id.split(':')[1] ?? '';
      const [cellsA, cellsB] = [cellsOf(a.get(id)), cellsOf(b.get(id))];
      const differing = new Set<FigureName>();
      for (const cell of new Set([...cellsA.keys(), ...cellsB.keys()])) {
        if ((cellsA.get(cell) ?? 0) !== (cellsB.get(cell) ?? 0)) differing.add(cell.split('|')[1] as FigureName);
      }
      for (const figure of [...SUMMED_FIGURES, ...UNIQUE_FIGURES]) {
        const row = drift.get(`${provinceCode}|${figure}`) ?? { provinceCode, figure, live: 0, rebuilt: 0, daysDiffering: 0 };
        row.live += cellsA.get(`*|${figure}`) ?? 0;
        row.rebuilt += cellsB.get(`*|${figure}`) ?? 0;
        if (differing.has(figure)) row.daysDiffering++;
        drift.set(`${provinceCode}|${figure}`, row);
      }
    }
    return [...drift.values()].filter((d) => d.daysDiffering > 0).sort((x, y) => x.provinceCode.localeCompare(y.provinceCode) || x.figure.localeCompare(y.figure));
  }

  /**
   * Makes live equal to the rebuilt copy without a moment where it is empty, and so that a run killed half-way leaves
   * a mix that the next run completes: rebuilt documents are written over live ones (deltas are the same for the same
   * event: missing ones inserted), then live documents the rebuild does not have are removed.
   */
  private async swap(live: ReportStore, shadow: ReportStore, filter: { provinceCode?: string }): Promise<void> {
    await eachBatch(shadow.deltas, filter, async (docs) => {
      await live.deltas.insertMany(docs, { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    });
    await eachBatch(shadow.rollups, filter, async (docs) => {
      for (const doc of docs) await live.rollups.replaceOne({ _id: doc._id }, doc, { upsert: true }).exec();
    });
    await removeAbsent(live.deltas, shadow.deltas, filter);
    await removeAbsent(live.rollups, shadow.rollups, filter);
  }
}

async function eachBatch<T extends { _id: string }>(model: Model<T>, filter: { provinceCode?: string }, work: (docs: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for await (const doc of model.find(filter).sort({ _id: 1 }).lean<T>().cursor()) {
    batch.push(doc as T);
    if (batch.length >= 500) {
      await work(batch);
      batch = [];
    }
  }
  if (batch.length) await work(batch);
}

/** Removes from `live` the documents (within `filter`) that `rebuilt` does not have. */
async function removeAbsent<T extends { _id: string }>(live: Model<T>, rebuilt: Model<T>, filter: { provinceCode?: string }): Promise<void> {
  await eachBatch(live, filter, async (docs) => {
    const ids = docs.map((d) => d._id);
    const kept = new Set((await rebuilt.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>().exec()).map((d) => d._id));
    const absent = ids.filter((id) => !kept.has(id));
    if (absent.length) await live.deleteMany({ _id: { $in: absent } }).exec();
  });
}
