import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { FilterQuery } from 'mongoose';
import { ProductWriter } from '@nss/catalog-api';
import {
  DEFAULT_STAMP_LABEL_SIZE,
  type CreateStampBatchRequest,
  type StampBatch as StampBatchView,
  type StampBatchListQuery,
  type StampBatchPage,
} from '@nss/contracts';
import { SERIAL_ALPHABET } from '@nss/trace-codes';
import { APP_CONFIG, type AppConfig, type Actor, AppError, DataScope, DocumentLocks, QUEUES } from '@nss/server-core';
import { LotAccess } from '../lots/lot-access';
import { LOT_LOCK } from '../lots/lots.service';
import { BATCH_LOCK, enqueueGeneration } from './batch-jobs';
import { batchView } from './batch-view';
import type { StampBatch, StampBatchDocument, StampBatchStatus } from './stamp-batch.schema';
import { BATCH_WHAT, StampBatchesRepository, StampsRepository } from './stamps.repository';

/** A batch may be cancelled until it is ready. */
const CANCELLABLE: StampBatchStatus[] = ['requested', 'approved', 'generating'];

/** `LT` + 8 characters of the serial alphabet (no look-alikes), for people to read out on the phone. */
function batchCode(): string {
  let code = 'LT';
  for (let i = 0; i < 8; i++) code += SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)];
  return code;
}

function wrongState(code: string, message: string, messageEn: string): AppError {
  return AppError.conflict(code, message, messageEn);
}

/**
 * Stamp batches (docs/design/traceability.md § Stamps): requested by a lot's seller or managing agent, approved at once
 * up to TRACE_AUTO_APPROVE_MAX stamps, else by staff of the province (or an admin); cancelled by either side until ready.
 * What the caller may not see is missing (404), as with lots.
 */
@Injectable()
export class StampBatchesService {
  private readonly logger = new Logger(StampBatchesService.name);

  constructor(
    private readonly batches: StampBatchesRepository,
    private readonly stamps: StampsRepository,
    private readonly access: LotAccess,
    private readonly products: ProductWriter,
    private readonly locks: DocumentLocks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.stamps) private readonly queue: Queue,
  ) {}

  async request(actor: Actor, body: CreateStampBatchRequest): Promise<StampBatchView> {
    await this.access.writable(actor, body.lotId);
    const batch = await this.locks.run(LOT_LOCK, body.lotId, async (lease) => {
      // Under the lot's lock: a code change of the lot (frozen once it has batches) cannot slip in between.
      const lot = await this.access.writable(actor, body.lotId);
      if (lot.status !== 'open') throw wrongState('LOT_CLOSED', 'Lô đã đóng, không thể đặt thêm tem', 'The lot is closed: no more stamps for it');
      const scope = DataScope.forActor(actor);
      const product = await this.products.findById(scope, lot.productId);
      const gtin = (product as unknown as { gtin?: unknown } | null)?.gtin;
      const auto = body.quantity <= this.config.TRACE_AUTO_APPROVE_MAX;
      const now = new Date();
      const size = body.labelSize ?? DEFAULT_STAMP_LABEL_SIZE;
      await lease.assertHeld();
      for (let attempt = 0; attempt < 5; attempt++) {
        const created = await this.batches.insert(scope, {
          code: batchCode(),
          lotId: String(lot._id),
          lotCode: lot.code,
          productId: lot.productId,
          productName: product?.name ?? lot.productName,
          gtin: typeof gtin === 'string' && gtin ? gtin : null,
          sellerId: lot.sellerId,
          sellerName: lot.sellerName,
          provinceCode: lot.provinceCode,
          communeCode: lot.communeCode,
          quantity: body.quantity,
          labelSize: { widthMm: size.widthMm, heightMm: size.heightMm },
          status: auto ? 'approved' : 'requested',
          autoApproved: auto,
          requestedByUserId: actor.userId,
          decidedByUserId: null,
          decidedAt: auto ? now : null,
        });
        if (created) return created;
      }
      throw new Error('no free stamp batch code after 5 draws');
    });
    if (batch.status === 'approved') await this.enqueue(String(batch._id));
    return batchView(batch);
  }

  async list(actor: Actor, query: StampBatchListQuery): Promise<StampBatchPage> {
    const { scope, filter } = await this.access.forList(actor, query.sellerId);
    const where: FilterQuery<StampBatch> = { ...filter, ...(query.status ? { status: query.status } : {}), ...(query.lotId ? { lotId: query.lotId } : {}) };
    const { items, total } = await this.batches.page(scope, where, query.page, query.pageSize);
    const now = new Date();
    return { items: items.map((b) => batchView(b, now)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<StampBatchView> {
    return batchView(await this.batchFor(actor, id, 'read'));
  }

  async approve(actor: Actor, id: string): Promise<StampBatchView> {
    const updated = await this.decide(actor, id, { status: 'approved' });
    await this.enqueue(id);
    return batchView(updated);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<StampBatchView> {
    return batchView(await this.decide(actor, id, { status: 'rejected', rejectReason: reason, finishedAt: new Date() }));
  }

  /** Staff's decision on a requested batch. */
  private async decide(actor: Actor, id: string, set: Partial<StampBatch>): Promise<StampBatchDocument> {
    if (actor.role !== 'province_staff' && actor.role !== 'admin') throw AppError.forbidden();
    await this.batchFor(actor, id, 'read');
    return this.locks.run(BATCH_LOCK, id, async (lease) => {
      const batch = await this.batchFor(actor, id, 'read');
      if (batch.status !== 'requested') {
        throw wrongState('BATCH_NOT_REQUESTED', 'Lô tem này không còn chờ duyệt', 'This stamp batch is not waiting for a decision');
      }
      await lease.assertHeld();
      const updated = await this.batches.update(
        DataScope.forActor(actor),
        id,
        { ...set, decidedByUserId: actor.userId, decidedAt: new Date() },
        lease.fence,
        { status: 'requested' },
      );
      if (!updated) throw concurrent();
      return updated;
    });
  }

  /**
   * Cancels a batch that is not ready yet (the requester's side or staff): what the worker made is deleted here and,
   * should it still be running, by the worker when it next looks (between chunks).
   */
  async cancel(actor: Actor, id: string): Promise<StampBatchView> {
    const side = actor.role === 'seller' || actor.role === 'agent' ? 'write' : 'read';
    await this.batchFor(actor, id, side);
    const updated = await this.locks.run(BATCH_LOCK, id, async (lease) => {
      const batch = await this.batchFor(actor, id, side);
      if (!CANCELLABLE.includes(batch.status)) {
        throw wrongState('BATCH_NOT_CANCELLABLE', 'Lô tem đã xong hoặc đã đóng, không thể huỷ', 'This stamp batch is finished or closed: it cannot be cancelled');
      }
      await lease.assertHeld();
      const done = await this.batches.update(
        DataScope.forActor(actor),
        id,
        { status: 'cancelled', cancelRequested: true, finishedAt: new Date(), made: 0, filesDone: 0, files: [] },
        lease.fence,
        { status: { $in: CANCELLABLE } },
      );
      if (!done) throw concurrent();
      await this.stamps.deleteOfBatch(id);
      return done;
    });
    return batchView(updated);
  }

  /**
   * A batch the caller may read ('read': its seller, the managing agent, staff of its province, admins) or change
   * ('write': its seller or managing agent), else 404 (buyers 403).
   */
  async batchFor(actor: Actor, id: string, side: 'read' | 'write'): Promise<StampBatchDocument> {
    if (actor.role === 'buyer') throw AppError.forbidden();
    if (side === 'write' && actor.role !== 'seller' && actor.role !== 'agent') throw AppError.forbidden();
    const batch = await this.batches.findById(DataScope.forActor(actor), id);
    if (!batch) throw AppError.notFound(...BATCH_WHAT);
    if (actor.role === 'seller' || actor.role === 'agent') {
      try {
        await (side === 'write' ? this.access.writable(actor, batch.lotId) : this.access.readable(actor, batch.lotId));
      } catch (error) {
        if (error instanceof AppError && error.getStatus() === 404) throw AppError.notFound(...BATCH_WHAT);
        throw error;
      }
    }
    return batch;
  }

  /** A failed enqueue is not the caller's failure: the worker's sweep queues approved batches every minute. */
  private async enqueue(id: string): Promise<void> {
    try {
      await enqueueGeneration(this.queue, id);
    } catch (error) {
      this.logger.warn(`stamp batch ${id}: could not queue its generation (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}

export function concurrent(): AppError {
  return AppError.conflict('CONCURRENT_UPDATE', 'Lô tem vừa được thay đổi, vui lòng thử lại', 'The stamp batch changed meanwhile, try again');
}
