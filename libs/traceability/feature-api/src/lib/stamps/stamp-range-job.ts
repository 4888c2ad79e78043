import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DocumentLocks } from '@nss/server-core';
import { BATCH_LOCK } from './batch-jobs';
import type { PendingRangeChange, StampBatchDocument } from './stamp-batch.schema';
import { RANGE_CHUNK, type RangeCounts, StampRangeChanges } from './stamp-range-changes';
import { StampBatchesRepository, stampsWorkerScope as WORKER } from './stamps.repository';

/** What a run ended with. */
export type RangeJobOutcome = 'done' | 'skipped';

/**
 * Applies a batch's pending range change (worker, job `stamps.range`): first the change's counts are taken (once,
 * before any chunk: nothing else changes the batch's stamps' status while it is pending), then the range goes through
 * in chunks (RANGE_CHUNK seqs, at most TRACE_RANGE_SYNC_MAX) from where the last run got to (`done`, written after each chunk under the batch's lock),
 * then the event and the batch's counters are written and the pending change cleared, in one guarded step. Each chunk
 * is idempotent and the event is written once by its key, so a worker killed anywhere and run again ends with the same
 * stamps, counts and one event.
 */
@Injectable()
export class StampRangeJob {
  private readonly logger = new Logger(StampRangeJob.name);
  /** Seqs a chunk changes: RANGE_CHUNK, or less when a request may change fewer (TRACE_RANGE_SYNC_MAX). */
  private readonly chunk: number;

  constructor(
    private readonly batches: StampBatchesRepository,
    private readonly ranges: StampRangeChanges,
    private readonly locks: DocumentLocks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.chunk = Math.min(RANGE_CHUNK, config.TRACE_RANGE_SYNC_MAX);
  }

  async run(batchId: string, key: string): Promise<RangeJobOutcome> {
    let change = await this.pending(batchId, key);
    if (!change) return 'skipped';
    if (change.changed === null || change.activeDelta === null) {
      const counts = await this.ranges.count(WORKER(), batchId, change);
      change = await this.record(batchId, key, { changed: counts.changed, activeDelta: counts.activeDelta });
      if (!change) return 'skipped';
    }
    await this.ranges.starting(batchId, change);
    const total = change.toSeq - change.fromSeq + 1;
    for (let done = change.done ?? 0; done < total; done += this.chunk) {
      const from = change.fromSeq + done;
      const to = Math.min(change.toSeq, from + this.chunk - 1);
      await this.ranges.apply(WORKER(), batchId, change, from, to);
      change = await this.record(batchId, key, { done: to - change.fromSeq + 1 });
      if (!change) return 'skipped';
    }
    await this.ranges.applied(batchId, change);
    const counts: RangeCounts = { changed: change.changed ?? 0, activeDelta: change.activeDelta ?? 0 };
    const ended = await this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      const batch = await this.batches.forWorker(batchId);
      if (batch?.pendingChange?.key !== key) return false;
      return !!(await this.ranges.finish(WORKER(), batch, batch.pendingChange, counts, lease, { 'pendingChange.key': key }));
    });
    if (ended) this.logger.log(`${key}: ${counts.changed} stamps ${change.status === 'active' ? 'activated' : 'voided'}`);
    return ended ? 'done' : 'skipped';
  }

  /** The batch's pending change `key` (null when it is done or another one). */
  private async pending(batchId: string, key: string): Promise<PendingRangeChange | null> {
    const batch = await this.batches.forWorker(batchId);
    return batch?.pendingChange?.key === key ? batch.pendingChange : null;
  }

  /** Writes the change's progress or counts under the batch's lock; null when the change is no longer pending. */
  private async record(batchId: string, key: string, set: Partial<PendingRangeChange>): Promise<PendingRangeChange | null> {
    return this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      const current = await this.pending(batchId, key);
      if (!current) return null;
      const next = { ...plain(current), ...set };
      await lease.assertHeld();
      const updated: StampBatchDocument | null = await this.batches.updateForWorker(batchId, { pendingChange: next }, lease.fence, { 'pendingChange.key': key });
      return updated?.pendingChange ?? null;
    });
  }
}

/** A pending change as a plain object (the subdocument's fields only). */
function plain(change: PendingRangeChange): PendingRangeChange {
  const { key, status, n, fromSeq, toSeq, printRun, reason, done, changed, activeDelta, requestedByUserId, requestedAt } = change;
  return { key, status, n, fromSeq, toSeq, printRun, reason, done, changed, activeDelta, requestedByUserId, requestedAt };
}
