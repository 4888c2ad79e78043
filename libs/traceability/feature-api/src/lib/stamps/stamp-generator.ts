import { Writable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { newSerials, stampUrlFactory } from '@nss/trace-codes';
import { type LabelSheetOptions, MAX_LABELS_PER_PDF, type StampLabel, writeLabelPdf, writeStampCsv } from '@nss/trace-labels';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import { APP_CONFIG, type AppConfig, DocumentLocks, MediaStorage } from '@nss/server-core';
import { TraceEventsRepository } from '../events/trace-events.repository';
import { BATCH_LOCK } from './batch-jobs';
import type { StampBatch, StampBatchDocument, StampBatchFile } from './stamp-batch.schema';
import type { Stamp } from './stamp.schema';
import { StampMirror } from './stamp-mirror';
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
  /** The bytes written, as one buffer; the pieces are let go at once (a CSV of 200,000 rows is 40 MB). */
  buffer(): Buffer {
    const whole = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    return whole;
  }
}

class Cancelled extends Error {}

function sizeOf(batch: StampBatchDocument): LabelSheetOptions {
  return { labelWidthMm: batch.labelSize.widthMm, labelHeightMm: batch.labelSize.heightMm };
}

/** One run's serials by seq (as it stores them), the files recorded so far, and the label sheet being drawn. */
class FileRun {
  serials: Array<string | undefined>;
  files: StampBatchFile[];
  /** The sheet being drawn; rejects with its error, which the next await rethrows. */
  inFlight: Promise<void> = Promise.resolve();

  constructor(batch: StampBatchDocument) {
    // Filled, not sparse: `some` and `slice` skip the holes of a sparse array, and a missing serial must be seen.
    this.serials = new Array<string | undefined>(batch.quantity).fill(undefined);
    this.files = (batch.files ?? []).map((f) => ({ kind: f.kind, part: f.part, labels: f.labels, bytes: f.bytes, storageKey: f.storageKey }));
  }

  startPart(write: () => Promise<void>): void {
    this.inFlight = write();
    this.inFlight.catch(() => undefined); // awaited later; not an unhandled rejection meanwhile
  }

  /** Waits for the sheet in flight, whatever it ends with (before a cancelled batch's files are deleted). */
  async settled(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }
}

/**
 * Makes a batch's stamps (worker, job `stamps.generate`): serials from @nss/trace-codes inserted by seq in chunks of
 * 1,000 (unordered insertMany). The unique `{ batchId, seq }` makes a restarted job continue from what is stored: it
 * resumes at `made` (written after each complete chunk), a seq stored already is skipped and a serial collision is
 * drawn again, so the batch ends with exactly `quantity` stamps, seq 0 … quantity − 1, however often it is killed.
 * After each chunk `made` is written and the batch read again (a cancel stops the run and deletes what was made).
 * Each label PDF (≤ 5,000 labels) is drawn as soon as its stamps are in, while the next ones are inserted; files
 * already written are kept on a restart. Then the CSV goes to media storage, and the batch becomes ready with its
 * `stamps.issued:<batchId>` event.
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
    private readonly mirror: StampMirror,
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
    const run = new FileRun(start);
    try {
      let batch = start;
      for (let from = Math.floor((batch.made ?? 0) / STAMP_CHUNK) * STAMP_CHUNK; from < batch.quantity; from += STAMP_CHUNK) {
        const to = Math.min(batch.quantity, from + STAMP_CHUNK) - 1;
        const serials = await this.insertRange(batch, from, to);
        if (serials) serials.forEach((serial, i) => (run.serials[from + i] = serial));
        batch = await this.progress(batchId, { made: to + 1 });
        // A label sheet whose stamps are all in is drawn while the next stamps go in: the database works on the other
        // core meanwhile, so the PDFs cost little on top of the inserts (one sheet in flight at a time).
        if ((to + 1) % MAX_LABELS_PER_PDF === 0 || to + 1 === batch.quantity) {
          const part = Math.ceil((to + 1) / MAX_LABELS_PER_PDF);
          const snapshot = batch;
          await run.inFlight;
          run.startPart(() => this.writePart(snapshot, run, part));
        }
      }
      await run.inFlight;
      await this.writeFiles(batch, run);
      // The scan path's copy (all inactive): a batch is ready only once its stamps are mirrored.
      await this.mirror.put({ batchId, lotId: batch.lotId }, run.serials as string[]);
      return await this.finish(batch);
    } catch (error) {
      await run.settled();
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

  /**
   * Stores seqs `from`…`to`: what is there is kept, the rest is (re)drawn until stored. Answers the serials of the range
   * when this call stored all of them (the usual case), null when some were there before (read back for the files).
   */
  private async insertRange(batch: StampBatchDocument, from: number, to: number): Promise<string[] | null> {
    let pending = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_REDRAWS) throw new Error(`stamps ${from}–${to} of batch ${String(batch._id)} could not be stored`);
      const serials = newSerials(pending.length);
      const complete = await this.stamps.insertChunk(pending.map((seq, i) => this.stampDoc(batch, serials[i] as string, seq)));
      if (complete) return round === 0 ? serials : null;
      const stored = new Set(await this.stamps.storedSeqs(String(batch._id), from, to));
      pending = pending.filter((seq) => !stored.has(seq));
    }
    return null;
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

  /** One label sheet file (≤ 5,000 labels), stored and recorded on the batch; skipped when a run before wrote it. */
  private async writePart(batch: StampBatchDocument, run: FileRun, part: number): Promise<void> {
    if (run.files.some((f) => f.kind === 'pdf' && f.part === part)) return;
    const slice = run.serials.slice((part - 1) * MAX_LABELS_PER_PDF, Math.min(batch.quantity, part * MAX_LABELS_PER_PDF));
    if (slice.length === 0 || slice.some((serial) => serial === undefined)) return; // known only after a read-back
    const batchId = String(batch._id);
    const sink = new BufferSink();
    const result = await writeLabelPdf((slice as string[]).map(this.labelOf(batch)), sink, sizeOf(batch));
    const storageKey = `stamps/${batchId}/labels-${String(part).padStart(3, '0')}.pdf`;
    const data = sink.buffer();
    await this.storage.put(storageKey, data, 'application/pdf');
    run.files = [...run.files, { kind: 'pdf', part, labels: result.labels, bytes: data.length, storageKey }];
    await this.progress(batchId, { files: run.files, filesDone: run.files.length });
  }

  private labelOf(batch: StampBatchDocument): (serial: string) => StampLabel {
    const url = stampUrlFactory({ baseUrl: this.baseUrl, gtin: batch.gtin, lotCode: batch.lotCode });
    return (serial) => ({ serial, url: url(serial), productName: batch.productName, producerName: batch.sellerName, lotCode: batch.lotCode });
  }

  /**
   * The label PDFs not written yet and the CSV. Serials this run did not store itself (a restarted run, a redrawn
   * chunk) are read back first, and the stored count must be exactly the batch's quantity.
   */
  private async writeFiles(batch: StampBatchDocument, run: FileRun): Promise<void> {
    const batchId = String(batch._id);
    if (run.serials.length !== batch.quantity || run.serials.some((serial) => serial === undefined)) {
      const serials = new Array<string>(batch.quantity);
      let count = 0;
      for await (const row of this.stamps.serialsOf(batchId)) {
        if (row.seq >= 0 && row.seq < batch.quantity && serials[row.seq] === undefined) count++;
        serials[row.seq] = row._id;
      }
      if (count !== batch.quantity) throw new Error(`batch ${batchId}: ${count} of ${batch.quantity} stamps stored`);
      run.serials = serials;
    }
    const parts = Math.ceil(batch.quantity / MAX_LABELS_PER_PDF);
    for (let part = 1; part <= parts; part++) await this.writePart(batch, run, part);
    if (!run.files.some((f) => f.kind === 'csv')) {
      const sink = new BufferSink();
      // Rows are made as the CSV asks for them (a 200,000-label array would be tens of MB of the worker's memory).
      const label = this.labelOf(batch);
      const serials = run.serials as string[];
      const result = await writeStampCsv((function* rows() { for (const serial of serials) yield label(serial); })(), sink);
      const storageKey = `stamps/${batchId}/stamps.csv`;
      const data = sink.buffer();
      await this.storage.put(storageKey, data, 'text/csv');
      run.files = [...run.files, { kind: 'csv', part: 1, labels: result.rows, bytes: data.length, storageKey }];
      await this.progress(batchId, { files: run.files, filesDone: run.files.length });
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
