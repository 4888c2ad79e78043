import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { AppError, DocumentLocks, REDIS, type LockLease } from '@nss/server-core';
import { deltaOf } from '../sources/event-deltas';
import { ReportSourcesRepository } from '../sources/report-sources.repository';
import { REPORT_SOURCE_NAMES, type ReportSource } from '../sources/source-events';
import { foldDays } from '../store/rollup-fold';
import { ReportStoreRepository } from '../store/report-store.repository';
import { FunnelProjection } from './funnel-projection';

/**
 * Events read per query (an `_id` range with sort and limit: MongoDB's `_id` index, and our FerretDB build's,
 * tools/infra/ferretdb-id-lookup.patch). The bench's worker once waited forever after a page of seller events with
 * 5,000: FerretDB 1.24 hangs on an update command of more than 100 existing documents (see bulkReplace), which the
 * funnel's bulk writes now stay under.
 */
export const INGEST_BATCH = 500;
/**
 * Each run re-reads the last two minutes of events before its cursor: an event whose id was made (in the API process)
 * before a later one was inserted can land behind the cursor. Re-reading is harmless (deltas are keyed by event).
 */
export const INGEST_OVERLAP_S = 120;

/**
 * Redis keys of one database's ingest (cursors and dirty marks only mean something for the database they were read
 * from; several databases may share a Redis, as the tests do): `nss:report:<db>:cursor:<source>`, and
 * `nss:report:<db>:dirty`, members `<province>|<day>` whose day rollup must be recomputed (removed only after the
 * fold has written). The ingest, the fold and the rebuild of a database run one at a time under its lock.
 */
export function reportRedisKeys(dbName: string) {
  return {
    prefix: `nss:report:${dbName}:`,
    cursor: (source: ReportSource) => `nss:report:${dbName}:cursor:${source}`,
    dirty: `nss:report:${dbName}:dirty`,
    lock: ['report-ingest', dbName] as const,
  };
}

export interface IngestOutcome {
  events: number;
  /** Deltas inserted by this run (events read again add none). */
  deltas: number;
  folded: number;
}

/**
 * The reporting consumer: reads each source's new events, inserts one delta per event into `report_deltas`
 * (`_id` = `<province>:<dayVn>:<source>:<event key>`, a duplicate = already applied), projects the funnel, marks the
 * (province, day) dirty in Redis, advances the cursor, and then folds every dirty day by recomputing it. A worker
 * killed anywhere loses nothing: a day is marked before its new deltas are inserted, the cursor moves only after both,
 * and a dirty mark is removed only after its rollups are.
 */
@Injectable()
export class ReportIngest {
  private readonly logger = new Logger(ReportIngest.name);

  constructor(
    private readonly sources: ReportSourcesRepository,
    private readonly store: ReportStoreRepository,
    private readonly funnel: FunnelProjection,
    private readonly locks: DocumentLocks,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Read when used: the connection knows its database once it is open. */
  private get keys(): ReturnType<typeof reportRedisKeys> {
    return reportRedisKeys(this.store.dbName);
  }

  /** One run; null when another worker is running one (it will read what this one would have). */
  async runOnce(): Promise<IngestOutcome | null> {
    return this.exclusively((lease) => this.ingestAndFold(lease));
  }

  /** Runs `work` under the ingest lock (the rebuild uses it too); null when it is busy. */
  async exclusively<T>(work: (lease: LockLease) => Promise<T>, waitMs = 0): Promise<T | null> {
    try {
      return await this.locks.run(this.keys.lock[0], this.keys.lock[1], work, { ttlMs: 30_000, waitMs });
    } catch (error) {
      if (error instanceof AppError && error.getStatus() === 409 && (error.getResponse() as { code?: string }).code === 'BUSY') return null;
      throw error;
    }
  }

  private async ingestAndFold(lease: LockLease): Promise<IngestOutcome> {
    const outcome: IngestOutcome = { events: 0, deltas: 0, folded: 0 };
    for (const source of REPORT_SOURCE_NAMES) await this.ingestSource(source, lease, outcome);
    outcome.folded = await this.foldDirty(lease);
    if (outcome.events) this.logger.log(`report ingest: ${outcome.events} events, ${outcome.deltas} deltas, ${outcome.folded} days folded`);
    return outcome;
  }

  /**
   * Reads the source's events after its cursor, a page at a time in `_id` order, and moves the cursor after each page.
   * Every read and write of a page is by `_id` (range, `$in`, equality), which FerretDB serves from its index with our
   * patch, so a page costs the same whatever the size of the collections.
   */
  private async ingestSource(source: ReportSource, lease: LockLease, outcome: IngestOutcome): Promise<void> {
    const stored = await this.redis.get(this.keys.cursor(source));
    const cursor = stored && Types.ObjectId.isValid(stored) ? new Types.ObjectId(stored) : null;
    const after = cursor ? Types.ObjectId.createFromTime(Math.max(0, cursor.getTimestamp().getTime() / 1000 - INGEST_OVERLAP_S)) : null;
    let page = this.sources.after(source, after, INGEST_BATCH);
    for (;;) {
      const events = await page;
      if (!events.length) return;
      const last = events[events.length - 1]?._id as Types.ObjectId;
      // The next page is read while this one is applied (the cursor still moves only after it is).
      page = events.length < INGEST_BATCH ? Promise.resolve([]) : this.sources.after(source, last, INGEST_BATCH);
      // Handled where it is awaited; this keeps a failure of the read ahead from going unhandled if this page fails.
      page.catch(() => undefined);
      // Only the days of deltas not stored yet are marked, and before they are inserted: the overlap's re-reads (and a
      // replay) mark nothing and fold nothing again, while a run killed between the mark and the insert leaves the
      // mark for the next one, which finds those deltas still new.
      const deltas = await this.store.live.notStored(events.flatMap((event) => deltaOf(source, event) ?? []));
      const dirty = [...new Set(deltas.map((d) => `${d.provinceCode}|${d.dayVn}`))];
      await lease.assertHeld();
      if (dirty.length) await this.redis.sadd(this.keys.dirty, ...dirty);
      await this.store.live.insertDeltas(deltas);
      await this.funnel.apply(source, events);
      // Never backwards (the overlap re-reads events behind the cursor); same-length hex ids compare as numbers.
      if (last.toHexString() > ((await this.redis.get(this.keys.cursor(source))) ?? '')) await this.redis.set(this.keys.cursor(source), last.toHexString());
      outcome.events += events.length;
      outcome.deltas += deltas.length;
      if (events.length < INGEST_BATCH) return;
    }
  }

  private async foldDirty(lease: LockLease): Promise<number> {
    const members = await this.redis.smembers(this.keys.dirty);
    if (!members.length) return 0;
    const days = members.flatMap((m) => {
      const [provinceCode, dayVn] = m.split('|');
      return provinceCode && dayVn ? [{ provinceCode, dayVn }] : [];
    });
    await lease.assertHeld();
    await foldDays(this.store.live, days);
    await this.redis.srem(this.keys.dirty, ...members);
    return days.length;
  }
}
