import type { Queue } from 'bullmq';
import { type StampJobs, stampJobId } from '@nss/server-core';

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
