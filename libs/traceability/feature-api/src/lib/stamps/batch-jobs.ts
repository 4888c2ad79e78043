import type { Queue } from 'bullmq';
import { type StampJobs, stampJobId, stampRangeJobId } from '@nss/server-core';

/** Every write of a batch document (API and worker) holds this lock: guarded updates are not atomic on FerretDB. */
export const BATCH_LOCK = 'stamp-batch';

/** Queues the generation of a batch (idempotent: one job id per batch; retried with backoff). */
export async function enqueueGeneration(queue: Queue, batchId: string): Promise<void> {
  const data: StampJobs['stamps.generate'] = { batchId };
  await queue.add('stamps.generate', data, {
    jobId: stampJobId(batchId),
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

/**
 * Queues the pending range change `key` of a batch (idempotent: one job id per change; retried with backoff). A job that
 * ran out of attempts is removed, so the sweep queues the change again: a pending change is never left behind.
 */
export async function enqueueRangeChange(queue: Queue, batchId: string, key: string): Promise<void> {
  const data: StampJobs['stamps.range'] = { batchId, key };
  await queue.add('stamps.range', data, {
    jobId: stampRangeJobId(key),
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: true,
    removeOnFail: true,
  });
}
