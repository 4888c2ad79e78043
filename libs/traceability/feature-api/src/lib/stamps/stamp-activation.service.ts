import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Readable } from 'node:stream';
import type { ActivateStampsRequest, StampRangeResult, VoidStampsRequest } from '@nss/contracts';
import { APP_CONFIG, type AppConfig, type Actor, AppError, DataScope, DocumentLocks, MediaStorage, QUEUES } from '@nss/server-core';
import { BATCH_LOCK, enqueueRangeChange } from './batch-jobs';
import { StampBatchesService, concurrent } from './stamp-batches.service';
import type { StampBatchDocument } from './stamp-batch.schema';
import { type RangeChange, StampRangeChanges, nextChange, pendingView } from './stamp-range-changes';
import { StampBatchesRepository } from './stamps.repository';

const FILE_WHAT: [string, string] = ['tệp', 'File'];

/** Who may activate and void a batch's stamps: its seller side, staff of its province and admins. */
function sideOf(actor: Actor): 'read' | 'write' {
  return actor.role === 'seller' || actor.role === 'agent' ? 'write' : 'read';
}

/** A seq range of a batch, checked against its size (400 naming the field). */
function rangeOf(batch: StampBatchDocument, fromSeq: number | undefined, toSeq: number | undefined): { from: number; to: number } {
  const last = batch.quantity - 1;
  const from = fromSeq ?? 0;
  const to = toSeq ?? last;
  if (from > last) throw AppError.invalidField('fromSeq', `Lô tem chỉ có số thứ tự 0–${last}`, `the batch has seqs 0–${last}`);
  if (to > last) throw AppError.invalidField('toSeq', `Lô tem chỉ có số thứ tự 0–${last}`, `the batch has seqs 0–${last}`);
  return { from, to };
}

/** Lease time per stamp changed in the request (on top of 30 s), well above FerretDB's pace (~4.5 ms a stamp). */
const SYNC_LEASE_MS_PER_STAMP = 15;

function changeRunning(): AppError {
  return AppError.conflict(
    'RANGE_CHANGE_RUNNING',
    'Lô tem đang được kích hoạt hoặc huỷ theo dải số, vui lòng chờ xong',
    'A range activation or voiding of this batch is still running: wait until it is done',
  );
}

/**
 * Stamps going live (activation, by print run or seq range) and void for good; the label files of a ready batch.
 * Each change is taken under the batch's lock, one at a time per batch (409 while a change runs). A range of at most
 * TRACE_RANGE_SYNC_MAX stamps is changed in the request with its event (`stamps.activated:<batchId>:<n>`,
 * `stamps.voided:<batchId>:<n>`, n = 1, 2, … per batch) in the same step; a larger one is recorded on the batch as its
 * pending change and answered 202: the worker applies it in chunks (`stamps.range`), with its progress on the batch,
 * and writes the event and the counts once the whole range went through.
 */
@Injectable()
export class StampActivationService {
  private readonly logger = new Logger(StampActivationService.name);

  constructor(
    private readonly access: StampBatchesService,
    private readonly batches: StampBatchesRepository,
    private readonly ranges: StampRangeChanges,
    private readonly locks: DocumentLocks,
    private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.stamps) private readonly queue: Queue,
  ) {}

  activate(actor: Actor, id: string, body: ActivateStampsRequest): Promise<StampRangeResult> {
    return this.change(actor, id, body.fromSeq, body.toSeq, (batch, from, to) => nextChange(batch, 'active', from, to, { printRun: body.printRun }));
  }

  void(actor: Actor, body: VoidStampsRequest): Promise<StampRangeResult> {
    return this.change(actor, body.batchId, body.fromSeq, body.toSeq, (batch, from, to) => nextChange(batch, 'void', from, to, { reason: body.reason }));
  }

  private async change(
    actor: Actor,
    id: string,
    fromSeq: number | undefined,
    toSeq: number | undefined,
    make: (batch: StampBatchDocument, from: number, to: number) => RangeChange,
  ): Promise<StampRangeResult> {
    const side = sideOf(actor);
    const asked = rangeOf(await this.readyBatch(actor, id, side), fromSeq, toSeq);
    const inRequest = Math.min(asked.to - asked.from + 1, this.config.TRACE_RANGE_SYNC_MAX);
    const { result, queued } = await this.locks.run(
      BATCH_LOCK,
      id,
      async (lease): Promise<{ result: StampRangeResult; queued: string | null }> => {
        const batch = await this.readyBatch(actor, id, side);
        if (batch.pendingChange) throw changeRunning();
        const { from, to } = rangeOf(batch, fromSeq, toSeq);
        const change = make(batch, from, to);
        const scope = DataScope.forActor(actor);
        const answer = { batchId: id, fromSeq: from, toSeq: to, status: change.status };
        if (to - from + 1 > this.config.TRACE_RANGE_SYNC_MAX) {
          await lease.assertHeld();
          const pending = { ...change, done: 0, changed: null, activeDelta: null, requestedByUserId: actor.userId, requestedAt: new Date() };
          const updated = await this.batches.update(scope, id, { pendingChange: pending }, lease.fence, { pendingChange: null });
          if (!updated?.pendingChange) throw concurrent();
          return { result: { ...answer, changed: null, pending: pendingView(updated.pendingChange) }, queued: change.key };
        }
        const counts = await this.ranges.count(scope, id, change);
        await lease.assertHeld();
        await this.ranges.starting(id, change);
        await this.ranges.apply(scope, id, change, from, to);
        await this.ranges.applied(id, change);
        if (!(await this.ranges.finish(scope, batch, change, counts, lease))) throw concurrent();
        return { result: { ...answer, changed: counts.changed, pending: null }, queued: null };
      },
      // Up to TRACE_RANGE_SYNC_MAX stamps change in one step: FerretDB applies an updateMany document by document (5,000
      // stamps took 22 s on a busy 2-core machine), so the lease grows with the range the request changes.
      { ttlMs: 30_000 + SYNC_LEASE_MS_PER_STAMP * inRequest },
    );
    if (queued) await this.enqueue(id, queued);
    return result;
  }

  /** A failed enqueue is not the caller's failure: the worker's sweep queues pending changes every minute. */
  private async enqueue(id: string, key: string): Promise<void> {
    await enqueueRangeChange(this.queue, id, key).catch((error: unknown) =>
      this.logger.warn(`stamp batch ${id}: could not queue its range change (${error instanceof Error ? error.message : String(error)})`),
    );
  }

  private async readyBatch(actor: Actor, id: string, side: 'read' | 'write'): Promise<StampBatchDocument> {
    const batch = await this.access.batchFor(actor, id, side);
    if (batch.status !== 'ready') {
      throw AppError.conflict('BATCH_NOT_READY', 'Lô tem chưa sẵn sàng (chưa in xong tem)', 'The stamp batch is not ready yet');
    }
    return batch;
  }

  /** A file of a ready batch: a PDF part (1, 2, …) or the CSV, as a stream from media storage. */
  async file(actor: Actor, id: string, kind: 'pdf' | 'csv', part = 1): Promise<{ stream: Readable; size: number; name: string }> {
    const batch = await this.access.batchFor(actor, id, 'read');
    const file = (batch.files ?? []).find((f) => f.kind === kind && f.part === part);
    const object = file ? await this.storage.getStream(file.storageKey) : null;
    if (!object) throw AppError.notFound(...FILE_WHAT);
    const name = kind === 'pdf' ? `tem-${batch.code}-${String(part).padStart(3, '0')}.pdf` : `tem-${batch.code}.csv`;
    return { stream: object.stream, size: object.size, name };
  }
}
