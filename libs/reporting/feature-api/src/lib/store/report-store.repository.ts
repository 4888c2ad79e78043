import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@nss/server-core';
import type { EventDelta } from '../sources/event-deltas';
import { ReportDelta } from './report-delta.schema';
import { ReportRollup, type RollupLevel } from './report-rollup.schema';
import { ReportTop } from './report-top.schema';

/**
 * Replacements per `update` command. FerretDB 1.24 keeps the SQLite query of each statement that matched an existing
 * document open until the whole command ends (a `defer` in a loop, internal/handler/msg_update.go), and a database has
 * 100 SQLite connections: an `update` (a `bulkWrite`) of more than 100 existing documents waits for a connection
 * forever, and every later query of that database with it. Hence chunks well below 100.
 */
export const UPDATE_STATEMENTS_PER_COMMAND = 50;

/** `replaceOne` upserts by `_id` and `deleteOne`s, in commands of at most UPDATE_STATEMENTS_PER_COMMAND statements. */
export async function bulkReplace<T extends { _id: string }>(model: Model<T>, items: Array<{ id: string; doc: T | null }>): Promise<void> {
  for (let i = 0; i < items.length; i += UPDATE_STATEMENTS_PER_COMMAND) {
    const ops = items
      .slice(i, i + UPDATE_STATEMENTS_PER_COMMAND)
      .map(({ id, doc }) => (doc ? { replaceOne: { filter: { _id: id }, replacement: doc, upsert: true } } : { deleteOne: { filter: { _id: id } } }));
    await model.bulkWrite(ops as Parameters<Model<T>['bulkWrite']>[0], { ordered: true });
  }
}

/** Day prefix reads in flight while folding (deltasOfDays). */
const DAY_READS_IN_FLIGHT = 4;

export const SHADOW_DELTA_MODEL = 'ReportDeltaShadow';
export const SHADOW_ROLLUP_MODEL = 'ReportRollupShadow';
export const SHADOW_TOP_MODEL = 'ReportTopShadow';

/**
 * Deltas and rollups of one generation: the live collections, or the rebuild's shadow copies (`*_rebuild`). The
 * worker alone writes them; the API reads rollups through ReportRollupsRepository (scoped).
 */
export class ReportStore {
  constructor(
    readonly deltas: Model<ReportDelta>,
    readonly rollups: Model<ReportRollup>,
    readonly tops: Model<ReportTop>,
  ) {}

  /** Inserts deltas; an existing `_id` (the event was applied already) is skipped. */
  async insertDeltas(deltas: EventDelta[]): Promise<void> {
    const docs = deltas.map(({ id, provinceCode, communeKey, dayVn, source, figures, members, top }) => ({ _id: id, provinceCode, communeKey, dayVn, source, figures, members, ...(top ? { top } : {}) }));
    for (let i = 0; i < docs.length; i += 500) {
      await this.deltas.insertMany(docs.slice(i, i + 500), { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
  }

  /** The deltas among `deltas` not stored yet (one `$in` read of their ids). */
  async notStored(deltas: EventDelta[]): Promise<EventDelta[]> {
    if (!deltas.length) return [];
    const stored = new Set((await this.deltas.find({ _id: { $in: deltas.map((d) => d.id) } }, { _id: 1 }).lean<Array<{ _id: string }>>().exec()).map((d) => d._id));
    return deltas.filter((d) => !stored.has(d.id));
  }

  /**
   * The deltas of several (province, day) pairs, by pair (`<province>|<day>`): one `_id` prefix range a day
   * (`<province>:<day>:` ≤ id < `<province>:<day>;`), which MongoDB and our FerretDB build serve from the `_id` index
   * (FerretDB scans the whole collection for any other filter).
   */
  async deltasOfDays(days: Array<{ provinceCode: string; dayVn: string }>): Promise<Map<string, ReportDelta[]>> {
    const byDay = new Map<string, ReportDelta[]>(days.map((d) => [`${d.provinceCode}|${d.dayVn}`, []]));
    const keys = [...byDay.keys()];
    // A few reads in flight: the database decodes one day's deltas while this process folds another's.
    const next = async (): Promise<void> => {
      for (let key = keys.shift(); key !== undefined; key = keys.shift()) {
        const [provinceCode, dayVn] = key.split('|') as [string, string];
        const prefix = `${provinceCode}:${dayVn}`;
        byDay.get(key)?.push(...(await this.deltas.find({ _id: { $gte: `${prefix}:`, $lt: `${prefix};` } }).lean<ReportDelta[]>().exec()));
      }
    };
    await Promise.all(Array.from({ length: DAY_READS_IN_FLIGHT }, next));
    return byDay;
  }

  /** Rollups by `_id`: one `_id: { $in }` read (MongoDB's `_id` index; our FerretDB build pushes it down too). */
  rollupsByIds(ids: string[]): Promise<ReportRollup[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.rollups.find({ _id: { $in: ids } }).lean<ReportRollup[]>().exec();
  }

  /**
   * Replaces rollups, or removes those with nothing left in them (null), in a few round trips (bulkReplace): a fold
   * run twice writes the same documents.
   */
  async putRollups(items: Array<{ id: string; doc: ReportRollup | null }>): Promise<void> {
    await bulkReplace(this.rollups, items);
  }

  /** Top sums by `_id` (as rollupsByIds). */
  topsByIds(ids: string[]): Promise<ReportTop[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.tops.find({ _id: { $in: ids } }).lean<ReportTop[]>().exec();
  }

  /** Replaces top sums, or removes the empty ones (null), as putRollups. */
  async putTops(items: Array<{ id: string; doc: ReportTop | null }>): Promise<void> {
    await bulkReplace(this.tops, items);
  }

  topsOf(filter: { provinceCode?: string; level?: RollupLevel }): Promise<ReportTop[]> {
    return this.tops.find(filter).lean<ReportTop[]>().exec();
  }

  /** Every (province, day) with deltas (the rebuild folds them all). */
  async daysWithDeltas(): Promise<Array<{ provinceCode: string; dayVn: string }>> {
    const rows = await this.deltas.aggregate<{ _id: { p: string; d: string } }>([{ $group: { _id: { p: '$provinceCode', d: '$dayVn' }, n: { $sum: 1 } } }]).exec();
    return rows.map((r) => ({ provinceCode: r._id.p, dayVn: r._id.d }));
  }

  rollupsOf(filter: { provinceCode?: string }): Promise<ReportRollup[]> {
    return this.rollups.find(filter).lean<ReportRollup[]>().exec();
  }

  async clear(filter: { provinceCode?: string }): Promise<void> {
    await this.deltas.deleteMany(filter).exec();
    await this.rollups.deleteMany(filter).exec();
    await this.tops.deleteMany(filter).exec();
  }
}

@Injectable()
export class ReportStoreRepository {
  readonly live: ReportStore;
  readonly shadow: ReportStore;

  constructor(
    @InjectModel(ReportDelta.name) deltas: Model<ReportDelta>,
    @InjectModel(ReportRollup.name) rollups: Model<ReportRollup>,
    @InjectModel(SHADOW_DELTA_MODEL) shadowDeltas: Model<ReportDelta>,
    @InjectModel(SHADOW_ROLLUP_MODEL) shadowRollups: Model<ReportRollup>,
    @InjectModel(ReportTop.name) tops: Model<ReportTop>,
    @InjectModel(SHADOW_TOP_MODEL) shadowTops: Model<ReportTop>,
  ) {
    this.live = new ReportStore(deltas, rollups, tops);
    this.shadow = new ReportStore(shadowDeltas, shadowRollups, shadowTops);
  }

  /** The database these collections live in (reporting's Redis keys are per database). */
  get dbName(): string {
    return this.live.deltas.db.name;
  }
}
