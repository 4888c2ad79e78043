/**
 * Queue names and typed job payloads shared by the API (producer) and the worker (consumer). The worker refuses to
 * start if a job name here has no handler. Job ids are derived from the payload so enqueueing is idempotent.
 */
export const QUEUES = {
  media: 'media',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface MediaJobs {
  /** Make the thumbnail and the display size of an uploaded product photo. */
  'photo.thumbnails': { photoId: string; storageKey: string };
}

export const MEDIA_JOB_NAMES: ReadonlyArray<keyof MediaJobs> = ['photo.thumbnails'];

/** BullMQ refuses custom job ids containing ':' (its key separator), hence '__'. */
export function mediaJobId<K extends keyof MediaJobs>(name: K, payload: MediaJobs[K]): string {
  return `${name}__${payload.photoId}`;
}
