import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { mongo, Types } from 'mongoose';
import { enqueueRangeChange } from '@nss/traceability-api';
import { tail, WorkerHarness } from '../support/worker-harness';

/**
 * A worker process killed with SIGKILL in the middle of a large range activation (12,000 stamps, chunks of 1,000),
 * then started again: the job is taken up again (stalled), goes on from the progress stored on the batch, and the
 * batch ends with every stamp of the range active, `activated` and `activations` right, no pending change, and exactly
 * one `stamps.activated:<batchId>:1` event counting the whole range. The worker runs from the build
 * (`dist/apps/worker/main.js`) or, without one, from its TypeScript sources through ts-node (slower to start).
 */

/** The worker consumes the `stamps` queue: a Redis database of its own, so it never takes other files' jobs. */
const KILL_REDIS_DB = 14;
const N = 12_000;
/** Stamps already active before the change (seq 0 … 499): the change activates the other N − 500. */
const ACTIVE_BEFORE = 500;

describe('a large range activation survives kill -9 of the worker (real processes, database and Redis)', () => {
  const harness = new WorkerHarness('range-kill', KILL_REDIS_DB, { TRACE_RANGE_SYNC_MAX: '5000' });
  let db: mongo.Db;
  let queue: Queue;
  const startWorker = (worker: string) => harness.startWorker(worker);
  const batchOf = (id: Types.ObjectId) => db.collection('stamp_batches').findOne({ _id: id });

  beforeAll(async () => {
    await harness.open();
    ({ db, queue } = harness);
  });

  afterAll(() => harness.close());

  /** A ready batch of N stamps, the first ACTIVE_BEFORE active, with a pending activation of the whole batch. */
  async function aBatchWithPendingActivation(): Promise<{ batchId: Types.ObjectId; key: string }> {
    const batchId = new Types.ObjectId();
    const id = batchId.toHexString();
    const now = new Date();
    const owner = { lotId: new Types.ObjectId().toHexString(), productId: new Types.ObjectId().toHexString(), sellerId: new Types.ObjectId().toHexString() };
    const where = { provinceCode: '19', communeCode: '05503' };
    for (let from = 0; from < N; from += 1000) {
      const docs = Array.from({ length: Math.min(1000, N - from) }, (_, i) => {
        const seq = from + i;
        const active = seq < ACTIVE_BEFORE;
        return {
          _id: `K${randomBytes(8).toString('hex').toUpperCase()}${seq}`,
          batchId: id,
          seq,
          ...owner,
          ...where,
          status: active ? 'active' : 'inactive',
          activatedAt: active ? now : null,
          printRun: null,
          voidReason: null,
          firstScanAt: null,
          scanCount: 0,
          lastScans: [],
          soldOrderId: null,
          soldAt: null,
          lockFence: null,
        };
      });
      await db.collection('stamps').insertMany(docs as unknown as mongo.OptionalId<mongo.Document>[], { ordered: false });
    }
    const key = `stamps.activated:${id}:2`;
    await db.collection('stamp_batches').insertOne({
      _id: batchId,
      code: `LT${randomBytes(4).toString('hex').toUpperCase()}`,
      ...owner,
      lotCode: 'TN-2026-07',
      productName: 'Chè búp Tân Cương',
      gtin: null,
      sellerName: 'HTX Chè Tân Cương',
      ...where,
      quantity: N,
      labelSize: { widthMm: 40, heightMm: 25 },
      status: 'ready',
      autoApproved: false,
      requestedByUserId: owner.sellerId,
      decidedByUserId: null,
      decidedAt: now,
      rejectReason: null,
      made: N,
      filesDone: 0,
      files: [],
      startedAt: now,
      finishedAt: now,
      cancelRequested: false,
      error: null,
      activations: 1,
      activated: ACTIVE_BEFORE,
      voidings: 0,
      pendingChange: {
        key,
        status: 'active',
        n: 2,
        fromSeq: 0,
        toSeq: N - 1,
        printRun: 'Lần in 2',
        reason: null,
        done: 0,
        changed: null,
        activeDelta: null,
        requestedByUserId: owner.sellerId,
        requestedAt: now,
      },
      lockFence: null,
      createdAt: now,
      updatedAt: now,
    });
    return { batchId, key };
  }

  it(`ends with all ${N} stamps active, the counts right and one event, after the worker was killed mid-range`, async () => {
    const { batchId, key } = await aBatchWithPendingActivation();
    const id = batchId.toHexString();
    await enqueueRangeChange(queue, id, key);

    // First worker: killed once it went through a part of the range (and is going on).
    const first = startWorker('worker-1');
    const deadline = Date.now() + 240_000;
    let done = 0;
    while (done < 3000) {
      if (Date.now() > deadline || first.child.exitCode !== null) throw new Error(`the first worker went through ${done} stamps:\n${tail(first.log)}`);
      done = (await batchOf(batchId))?.['pendingChange']?.['done'] ?? 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const atKill = await batchOf(batchId);
    expect(atKill?.['pendingChange']).toMatchObject({ key, changed: N - ACTIVE_BEFORE, activeDelta: N - ACTIVE_BEFORE });
    expect(atKill?.['pendingChange']?.['done']).toBeLessThan(N);
    expect(atKill?.['activated']).toBe(ACTIVE_BEFORE);
    const activeAtKill = await db.collection('stamps').countDocuments({ batchId: id, status: 'active' });
    expect(activeAtKill).toBeGreaterThanOrEqual(3000);
    expect(activeAtKill).toBeLessThan(N);
    expect(await db.collection('trace_events').countDocuments({ key })).toBe(0);

    // Second worker: takes the stalled job up again and finishes the range.
    const second = startWorker('worker-2');
    const finish = Date.now() + 360_000;
    for (;;) {
      const batch = await batchOf(batchId);
      if (batch && !batch['pendingChange']) break;
      if (Date.now() > finish || second.child.exitCode !== null) {
        throw new Error(`the change is still pending (${JSON.stringify(batch?.['pendingChange'])}):\n${tail(second.log)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const byStatus = await db
      .collection('stamps')
      .aggregate<{ _id: string; n: number }>([{ $match: { batchId: id } }, { $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray();
    expect(byStatus).toEqual([{ _id: 'active', n: N }]);
    const ended = await batchOf(batchId);
    expect([ended?.['activated'], ended?.['activations'], ended?.['voidings'], ended?.['pendingChange']]).toEqual([N, 2, 0, null]);
    const events = await db.collection('trace_events').find({ key: { $regex: `^stamps\\.activated:${id}:` } }).toArray();
    expect(events.map((e) => [e['key'], e['count'], e['data']])).toEqual([[key, N - ACTIVE_BEFORE, { fromSeq: 0, toSeq: N - 1 }]]);
    second.child.kill('SIGTERM');
  }, 600_000);
});
