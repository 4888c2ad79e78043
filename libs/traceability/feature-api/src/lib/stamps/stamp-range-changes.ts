import { Injectable } from '@nestjs/common';
import type { PendingStampChange } from '@nss/contracts';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import { type DataScope, type LockLease } from '@nss/server-core';
import { TraceEventsRepository } from '../events/trace-events.repository';
import type { PendingRangeChange, StampBatch, StampBatchDocument } from './stamp-batch.schema';
import { StampMirror } from './stamp-mirror';
import { StampBatchesRepository, StampsRepository } from './stamps.repository';

/** Seqs a range job changes per round trip (and between two progress writes). */
export const RANGE_CHUNK = 1000;

/** A range change as the batch records it (`pendingChange`) or as the request path makes it. */
export type RangeChange = Pick<PendingRangeChange, 'key' | 'status' | 'n' | 'fromSeq' | 'toSeq' | 'printRun' | 'reason'>;

/** What a change does to the batch: stamps it changes, and how the batch's `activated` moves. */
export interface RangeCounts {
  changed: number;
  activeDelta: number;
}

/** The next change of a batch: `stamps.activated:<batchId>:<n>` / `stamps.voided:<batchId>:<n>`, n = 1, 2, … */
export function nextChange(
  batch: StampBatchDocument,
  status: 'active' | 'void',
  from: number,
  to: number,
  extra: { printRun?: string | null; reason?: string | null },
): RangeChange {
  const n = status === 'active' ? (batch.activations ?? 0) + 1 : (batch.voidings ?? 0) + 1;
  const type = status === 'active' ? 'stamps.activated' : 'stamps.voided';
  return { key: `${type}:${String(batch._id)}:${n}`, status, n, fromSeq: from, toSeq: to, printRun: extra.printRun ?? null, reason: extra.reason ?? null };
}

/** The pending change as the API shows it (done/total, percent). */
export function pendingView(change: PendingRangeChange): PendingStampChange {
  const total = change.toSeq - change.fromSeq + 1;
  const done = Math.min(change.done ?? 0, total);
  return {
    status: change.status,
    fromSeq: change.fromSeq,
    toSeq: change.toSeq,
    printRun: change.printRun ?? null,
    reason: change.reason ?? null,
    requestedAt: change.requestedAt.toISOString(),
    progress: { done, total, percent: Math.min(100, Math.floor((done * 100) / Math.max(1, total))) },
  };
}

/**
 * The steps of a range activation or voiding, shared by the request path (ranges up to TRACE_RANGE_SYNC_MAX, under the
 * batch's lock) and the worker's job (larger ranges, in chunks). Range semantics: activation turns the inactive stamps
 * of [from, to] active; voiding turns every stamp of [from, to] that is not void yet void. Both are idempotent, so a
 * chunk applied twice (a restarted job) changes nothing the second time. The caller makes sure no other change of the
 * batch runs meanwhile (one at a time per batch), so counts taken before the first chunk are the change's counts.
 */
@Injectable()
export class StampRangeChanges {
  constructor(
    private readonly batches: StampBatchesRepository,
    private readonly stamps: StampsRepository,
    private readonly events: TraceEventsRepository,
    private readonly mirror: StampMirror,
  ) {}

  /** How many stamps of the range the change will change, and the move of the batch's `activated`. */
  async count(scope: DataScope, batchId: string, change: RangeChange): Promise<RangeCounts> {
    const { fromSeq: from, toSeq: to } = change;
    if (change.status === 'active') {
      const changed = await this.stamps.countInRange(scope, batchId, from, to, ['inactive']);
      return { changed, activeDelta: changed };
    }
    const [changed, wasActive] = await Promise.all([
      this.stamps.countInRange(scope, batchId, from, to, ['inactive', 'active']),
      this.stamps.countInRange(scope, batchId, from, to, ['active']),
    ]);
    return { changed, activeDelta: -wasActive };
  }

  /** Before the first stamp of the range changes (each run of a job): the scan mirror hears of a void before the database. */
  async starting(batchId: string, change: RangeChange): Promise<void> {
    if (change.status === 'void') await this.mirror.voiding(batchId, change.fromSeq, change.toSeq);
  }

  /** Applies the change to seqs `from`…`to` (its whole range or a chunk of it), after `starting`. */
  async apply(scope: DataScope, batchId: string, change: RangeChange, from: number, to: number): Promise<void> {
    if (change.status === 'active') {
      await this.stamps.setStatusInRange(scope, batchId, from, to, ['inactive'], { status: 'active', activatedAt: new Date(), printRun: change.printRun });
    } else {
      await this.stamps.setStatusInRange(scope, batchId, from, to, ['inactive', 'active'], { status: 'void', voidReason: change.reason });
    }
  }

  /**
   * Once the whole range went through, the mirror hears of it again (after the database): an activation, and a void
   * (a copy read from the database while the void was under way is moved too).
   */
  async applied(batchId: string, change: RangeChange): Promise<void> {
    if (change.status === 'active') await this.mirror.activated(batchId, change.fromSeq, change.toSeq);
    else await this.mirror.voided(batchId, change.fromSeq, change.toSeq);
  }

  /**
   * Ends the change: its event (once: a retry finds it written) and the batch's counters, with the pending change
   * cleared, in one guarded update of the batch under its lock. Null when the guard did not hold.
   */
  async finish(
    scope: DataScope,
    batch: StampBatchDocument,
    change: RangeChange,
    counts: RangeCounts,
    lease: LockLease,
    guard: Record<string, unknown> = {},
  ): Promise<StampBatchDocument | null> {
    const batchId = String(batch._id);
    const set: Partial<StampBatch> = { pendingChange: null };
    if (counts.changed > 0) {
      const at = new Date();
      const type = change.status === 'active' ? 'stamps.activated' : 'stamps.voided';
      await this.events.insertOnce(scope, {
        key: change.key,
        type,
        at,
        dayVn: vnDayKey(at),
        monthVn: vnMonthKey(at),
        provinceCode: batch.provinceCode,
        communeCode: batch.communeCode,
        sellerId: batch.sellerId,
        productId: batch.productId,
        lotId: batch.lotId,
        batchId,
        serial: null,
        count: counts.changed,
        data: { fromSeq: change.fromSeq, toSeq: change.toSeq },
      });
      Object.assign(set, change.status === 'active' ? { activations: change.n } : { voidings: change.n });
      set.activated = Math.max(0, (batch.activated ?? 0) + counts.activeDelta);
    }
    await lease.assertHeld();
    return this.batches.update(scope, batchId, set, lease.fence, guard);
  }
}
