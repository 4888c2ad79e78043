import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { ActivateStampsRequest, StampRangeResult, VoidStampsRequest } from '@nss/contracts';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import { type Actor, AppError, DataScope, DocumentLocks, MediaStorage } from '@nss/server-core';
import { TraceEventsRepository } from '../events/trace-events.repository';
import type { TraceEventType } from '../events/trace-event.schema';
import { BATCH_LOCK } from './batch-jobs';
import { StampBatchesService, concurrent } from './stamp-batches.service';
import type { StampBatchDocument } from './stamp-batch.schema';
import { StampMirror } from './stamp-mirror';
import { StampBatchesRepository, StampsRepository } from './stamps.repository';

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

/**
 * Stamps going live (activation, by print run or seq range) and void for good; the label files of a ready batch.
 * Each change is taken under the batch's lock and writes its event (`stamps.activated:<batchId>:<n>`,
 * `stamps.voided:<batchId>:<n>`, n = 1, 2, … per batch) in the same step.
 */
@Injectable()
export class StampActivationService {
  constructor(
    private readonly access: StampBatchesService,
    private readonly batches: StampBatchesRepository,
    private readonly stamps: StampsRepository,
    private readonly events: TraceEventsRepository,
    private readonly locks: DocumentLocks,
    private readonly storage: MediaStorage,
    private readonly mirror: StampMirror,
  ) {}

  async activate(actor: Actor, id: string, body: ActivateStampsRequest): Promise<StampRangeResult> {
    return this.change(actor, id, body.fromSeq, body.toSeq, async (batch, from, to, scope) => {
      const changed = await this.stamps.setStatusInRange(scope, id, from, to, ['inactive'], {
        status: 'active',
        activatedAt: new Date(),
        printRun: body.printRun ?? null,
      });
      await this.mirror.activated(id, from, to);
      return { changed, activeDelta: changed, status: 'active' as const, type: 'stamps.activated' as const, n: batch.activations + 1 };
    });
  }

  async void(actor: Actor, body: VoidStampsRequest): Promise<StampRangeResult> {
    return this.change(actor, body.batchId, body.fromSeq, body.toSeq, async (batch, from, to, scope) => {
      const wasActive = await this.stamps.countInRange(scope, body.batchId, from, to, ['active']);
      await this.mirror.voiding(body.batchId, from, to);
      const changed = await this.stamps.setStatusInRange(scope, body.batchId, from, to, ['inactive', 'active'], { status: 'void', voidReason: body.reason });
      await this.mirror.voided(body.batchId, from, to);
      return { changed, activeDelta: -wasActive, status: 'void' as const, type: 'stamps.voided' as const, n: batch.voidings + 1 };
    });
  }

  private async change(
    actor: Actor,
    id: string,
    fromSeq: number | undefined,
    toSeq: number | undefined,
    apply: (
      batch: StampBatchDocument,
      from: number,
      to: number,
      scope: DataScope,
    ) => Promise<{ changed: number; activeDelta: number; status: 'active' | 'void'; type: TraceEventType; n: number }>,
  ): Promise<StampRangeResult> {
    const side = sideOf(actor);
    rangeOf(await this.readyBatch(actor, id, side), fromSeq, toSeq);
    return this.locks.run(
      BATCH_LOCK,
      id,
      async (lease) => {
        const batch = await this.readyBatch(actor, id, side);
        const { from, to } = rangeOf(batch, fromSeq, toSeq);
        const scope = DataScope.forActor(actor);
        await lease.assertHeld();
        const result = await apply(batch, from, to, scope);
        if (result.changed > 0) {
          const at = new Date();
          await this.events.insertOnce(scope, {
            key: `${result.type}:${id}:${result.n}`,
            type: result.type,
            at,
            dayVn: vnDayKey(at),
            monthVn: vnMonthKey(at),
            provinceCode: batch.provinceCode,
            communeCode: batch.communeCode,
            sellerId: batch.sellerId,
            productId: batch.productId,
            lotId: batch.lotId,
            batchId: id,
            serial: null,
            count: result.changed,
            data: { fromSeq: from, toSeq: to },
          });
          const counter = result.type === 'stamps.activated' ? { activations: result.n } : { voidings: result.n };
          await lease.assertHeld();
          const updated = await this.batches.update(scope, id, { ...counter, activated: Math.max(0, (batch.activated ?? 0) + result.activeDelta) }, lease.fence);
          if (!updated) throw concurrent();
        }
        return { batchId: id, fromSeq: from, toSeq: to, status: result.status, changed: result.changed };
      },
      // A whole batch's stamps change in one step (FerretDB applies an updateMany document by document).
      { ttlMs: 30_000 },
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
