import { Writable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { newSerials, stampUrlFactory } from '@nss/trace-codes';
import { MAX_LABELS_PER_PDF, type StampLabel, writeLabelPdf, writeStampCsv } from '@nss/trace-labels';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import { APP_CONFIG, type AppConfig, DocumentLocks, MediaStorage } from '@nss/server-core';
import { TraceEventsRepository } from '../events/trace-events.repository';
import { BATCH_LOCK } from './batch-jobs';
import type { StampBatch, StampBatchDocument, StampBatchFile } from './stamp-batch.schema';
import type { Stamp } from './stamp.schema';
import { StampBatchesRepository, StampsRepository } from './stamps.repository';

/** Stamps inserted per round trip (and between two looks at the batch: progress, cancel). */
export const STAMP_CHUNK = 1000;
/** Rounds of redrawing serials for the seqs of a chunk that did not go in (collisions are ~never; a failing store is). */
const MAX_REDRAWS = 5;

/** What a run ended with. */
export type GenerationOutcome = 'ready' | 'cancelled' | 'skipped';

/** Collects what a writer writes (a PDF of ≤ 5,000 labels is a few MB; the CSV of 200,000 about 25 MB). */
class BufferSink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

class Cancelled extends Error {}

/**
 * Makes a batch's stamps (worker, job `stamps.generate`): serials from @nss/trace-codes inserted by seq in chunks of
 * 1,000 (unordered insertMany). The unique `{ batchId, seq }` makes a restarted job continue from what is stored: it
 * resumes at `made` (written after each complete chunk), a seq stored already is skipped and a serial collision is
 * drawn again, so the batch ends with exactly `quantity` stamps, seq 0 … quantity − 1, however often it is killed.
 * After each chunk `made` is written and the batch read again (a cancel stops the run and deletes what was made).
 * Then the label PDFs (≤ 5,000 labels each; files already written are kept on a restart) and the CSV go to media
 * storage, and the batch becomes ready with its `stamps.issued:<batchId>` event.
 */
@Injectable()
export class StampGenerator {
  private readonly logger = new Logger(StampGenerator.name);
  private readonly baseUrl: string;

  constructor(
    private readonly batches: StampBatchesRepository,
    private readonly stamps: StampsRepository,
    private readonly events: TraceEventsRepository,
    private readonly locks: DocumentLocks,
    private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.baseUrl = config.TRACE_BASE_URL ?? config.PUBLIC_WEB_URL;
  }

  async generate(batchId: string): Promise<GenerationOutcome> {
    const start = await this.start(batchId);
    if (!start) return 'skipped';
    if (start.status === 'cancelled') {
      await this.discard(start);
      return 'cancelled';
    }
    try {
      let batch = start;
      for (let from = Math.floor((batch.made ?? 0) / STAMP_CHUNK) * STAMP_CHUNK; from < batch.quantity; from += STAMP_CHUNK) {
        const to = Math.min(batch.quantity, from + STAMP_CHUNK) - 1;
        await this.insertRange(batch, from, to);
        batch = await this.progress(batchId, { made: to + 1 });
      }
      await this.writeFiles(batch);
      return await this.finish(batch);
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      const batch = await this.batches.forWorker(batchId);
      if (batch) await this.discard(batch);
      return 'cancelled';
    }
  }

  /** Marks the batch as failed for good (the job ran out of attempts). */
  async fail(batchId: string, message: string): Promise<void> {
    await this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      await lease.assertHeld();
      await this.batches.updateForWorker(batchId, { status: 'failed', error: message.slice(0, 500), finishedAt: new Date() }, lease.fence, {
        status: { $in: ['approved', 'generating'] },
      });
    });
  }

  /** The batch to work on (approved → generating, startedAt), null when there is nothing to do. */
  private async start(batchId: string): Promise<StampBatchDocument | null> {
    return this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      const batch = await this.batches.forWorker(batchId);
      if (!batch) return null;
      if (batch.status === 'cancelled') return batch;
      if (batch.status !== 'approved' && batch.status !== 'generating') return null;
      await lease.assertHeld();
      return this.batches.updateForWorker(batchId, { status: 'generating', startedAt: batch.startedAt ?? new Date(), error: null }, lease.fence, {
        status: { $in: ['approved', 'generating'] },
      });
    });
  }

  /** Stores seqs `from`…`to`: what is there is kept, the rest is (re)drawn until stored. */
  private async insertRange(batch: StampBatchDocument, from: number, to: number): Promise<void> {
    let pending = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_REDRAWS) throw new Error(`stamps ${from}–${to} of batch ${String(batch._id)} could not be stored`);
      const serials = newSerials(pending.length);
      const complete = await this.stamps.insertChunk(pending.map((seq, i) => this.stampDoc(batch, serials[i] as string, seq)));
      if (complete) return;
      const stored = new Set(await this.stamps.storedSeqs(String(batch._id), from, to));
      pending = pending.filter((seq) => !stored.has(seq));
    }
  }

  private stampDoc(batch: StampBatchDocument, serial: string, seq: number): Stamp {
    return {
      _id: serial,
      batchId: String(batch._id),
      seq,
      lotId: batch.lotId,
      productId: batch.productId,
      sellerId: batch.sellerId,
      provinceCode: batch.provinceCode,
      communeCode: batch.communeCode,
      status: 'inactive',
      activatedAt: null,
      printRun: null,
      voidReason: null,
      firstScanAt: null,
      scanCount: 0,
      lastScans: [],
      soldOrderId: null,
      soldAt: null,
      lockFence: null,
    };
  }

  /** Writes progress under the batch's lock and answers the batch as it is now; a cancel ends the run. */
  private async progress(batchId: string, set: Partial<StampBatch>): Promise<StampBatchDocument> {
    return this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      const current = await this.batches.forWorker(batchId);
      if (!current || current.status !== 'generating' || current.cancelRequested) throw new Cancelled();
      await lease.assertHeld();
      const updated = await this.batches.updateForWorker(batchId, set, lease.fence, { status: 'generating' });
      if (!updated) throw new Cancelled();
      return updated;
    });
  }

  /** The label PDFs (parts not written yet) and the CSV, each stored and recorded on the batch as it is done. */
  private async writeFiles(batch: StampBatchDocument): Promise<void> {
    const batchId = String(batch._id);
    const serials = new Array<string>(batch.quantity);
    let count = 0;
    for await (const row of this.stamps.serialsOf(batchId)) {
      if (row.seq >= 0 && row.seq < batch.quantity && serials[row.seq] === undefined) count++;
      serials[row.seq] = row._id;
    }
    if (count !== batch.quantity) throw new Error(`batch ${batchId}: ${count} of ${batch.quantity} stamps stored`);
    const url = stampUrlFactory({ baseUrl: this.baseUrl, gtin: batch.gtin, lotCode: batch.lotCode });
    const label = (serial: string): StampLabel => ({
      serial,
      url: url(serial),
      productName: batch.productName,
      producerName: batch.sellerName,
      lotCode: batch.lotCode,
    });
    const size = { labelWidthMm: batch.labelSize.widthMm, labelHeightMm: batch.labelSize.heightMm };
    const parts = Math.ceil(batch.quantity / MAX_LABELS_PER_PDF);
    let files: StampBatchFile[] = (batch.files ?? []).map((f) => ({ kind: f.kind, part: f.part, labels: f.labels, bytes: f.bytes, storageKey: f.storageKey }));
    for (let part = 1; part <= parts; part++) {
      if (files.some((f) => f.kind === 'pdf' && f.part === part)) continue;
      const slice = serials.slice((part - 1) * MAX_LABELS_PER_PDF, part * MAX_LABELS_PER_PDF);
      const sink = new BufferSink();
      const result = await writeLabelPdf(slice.map(label), sink, size);
      const storageKey = `stamps/${batchId}/labels-${String(part).padStart(3, '0')}.pdf`;
      const data = sink.buffer();
      await this.storage.put(storageKey, data, 'application/pdf');
      files = [...files, { kind: 'pdf', part, labels: result.labels, bytes: data.length, storageKey }];
      batch = await this.progress(batchId, { files: files, filesDone: files.length });
    }
    if (!files.some((f) => f.kind === 'csv')) {
      const sink = new BufferSink();
      const result = await writeStampCsv(serials.map(label), sink);
      const storageKey = `stamps/${batchId}/stamps.csv`;
      const data = sink.buffer();
      await this.storage.put(storageKey, data, 'text/csv');
      files = [...files, { kind: 'csv', part: 1, labels: result.rows, bytes: data.length, storageKey }];
      await this.progress(batchId, { files: files, filesDone: files.length });
    }
  }

  /** The batch is ready: its `stamps.issued` event, then the status (a retry after a crash between them writes no second event). */
  private async finish(batch: StampBatchDocument): Promise<GenerationOutcome> {
    const batchId = String(batch._id);
    return this.locks.run(BATCH_LOCK, batchId, async (lease) => {
      const current = await this.batches.forWorker(batchId);
      if (!current || current.status !== 'generating' || current.cancelRequested) throw new Cancelled();
      const at = new Date();
      await this.events.insertOnceForWorker({
        key: `stamps.issued:${batchId}`,
        type: 'stamps.issued',
        at,
        dayVn: vnDayKey(at),
        monthVn: vnMonthKey(at),
        provinceCode: current.provinceCode,
        communeCode: current.communeCode,
        sellerId: current.sellerId,
        productId: current.productId,
        lotId: current.lotId,
        batchId,
        serial: null,
        count: current.quantity,
        data: { code: current.code },
      });
      await lease.assertHeld();
      const done = await this.batches.updateForWorker(batchId, { status: 'ready', made: current.quantity, finishedAt: at }, lease.fence, { status: 'generating' });
      if (!done) throw new Cancelled();
      this.logger.log(`stamp batch ${batchId}: ${current.quantity} stamps ready`);
      return 'ready' as const;
    });
  }

  /** A cancelled batch keeps nothing: its stamps and files are deleted. */
  private async discard(batch: StampBatchDocument): Promise<void> {
    const batchId = String(batch._id);
    await this.stamps.deleteOfBatch(batchId);
    const parts = Math.ceil(batch.quantity / MAX_LABELS_PER_PDF);
    const keys = [
      ...Array.from({ length: parts }, (_, i) => `stamps/${batchId}/labels-${String(i + 1).padStart(3, '0')}.pdf`),
      `stamps/${batchId}/stamps.csv`,
    ];
    await Promise.all(keys.map((key) => this.storage.delete(key)));
  }
}
