import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { ScanVerdictKind, SuspicionReason } from '@nss/contracts';
import { DocumentLocks, unavailableDependency } from '@nss/server-core';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import type { TraceEvent } from '../events/trace-event.schema';
import { ScanLedger } from './scan-ledger';
import { ScanPathRepository } from './scan-path.repository';
import { StampScansRepository } from './stamp-scans.repository';
import { UncountedScansRepository, type UncountedScanRow } from './uncounted-scans.repository';

/** Where a found stamp belongs: copied onto its scan records and events (reports group by these). */
export interface StampPlace {
  serial: string;
  productId: string;
  sellerId: string;
  provinceCode: string;
  communeCode: string;
  lotId: string;
  batchId: string;
}

/** A scan as it waits in the outbox. */
export interface PendingScan {
  k: 'scan';
  id: string;
  serial: string;
  /** ms since the epoch. */
  at: number;
  userAgent: string;
  clientHash: string;
  verdict: ScanVerdictKind;
  reasons: SuspicionReason[];
  stamp: StampPlace | null;
}

export interface PendingPosition {
  k: 'position';
  id: string;
  lat: number;
  lng: number;
  scannerProvinceCode: string | null;
}

export interface PendingSuspicion {
  k: 'suspicious';
  reason: SuspicionReason;
  at: number;
  scanCount: number;
  stamp: StampPlace;
}

export type PendingRecord = PendingScan | PendingPosition | PendingSuspicion;

const BATCH = 500;
const INTERVAL_MS = 250;
/**
 * Stamp documents updated per timer round (≤ 40/s). FerretDB runs one operation at a time and an update costs many
 * lookups, so copying every scanned stamp at once would take the database from the scan page under load; Redis holds
 * the counters meanwhile (the stamps wait in the dirty set, and copying catches up when scans slow down).
 */
const COPIES_PER_ROUND = 10;
const COPY_BATCH = 200;

/**
 * Stores what the scan path counted in Redis (ScanLedger): scan records (`stamp_scans`), `stamp.scanned` and
 * `stamp.suspicious` events (unique keys, so a record delivered twice is stored once), positions, and the counters
 * of stamps that were scanned, copied onto their documents under the stamp's lock. Runs every 250 ms in each worker
 * process (ScanWriterSchedule), off the API's hot path; a Redis lease makes one process at a time do it per database.
 * A record leaves the outbox only after it was stored, so a crash in between stores it again (and the duplicate is
 * skipped).
 */
@Injectable()
export class ScanWriter {
  private readonly logger = new Logger(ScanWriter.name);
  private chain: Promise<void> = Promise.resolve();
  /** A flush is running (the schedule skips its round then). */
  busy = false;
  /** The dependency whose absence was logged already (rounds run every 250 ms: one line per outage, not four a second). */
  private unavailable: string | null = null;

  constructor(
    private readonly ledger: ScanLedger,
    private readonly scans: StampScansRepository,
    private readonly path: ScanPathRepository,
    private readonly locks: DocumentLocks,
    private readonly uncounted: UncountedScansRepository,
  ) {}

  /** Waits for the flush in progress, whatever it ends with. */
  settled(): Promise<void> {
    return this.chain.catch(() => undefined);
  }

  /** Stores everything waiting now (after any flush in progress) and copies up to `copies` stamps' counters. */
  flush(copies = Number.POSITIVE_INFINITY): Promise<void> {
    const run = this.chain.then(() => this.flushOnce(copies));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(copies: number): Promise<void> {
    const owner = randomUUID();
    this.busy = true;
    try {
      if (!(await this.ledger.tryFlushLock(owner, 60_000))) return;
      try {
        for (let round = 0; round < 40; round++) {
          const records = (await this.ledger.peek(BATCH)) as PendingRecord[];
          if (records.length === 0) break;
          await this.store(records);
          await this.ledger.drop(records.length);
        }
        for (let round = 0; round < 40 && (await this.countUncounted()) > 0; round++);
        for (let left = copies; left > 0; ) {
          const copied = await this.copyCounters(Math.min(left, COPY_BATCH));
          if (copied === 0) break;
          left -= copied;
        }
      } finally {
        await this.ledger.releaseFlushLock(owner).catch(() => undefined);
      }
      this.unavailable = null;
    } catch (error) {
      const dependency = unavailableDependency(error);
      if (dependency === null || dependency !== this.unavailable) this.logger.error(`scan outbox not stored (kept for the next round): ${String(error)}`);
      this.unavailable = dependency;
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Stores records straight into the database, now: the scan path while Redis is away (no outbox then). A record
   * stored before is skipped, so the same record may also come through the outbox or `countUncounted`.
   */
  storeNow(records: PendingRecord[]): Promise<void> {
    return this.store(records);
  }

  /**
   * Counts scans recorded in the database while Redis was away (UncountedScansRepository) into their stamps' Redis
   * counters, up to BATCH of them; answers how many were handled. Per stamp: its records are stored again (skipped if
   * there: the API may have stopped between its two writes), the scans are added to the counters by one script that
   * remembers the scan ids it added (a retry after a crash before the rows are removed adds nothing), the stamp is marked
   * for the copy onto its document, and the rows are removed. The API runs this when Redis comes back, the worker every
   * round (for an API that stopped before it could): two at once add each scan once too.
   */
  async countUncounted(): Promise<number> {
    const rows = await this.uncounted.some(BATCH);
    const bySerial = new Map<string, UncountedScanRow[]>();
    for (const row of rows) bySerial.set(row.serial, [...(bySerial.get(row.serial) ?? []), row]);
    for (const [serial, scans] of bySerial) {
      await this.store(scans.map((s) => s.record));
      const doc = await this.path.stampBySerial(serial);
      if (doc) {
        const entries = scans.map((s) => ({ scanId: s.scanId, at: new Date(s.at), clientHash: s.clientHash, lat: null, lng: null }));
        await this.ledger.fold(serial, entries, { ...doc, reasons: doc.suspicionReasons ?? [] });
        await this.ledger.markDirty([serial]);
      }
      await this.uncounted.remove(scans.map((s) => s._id));
    }
    return rows.length;
  }

  private async store(records: PendingRecord[]): Promise<void> {
    const scans = records.filter((r): r is PendingScan => r.k === 'scan');
    await this.scans.insertRecords(
      scans.map((s) => ({
        _id: new Types.ObjectId(s.id),
        serial: s.serial,
        stampFound: s.stamp !== null,
        at: new Date(s.at),
        dayVn: vnDayKey(new Date(s.at)),
        userAgent: s.userAgent,
        clientHash: s.clientHash,
        verdict: s.verdict,
        reasons: s.reasons,
        productId: s.stamp?.productId ?? null,
        sellerId: s.stamp?.sellerId ?? null,
        provinceCode: s.stamp?.provinceCode ?? null,
        communeCode: s.stamp?.communeCode ?? null,
      })),
    );
    const events: Array<Partial<TraceEvent> & { key: string }> = [];
    for (const s of scans) {
      if (s.stamp) events.push(event(`stamp.scanned:${s.id}`, 'stamp.scanned', s.at, s.stamp, { verdict: s.verdict }));
    }
    for (const r of records) {
      if (r.k === 'suspicious') {
        events.push(event(`stamp.suspicious:${r.stamp.serial}:${r.reason}`, 'stamp.suspicious', r.at, r.stamp, { reason: r.reason, scanCount: r.scanCount }));
      }
    }
    await this.path.insertEvents(events);
    for (const r of records) {
      if (r.k === 'position') await this.scans.setPosition(r.id, { lat: r.lat, lng: r.lng, scannerProvinceCode: r.scannerProvinceCode });
    }
  }

  /** Copies the counters of up to `n` scanned stamps onto their documents (what Redis starts from when it lost them). */
  private async copyCounters(n: number): Promise<number> {
    const serials = await this.ledger.popDirty(n);
    const failed: string[] = [];
    for (const serial of serials) {
      try {
        const state = await this.ledger.state(serial);
        if (!state) continue;
        const lastScans = state.recent.map(({ at, clientHash, lat, lng }) => ({ at, clientHash, lat, lng }));
        const counters = { scanCount: state.scanCount, firstScanAt: state.firstScanAt, lastScans, suspicionReasons: state.reasons };
        await this.locks.run('stamp', serial, (lease) => this.path.copyCounters(serial, counters, lease.fence), { waitMs: 1_000 });
      } catch (error) {
        failed.push(serial);
        this.logger.warn(`scan counters of a stamp not copied yet: ${String(error)}`);
      }
    }
    await this.ledger.markDirty(failed);
    return serials.length - failed.length;
  }
}

function event(key: string, type: TraceEvent['type'], atMs: number, stamp: StampPlace, data: Record<string, unknown>): Partial<TraceEvent> & { key: string } {
  const at = new Date(atMs);
  return {
    _id: new Types.ObjectId(),
    key,
    type,
    at,
    dayVn: vnDayKey(at),
    monthVn: vnMonthKey(at),
    provinceCode: stamp.provinceCode,
    communeCode: stamp.communeCode,
    sellerId: stamp.sellerId,
    productId: stamp.productId,
    lotId: stamp.lotId,
    batchId: stamp.batchId,
    serial: stamp.serial,
    count: 1,
    data,
  };
}

/**
 * The worker runs the scan writer every 250 ms: storing records costs more CPU than answering the scans did, and the
 * API answers scans only (measured with bench:scan: ~300 µs of the API's CPU a scan when it stored them itself).
 */
@Injectable()
export class ScanWriterSchedule implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly writer: ScanWriter) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      if (!this.writer.busy) void this.writer.flush(COPIES_PER_ROUND).catch(() => undefined);
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.writer.settled();
  }
}
