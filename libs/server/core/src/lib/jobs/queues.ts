/**
 * Queue names and typed job payloads shared by the API (producer) and the worker (consumer). The worker refuses to
 * start if a job name here has no handler. Job ids are derived from the payload so enqueueing is idempotent.
 */
export const QUEUES = {
  media: 'media',
  maintenance: 'maintenance',
  notifications: 'notifications',
  /** Orders' own jobs (consumed by OrdersWorkerModule). */
  orders: 'orders',
  /** Checkout expiry: produced by orders at checkout, consumed by payments (PaymentsWorkerModule). */
  checkoutExpiry: 'checkout-expiry',
  /** Stamp batch generation (traceability: produced by StampsModule, consumed by TraceabilityWorkerModule). */
  stamps: 'stamps',
  /** Reporting: the ingest of domain events into deltas and rollups (ReportingWorkerModule). */
  reporting: 'reporting',
  /** Reporting's export files and the monthly report (ReportingWorkerModule): long jobs, away from the 5-second ingest. */
  reportExports: 'report-exports',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface MediaJobs {
  /** Make the thumbnail and the display size of an uploaded product photo. */
  'photo.thumbnails': { photoId: string; storageKey: string; /** absent in jobs queued before keys were random */ productId?: string };
}

export const MEDIA_JOB_NAMES: ReadonlyArray<keyof MediaJobs> = ['photo.thumbnails'];

/** BullMQ refuses custom job ids containing ':' (its key separator), hence '__'. */
export function mediaJobId<K extends keyof MediaJobs>(name: K, payload: MediaJobs[K]): string {
  return `${name}__${payload.photoId}`;
}

/** Housekeeping that MongoDB would do with TTL indexes (FerretDB has none): run on a schedule by the worker. */
export interface MaintenanceJobs {
  /** Delete refresh tokens past their expiry. */
  'sessions.purge': Record<string, never>;
}

export const MAINTENANCE_JOB_NAMES: ReadonlyArray<keyof MaintenanceJobs> = ['sessions.purge'];

/** Messages to phones (notifications domain). The job carries only the message id; the message holds the rest. */
export interface NotificationJobs {
  /** Deliver (or go on delivering) one message from the outbox. */
  'message.deliver': { messageId: string };
  /** Re-queue messages whose delivery job was lost (written, then the enqueue failed): the outbox relay. */
  'outbox.sweep': Record<string, never>;
}

export const NOTIFICATION_JOB_NAMES: ReadonlyArray<keyof NotificationJobs> = ['message.deliver', 'outbox.sweep'];

/** One job per message and delivery generation (a replay starts a new generation), so enqueueing twice is harmless. */
export function notificationJobId(payload: NotificationJobs['message.deliver'], generation: number): string {
  return `message.deliver__${payload.messageId}__${generation}`;
}

/** Orders' jobs (queue `orders`), all handled by OrdersWorkerModule. */
export interface OrderJobs {
  /** Run the consumers (messages, ledger, first sale) of one order event; jobId = `order-event.dispatch__<eventId>`. */
  'order-event.dispatch': { eventId: string };
  /** Re-queue order events left undispatched (written, then the enqueue failed or the worker died). */
  'order-events.sweep': Record<string, never>;
  /** Complete prepaid orders delivered more than ORDER_AUTO_COMPLETE_DAYS ago. */
  'orders.auto-complete': Record<string, never>;
}

export const ORDER_JOB_NAMES: ReadonlyArray<keyof OrderJobs> = ['order-event.dispatch', 'order-events.sweep', 'orders.auto-complete'];

export function orderEventJobId(eventId: string): string {
  return `order-event.dispatch__${eventId}`;
}

/**
 * Checkout expiry (queue `checkout-expiry`): enqueued by orders at checkout (delay = ORDER_EXPIRY_VNPAY_SECONDS /
 * ORDER_EXPIRY_BANK_TRANSFER_SECONDS; COD has none), handled by payments: it asks the gateway first, then calls
 * `OrderPayments.expireCheckout`. A queue of its own so each worker module handles every job of the queues it consumes.
 */
export interface CheckoutExpiryJobs {
  'checkout.expire': { checkoutId: string };
}

export const CHECKOUT_EXPIRY_JOB_NAMES: ReadonlyArray<keyof CheckoutExpiryJobs> = ['checkout.expire'];

export function checkoutExpireJobId(checkoutId: string): string {
  return `checkout.expire__${checkoutId}`;
}

/** Traceability's stamp batches (queue `stamps`), handled by TraceabilityWorkerModule. */
export interface StampJobs {
  /**
   * Make (or go on making, after a restart) the stamps, label PDFs and CSV of one approved batch. The job carries only
   * the batch id; the batch document holds the rest and the progress.
   */
  'stamps.generate': { batchId: string };
  /**
   * Apply (or go on applying, after a restart) the pending range activation or voiding of a batch, in seq chunks. `key`
   * is the change's event key (`stamps.activated:<batchId>:<n>` / `stamps.voided:<batchId>:<n>`); the batch holds the
   * rest and the progress.
   */
  'stamps.range': { batchId: string; key: string };
  /** Queue the generation of approved batches and the pending range changes whose job was lost. */
  'stamps.sweep': Record<string, never>;
}

export const STAMP_JOB_NAMES: ReadonlyArray<keyof StampJobs> = ['stamps.generate', 'stamps.range', 'stamps.sweep'];

/** One generation job per batch: enqueueing it twice (approval retried, a sweep) is harmless. */
export function stampJobId(batchId: string): string {
  return `stamps.generate__${batchId}`;
}

/** One job per range change (its event key, with `:` made `_`): queued again by the sweep, it runs once. */
export function stampRangeJobId(key: string): string {
  return `stamps.range__${key.replace(/:/g, '_')}`;
}

/** Reporting's jobs (queue `reporting`), handled by ReportingWorkerModule. */
export interface ReportJobs {
  /**
   * Read new domain events into deltas (one per event), then recompute the rollups of the (province, day) pairs they
   * touched. Scheduled every few seconds; a run that finds another one working (its lock) returns at once.
   */
  'report.ingest': Record<string, never>;
}

export const REPORT_JOB_NAMES: ReadonlyArray<keyof ReportJobs> = ['report.ingest'];

/** Reporting's export files (queue `report-exports`), handled by ReportingWorkerModule. */
export interface ReportExportJobs {
  /** Make (or make again, after a crash) the file of one export; the export document holds the rest and the progress. */
  'report-export.build': { exportId: string };
  /** On the first day of a month (Vietnam time): last month's report of each province with staff, once. Scheduled hourly. */
  'report-exports.monthly': Record<string, never>;
  /** Queue the build of exports left queued or running whose job was lost. */
  'report-exports.sweep': Record<string, never>;
}

export const REPORT_EXPORT_JOB_NAMES: ReadonlyArray<keyof ReportExportJobs> = ['report-export.build', 'report-exports.monthly', 'report-exports.sweep'];

/** One build job per export (its id, with `:` made `_`): queued again by the sweep or a retry, it runs once. */
export function reportExportJobId(exportId: string): string {
  return `report-export.build__${exportId.replace(/:/g, '_')}`;
}

/** Fails unless every declared job name has a handler, so a worker with a missing handler refuses to start. */
export function assertEveryJobHandled(queue: string, names: ReadonlyArray<string>, handlers: Record<string, unknown>): void {
  const missing = names.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`Queue "${queue}": no handler for job(s) ${missing.join(', ')}`);
}
