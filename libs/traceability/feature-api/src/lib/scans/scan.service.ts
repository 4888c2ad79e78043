import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { ScanPositionRequest, ScanVerdict as ScanVerdictView, SuspicionReason, TraceRecord } from '@nss/contracts';
import { APP_CONFIG, AppConfig, AppError, RateLimiters, unavailableDependency } from '@nss/server-core';
import { parseSerial, parseStampPath } from '@nss/trace-codes';
import { vnDayKey } from '@nss/util-vn';
import { ScanClientHasher } from './scan-client-hasher';
import { ScanLedger, type RecentScanEntry, type StampScanState } from './scan-ledger';
import { StampMirror, type MirroredStamp } from '../stamps/stamp-mirror';
import { ScanPathRepository, type StampOnScan } from './scan-path.repository';
import { ScanWriter, type PendingRecord, type PendingScan, type StampPlace } from './scan-writer';
import { UncountedScansRepository } from './uncounted-scans.repository';
import { nearestProvinceCode } from './scanner-province';
import { TraceRecords, type LotRecord } from './trace-records';
import { roundPosition, scanVerdict, type Verdict, type VerdictRules } from './verdict';

/** Who scanned: the address only to hash it (never kept), the user agent as sent. */
export interface Scanner {
  address: string | undefined;
  userAgent: string | undefined;
}

/** A stamp found by a scan: counted already (`state`) when it came from the mirror with the count. */
interface Located {
  stamp: MirroredStamp;
  state: StampScanState | null;
  /** Read from the database (with the mirror's version read before): its counters seed Redis's. */
  doc?: StampOnScan;
  version?: string;
}

/** What a scan answers: the record with its verdict, or not found. */
export type ScanOutcome = { found: true; record: TraceRecord } | { found: false };

/** A not-found answer costs this many points of the per-client budget (1 for the request, the rest as penalty). */
export const NOT_FOUND_COST = 5;
/** A position may be added to a scan this long after it. */
const POSITION_WINDOW_MS = 30 * 60_000;

const SCAN_WHAT: [string, string] = ['lượt quét', 'Scan'];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The scan path: `GET /t/:serial`, the GS1 Digital Link path and `GET /api/trace/:serial` all come here. Per client
 * (keyed hash of its address): TRACE_SCAN_RATE requests a minute, a not-found answer costing five, so at most a dozen
 * guesses a minute against 64-bit serials. A serial with a wrong check character (or a Digital Link path with a wrong
 * GTIN check digit) is answered without a database read. The count, verdict and record of a found stamp cost one
 * stamp lookup by `_id`, one Redis script and a cached lot record; the scan record waits in the outbox (ScanWriter).
 */
@Injectable()
export class ScanService {
  private readonly logger = new Logger(ScanService.name);
  private readonly limiter: RateLimiterRedis;
  private readonly rules: VerdictRules;
  /** This process recorded scans in the database while Redis was away that are not counted there yet. */
  private recordedUncounted = false;
  /** Counting them once Redis is back: scans wait for it, so none is counted before the ones of the outage. */
  private counting: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limiters: RateLimiters,
    private readonly hasher: ScanClientHasher,
    private readonly path: ScanPathRepository,
    private readonly records: TraceRecords,
    private readonly ledger: ScanLedger,
    private readonly mirror: StampMirror,
    private readonly writer: ScanWriter,
    private readonly uncounted: UncountedScansRepository,
  ) {
    this.limiter = limiters.limiter('nss:rl:trace-scan', { points: config.TRACE_SCAN_RATE, seconds: 60 }, { insured: true });
    this.rules = { maxScans: config.TRACE_SUSPICIOUS_SCANS, maxKm: config.TRACE_SUSPICIOUS_KM, windowHours: config.TRACE_SUSPICIOUS_HOURS };
    ledger.whenReady(() => this.countUncounted());
  }

  /**
   * Answers a scan of `urlPath` (`/t/<serial>` or `/01/<gtin>/10/<lot>/21/<serial>`, as requested) or of a bare serial
   * (`/api/trace/:serial`). `count: false` (HEAD) answers without counting a scan. While Redis is away the scan is
   * answered from the database instead (`scanWithoutRedis`).
   */
  async scan(target: { urlPath: string } | { serial: string }, scanner: Scanner, count = true): Promise<ScanOutcome> {
    const clientHash = this.hasher.hash(scanner.address);
    // Insured: while Redis is away the limit is counted in this process's memory (RateLimiters.limiter).
    await this.limiters.consume(this.limiter, clientHash);
    const wanted = 'serial' in target ? bareSerial(target.serial) : stampPath(target.urlPath);
    if (!wanted) return this.notFound(clientHash);
    // Scans this process recorded during an outage are counted in Redis before any new one is (see `countUncounted`).
    if (this.counting) await this.counting;
    const entry: RecentScanEntry = { scanId: new Types.ObjectId().toHexString(), at: new Date(), clientHash, lat: null, lng: null };
    const request: ScanRequest = { wanted, scanner, clientHash, entry, count };
    if (!this.ledger.available) return this.scanWithoutRedis(request);
    try {
      return await this.scanWithRedis(request);
    } catch (error) {
      // Redis went away mid-scan. Whatever of this scan reached Redis is not counted twice: its scan id is among the
      // stamp's recent scans there, which the fold skips, and its record has the same id in the database.
      if (unavailableDependency(error) !== 'redis') throw error;
      return this.scanWithoutRedis(request);
    }
  }

  private async scanWithRedis({ wanted, scanner, clientHash, entry, count }: ScanRequest): Promise<ScanOutcome> {
    const now = entry.at;
    // A Digital Link names the product and lot: it is checked before the scan is counted (a wrong one is no scan of it).
    const found = await this.locate(wanted.serial, count && wanted.gtin === null ? entry : null);
    const lot = found ? await this.records.forStamp(found.stamp) : null;
    if (!found || !lot || !sameLot(wanted, lot)) {
      if (count) await this.ledger.enqueue([this.scanRecord(entry.scanId, now, wanted.serial, scanner, clientHash, null, 'not_found', [])]);
      return this.notFound(clientHash);
    }
    const state = found.state ?? (count ? await this.countLocated(found, entry) : await this.currentState(found));
    if (!state) return this.notFound(clientHash);
    const { stamp } = found;
    const verdict = scanVerdict({ status: stamp.status, ...state, knownReasons: state.reasons }, this.rules);
    if (count) {
      const place = placeOf(stamp, lot);
      const records: PendingRecord[] = [this.scanRecord(entry.scanId, now, stamp._id, scanner, clientHash, place, verdict.kind, verdict.reasons)];
      records.push(...(await this.suspicions(place, verdict, state.reasons)));
      await this.ledger.enqueue(records, [stamp._id]);
    }
    return { found: true, record: recordView(stamp, lot, entry.scanId, verdict, false) };
  }

  /**
   * A scan while Redis is away, from the database and the in-memory lot records; a 503 when the database is away too
   * (the lot record may be in memory, the stamp is not). The scan is recorded exactly once:
   * - a found stamp's scan is first written to `stamp_scans_uncounted` (`<serial>:<scanId>`, a duplicate key if
   *   retried), then stored as the outbox would have (`stamp_scans`, `stamp.scanned`; unique ids and keys, so storing
   *   again is a no-op). When Redis is back, ScanWriter.countUncounted stores it again (in case the second write was
   *   lost), adds it to the stamp's Redis counters by a script that remembers the scan ids it added, and removes the
   *   row; a crash anywhere in between repeats a step that then changes nothing. No scan lives only in memory, so a
   *   process stopped during the outage loses none, and none is counted in Redis twice.
   * - a not-found scan has nothing to count: it is stored at once.
   * What degrades: the verdict is made from the stamp document's copy of the counters (which lags Redis by the scans
   * not yet copied when Redis went away) plus the scans recorded during the outage, so the count is a lower bound and a
   * first scan cannot be told from a later one. The verdict says so (`partial`): the page says "at least N scans" and
   * never "first scan"; "suspicious" is said only when the lower bound already passes K, a far-apart pair is among the
   * copied scans, or a reason was copied (a reason found in the last moments before the outage may be missing). The
   * consented position (POST /api/trace/:serial/position) needs Redis: 503 meanwhile.
   */
  private async scanWithoutRedis({ wanted, scanner, clientHash, entry, count }: ScanRequest): Promise<ScanOutcome> {
    const doc = await this.path.stampBySerial(wanted.serial);
    const stamp = doc ? stampOf(doc) : null;
    const lot = stamp ? await this.records.forStamp(stamp) : null;
    if (!doc || !stamp || !lot || !sameLot(wanted, lot)) {
      if (count) await this.writer.storeNow([this.scanRecord(entry.scanId, entry.at, wanted.serial, scanner, clientHash, null, 'not_found', [])]);
      return this.notFound(clientHash);
    }
    const uncounted = await this.uncounted.ofStamp(stamp._id);
    const outage = [...uncounted.map((u) => ({ at: new Date(u.at), lat: null, lng: null })), ...(count ? [entry] : [])];
    const copied = (doc.lastScans ?? []).map((s) => ({ at: new Date(s.at), lat: s.lat ?? null, lng: s.lng ?? null }));
    const known = doc.suspicionReasons ?? [];
    const firstScanAt = doc.firstScanAt ? new Date(doc.firstScanAt) : (outage[0]?.at ?? null);
    const verdict = scanVerdict(
      { status: stamp.status, scanCount: doc.scanCount + outage.length, firstScanAt, recent: [...copied, ...outage], knownReasons: known },
      this.rules,
    );
    if (count) {
      const place = placeOf(stamp, lot);
      const record = this.scanRecord(entry.scanId, entry.at, stamp._id, scanner, clientHash, place, verdict.kind, verdict.reasons);
      await this.uncounted.add({ ...record, stamp: place });
      this.recordedUncounted = true;
      const fresh = verdict.kind === 'suspicious' ? verdict.reasons.filter((r) => !known.includes(r)) : [];
      // A suspicion event's key names the stamp and reason: reported once, whoever stores it first.
      const suspicions = fresh.map((reason) => ({ k: 'suspicious' as const, reason, at: entry.at.getTime(), scanCount: verdict.scanCount, stamp: place }));
      await this.writer.storeNow([record, ...suspicions]);
      // Redis came back while this scan was being recorded (after the count that its return started had read the rows).
      if (this.ledger.available) this.countUncounted();
    }
    return { found: true, record: recordView(stamp, lot, entry.scanId, verdict, true) };
  }

  /** Once Redis is back: counts there what this process recorded meanwhile (the worker does it too, every round). */
  private countUncounted(): void {
    if (!this.recordedUncounted || this.counting) return;
    this.recordedUncounted = false;
    const counting = (async () => {
      for (let round = 0; round < 40 && (await this.writer.countUncounted()) > 0; round++);
    })()
      .catch((error: unknown) => {
        this.recordedUncounted = true;
        this.logger.warn(`scans recorded while Redis was away not counted yet (the worker retries): ${String(error)}`);
      })
      .finally(() => {
        if (this.counting === counting) this.counting = null;
      });
    this.counting = counting;
  }

  /**
   * The stamp from the mirror (counting `countNow` in the same round trip when given), else from the database (then
   * remembered by the mirror once the scan is counted). Null when no such stamp exists.
   */
  private async locate(serial: string, countNow: RecentScanEntry | null): Promise<Located | null> {
    if (countNow) {
      const counted = await this.ledger.countMirrored(serial, countNow);
      if (counted) return { stamp: counted.stamp, state: counted.state };
    } else {
      const mirrored = await this.mirror.get(serial);
      if (mirrored) return { stamp: mirrored, state: null };
    }
    const version = await this.mirror.version();
    const doc = await this.path.stampBySerial(serial);
    return doc ? { stamp: stampOf(doc), state: null, doc, version } : null;
  }

  /** Counts the scan of a located stamp that was not counted yet; null when it vanished meanwhile (cancelled batch). */
  private async countLocated(found: Located, entry: RecentScanEntry): Promise<StampScanState | null> {
    if (!found.doc) {
      const counted = await this.ledger.countMirrored(found.stamp._id, entry);
      if (counted) return counted.state;
      const doc = await this.path.stampBySerial(found.stamp._id);
      return doc ? this.ledger.count(doc._id, entry, seedOf(doc)) : null;
    }
    const state = await this.ledger.count(found.doc._id, entry, seedOf(found.doc));
    if (found.version !== undefined) await this.mirror.remember(found.stamp, found.version);
    return state;
  }

  /** The counters of a stamp without counting (HEAD). */
  private async currentState(found: Located): Promise<StampScanState> {
    const zero: StampScanState = { scanCount: 0, firstScanAt: null, recent: [], reasons: [] };
    const state = await this.ledger.state(found.stamp._id);
    if (state) return state;
    return found.doc ? { ...zero, scanCount: found.doc.scanCount, firstScanAt: found.doc.firstScanAt } : zero;
  }

  /** `POST /api/trace/:serial/position`: the scanner's consented position, on its own recent scan of that stamp. */
  async position(rawSerial: string, body: ScanPositionRequest, scanner: Scanner): Promise<{ verdict: ScanVerdictView }> {
    const clientHash = this.hasher.hash(scanner.address);
    await this.limiters.consume(this.limiter, clientHash);
    const serial = parseSerial(rawSerial);
    if (!serial) {
      await this.notFound(clientHash);
      throw AppError.notFound(...SCAN_WHAT);
    }
    const lat = roundPosition(body.lat);
    const lng = roundPosition(body.lng);
    const notBefore = new Date(Date.now() - POSITION_WINDOW_MS);
    const state = await this.ledger.position(serial, { scanId: body.scanId, clientHash, lat, lng, notBefore });
    if (state === 'gone') throw AppError.notFound(...SCAN_WHAT);
    if (state === 'set') throw AppError.conflict('POSITION_ALREADY_SET', 'Lượt quét này đã có vị trí', 'This scan has a position already');
    const found = await this.locate(serial, null);
    const lot = found ? await this.records.forStamp(found.stamp) : null;
    if (!found || !lot) throw AppError.notFound(...SCAN_WHAT);
    const verdict = scanVerdict({ status: found.stamp.status, ...state, knownReasons: state.reasons }, this.rules);
    const place = placeOf(found.stamp, lot);
    const records: PendingRecord[] = [{ k: 'position', id: body.scanId, lat, lng, scannerProvinceCode: nearestProvinceCode(lat, lng) }];
    records.push(...(await this.suspicions(place, verdict, state.reasons)));
    await this.ledger.enqueue(records, [serial]);
    return { verdict: verdictView(verdict, false) };
  }

  /** Not found costs the client NOT_FOUND_COST points in all (the request's own point is spent already). */
  private async notFound(clientHash: string): Promise<{ found: false }> {
    await this.limiter.penalty(clientHash, NOT_FOUND_COST - 1).catch(() => undefined);
    return { found: false };
  }

  /** Suspicion reasons seen for the first time: kept for good and reported once (`stamp.suspicious`). */
  private async suspicions(place: StampPlace, verdict: Verdict, known: readonly SuspicionReason[]): Promise<PendingRecord[]> {
    const fresh = verdict.reasons.filter((r) => !known.includes(r));
    if (verdict.kind !== 'suspicious' || fresh.length === 0) return [];
    const kept = await this.ledger.keepReasons(place.serial, fresh);
    return kept.map((reason) => ({ k: 'suspicious' as const, reason, at: Date.now(), scanCount: verdict.scanCount, stamp: place }));
  }

  private scanRecord(id: string, at: Date, serial: string, scanner: Scanner, clientHash: string, stamp: StampPlace | null, verdict: Verdict['kind'], reasons: SuspicionReason[]): PendingScan {
    return {
      k: 'scan',
      id,
      serial: serial.replace(CONTROL, '').slice(0, 40),
      at: at.getTime(),
      userAgent: (scanner.userAgent ?? '').replace(CONTROL, '').slice(0, 200),
      clientHash,
      verdict,
      reasons,
      stamp,
    };
  }
}

interface WantedStamp {
  serial: string;
  gtin: string | null;
  lotCode: string | null;
}

/** One scan on its way through `scan`. */
interface ScanRequest {
  wanted: WantedStamp;
  scanner: Scanner;
  clientHash: string;
  entry: RecentScanEntry;
  count: boolean;
}

/** A Digital Link's GTIN and lot are the stamp's (a bare serial names no lot). */
function sameLot(wanted: WantedStamp, lot: LotRecord): boolean {
  return wanted.gtin === null || (wanted.gtin === lot.gtin && wanted.lotCode === lot.lotCode);
}

function stampOf(doc: StampOnScan): MirroredStamp {
  return { _id: doc._id, batchId: doc.batchId, lotId: doc.lotId, status: doc.status, soldAt: doc.soldAt };
}

/** What Redis starts a stamp's counters from when it has none: the document's copy, reasons included. */
function seedOf(doc: StampOnScan): StampOnScan & { reasons: SuspicionReason[] } {
  return { ...doc, reasons: doc.suspicionReasons ?? [] };
}

function bareSerial(input: string): WantedStamp | null {
  const serial = parseSerial(input);
  return serial ? { serial, gtin: null, lotCode: null } : null;
}

/** The stamp a requested path names; null for a malformed path (bad check character or digit, bad escapes). */
function stampPath(urlPath: string): WantedStamp | null {
  try {
    return parseStampPath(urlPath);
  } catch {
    return null;
  }
}

function placeOf(stamp: MirroredStamp, lot: LotRecord): StampPlace {
  return { serial: stamp._id, ...lot.place, lotId: stamp.lotId, batchId: stamp.batchId };
}

function verdictView(v: Verdict, partial: boolean): ScanVerdictView {
  return { kind: v.kind, reasons: v.reasons, scanCount: v.scanCount, firstScanAt: v.firstScanAt ? v.firstScanAt.toISOString() : null, partial };
}

/** The GS1 element string of the stamp: `(01)<gtin14>(10)<lot>(21)<serial>`, without GTIN `(10)<lot>(21)<serial>`. */
export function traceCodeOf(gtin: string | null, lotCode: string, serial: string): string {
  return `${gtin ? `(01)${gtin}` : ''}(10)${lotCode}(21)${serial}`;
}

function recordView(stamp: MirroredStamp, lot: LotRecord, scanId: string, verdict: Verdict, partial: boolean): TraceRecord {
  return {
    serial: stamp._id,
    traceCode: traceCodeOf(lot.gtin, lot.lotCode, stamp._id),
    scanId,
    verdict: verdictView(verdict, partial),
    product: { ...lot.product, gtin: lot.gtin },
    producer: lot.producer,
    lot: lot.lot,
    diary: lot.diary,
    soldOn: stamp.soldAt ? vnDayKey(new Date(stamp.soldAt)) : null,
  };
}
