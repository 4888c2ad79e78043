import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { mongo, Types } from 'mongoose';
import { MAX_LABELS_PER_PDF } from '@nss/trace-labels';
import { enqueueGeneration } from '@nss/traceability-api';
import { tail, WorkerHarness } from '../support/worker-harness';

/**
 * A worker process killed with SIGKILL in the middle of a batch of 30,000 stamps, then started again: the job is
 * taken up again (stalled), the generator continues from what is stored, and the batch ends ready with exactly N
 * distinct stamps, seq 0 … N−1, the stamps stored before the kill unchanged, its PDFs and CSV, and one issued event.
 * The worker runs from the build (`dist/apps/worker/main.js`, made by the build stage before the integration tests)
 * or, without one, from its TypeScript sources through ts-node (slower to start).
 */

/** The worker consumes the `stamps` queue: a Redis database of its own, so it never takes other files' jobs. */
const KILL_REDIS_DB = 13;
const N = 30_000;

describe('stamp batch generation survives kill -9 of the worker (real processes, database and Redis)', () => {
  const harness = new WorkerHarness('stamps-kill', KILL_REDIS_DB, { TRACE_BASE_URL: 'https://truyxuat.example.vn' });
  let db: mongo.Db;
  let queue: Queue;
  const startWorker = (worker: string) => harness.startWorker(worker);
  const batchOf = (id: Types.ObjectId) => db.collection('stamp_batches').findOne({ _id: id });

  beforeAll(async () => {
    await harness.open();
    ({ db, queue } = harness);
  });

  afterAll(() => harness.close());

  it(`ends with exactly ${N} distinct stamps, seq 0 … ${N - 1}, after the worker was killed mid-batch`, async () => {
    const batchId = new Types.ObjectId();
    const now = new Date();
    await db.collection('stamp_batches').insertOne({
      _id: batchId,
      code: `LT${randomBytes(4).toString('hex').toUpperCase()}`,
      lotId: new Types.ObjectId().toHexString(),
      lotCode: 'TN-2026-07',
      productId: new Types.ObjectId().toHexString(),
      productName: 'Chè búp Tân Cương',
      gtin: null,
      sellerId: new Types.ObjectId().toHexString(),
      sellerName: 'HTX Chè Tân Cương',
      provinceCode: '19',
      communeCode: '05503',
      quantity: N,
      labelSize: { widthMm: 40, heightMm: 25 },
      status: 'approved',
      autoApproved: false,
      requestedByUserId: new Types.ObjectId().toHexString(),
      decidedByUserId: new Types.ObjectId().toHexString(),
      decidedAt: now,
      rejectReason: null,
      made: 0,
      filesDone: 0,
      files: [],
      startedAt: null,
      finishedAt: null,
      cancelRequested: false,
      error: null,
      activations: 0,
      activated: 0,
      voidings: 0,
      lockFence: null,
      createdAt: now,
      updatedAt: now,
    });
    await enqueueGeneration(queue, batchId.toHexString());

    // First worker: killed once it has stored a part of the batch (and is going on storing).
    const first = startWorker('worker-1');
    const deadline = Date.now() + 180_000;
    let made = 0;
    while (made < 4000) {
      if (Date.now() > deadline || first.child.exitCode !== null) throw new Error(`the first worker made ${made} stamps:\n${tail(first.log)}`);
      made = (await batchOf(batchId))?.['made'] ?? 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const atKill = await batchOf(batchId);
    expect(atKill?.['status']).toBe('generating');
    const storedAtKill = await db.collection('stamps').countDocuments({ batchId: batchId.toHexString() });
    expect(storedAtKill).toBeGreaterThanOrEqual(4000);
    expect(storedAtKill).toBeLessThan(N);
    const before = await db
      .collection('stamps')
      .find({ batchId: batchId.toHexString(), seq: { $lt: 1000 } })
      .project({ _id: 1, seq: 1 })
      .toArray();
    expect(before).toHaveLength(1000);

    // Second worker: takes the stalled job up again and finishes the batch.
    const second = startWorker('worker-2');
    const finish = Date.now() + 360_000;
    for (;;) {
      const batch = await batchOf(batchId);
      if (batch?.['status'] === 'ready') break;
      if (Date.now() > finish || second.child.exitCode !== null || batch?.['status'] === 'failed') {
        throw new Error(`batch is ${batch?.['status']} (made ${batch?.['made']}, error ${batch?.['error']}):\n${tail(second.log)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const stamps = await db
      .collection('stamps')
      .find({ batchId: batchId.toHexString() })
      .project({ _id: 1, seq: 1 })
      .toArray();
    expect(stamps).toHaveLength(N);
    expect(new Set(stamps.map((s) => s['_id'])).size).toBe(N);
    const seqs = stamps.map((s) => Number(s['seq'])).sort((a, b) => a - b);
    expect(seqs[0]).toBe(0);
    expect(seqs[N - 1]).toBe(N - 1);
    expect(new Set(seqs).size).toBe(N);
    // What was stored before the kill was kept, not made again.
    const after = new Map(stamps.map((s) => [Number(s['seq']), String(s['_id'])]));
    expect(before.filter((s) => after.get(Number(s['seq'])) !== String(s['_id']))).toEqual([]);

    const ready = await batchOf(batchId);
    const files = (ready?.['files'] ?? []) as Array<{ kind: string; part: number; labels: number }>;
    expect(files.filter((f) => f.kind === 'pdf').map((f) => f.labels)).toEqual(Array.from({ length: Math.ceil(N / MAX_LABELS_PER_PDF) }, () => MAX_LABELS_PER_PDF));
    expect(files.filter((f) => f.kind === 'csv').map((f) => f.labels)).toEqual([N]);
    expect(ready?.['made']).toBe(N);
    const issued = await db.collection('trace_events').find({ key: `stamps.issued:${batchId.toHexString()}` }).toArray();
    expect(issued.map((e) => e['count'])).toEqual([N]);
    second.child.kill('SIGTERM');
  }, 600_000);
});
