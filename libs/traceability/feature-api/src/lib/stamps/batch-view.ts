import type { StampBatch as StampBatchView, StampBatchProgress } from '@nss/contracts';
import type { StampBatch } from './stamp-batch.schema';
import { pendingView } from './stamp-range-changes';

type WithId<T> = T & { _id: unknown };

/**
 * The worker's progress: stamps stored of the total, and the time left at the pace since it started (null before it
 * stored anything, and once the batch is no longer being made).
 */
export function batchProgress(batch: Pick<StampBatch, 'made' | 'quantity' | 'status' | 'startedAt'>, now = new Date()): StampBatchProgress {
  const total = batch.quantity;
  const made = Math.min(batch.made ?? 0, total);
  const percent = batch.status === 'ready' ? 100 : Math.min(100, Math.floor((made * 100) / Math.max(1, total)));
  let secondsLeft: number | null = null;
  if ((batch.status === 'generating' || batch.status === 'approved') && batch.startedAt && made > 0) {
    const elapsed = Math.max(0, now.getTime() - batch.startedAt.getTime()) / 1000;
    secondsLeft = Math.max(0, Math.ceil((elapsed / made) * (total - made)));
  }
  return { made, total, percent, secondsLeft };
}

export function batchView(batch: WithId<StampBatch>, now = new Date()): StampBatchView {
  const id = String(batch._id);
  return {
    id,
    code: batch.code,
    lotId: batch.lotId,
    lotCode: batch.lotCode,
    productId: batch.productId,
    productName: batch.productName,
    gtin: batch.gtin ?? null,
    sellerId: batch.sellerId,
    sellerName: batch.sellerName,
    provinceCode: batch.provinceCode,
    communeCode: batch.communeCode,
    quantity: batch.quantity,
    labelSize: { widthMm: batch.labelSize.widthMm, heightMm: batch.labelSize.heightMm },
    status: batch.status,
    autoApproved: batch.autoApproved,
    decidedAt: batch.decidedAt ? batch.decidedAt.toISOString() : null,
    rejectReason: batch.rejectReason ?? null,
    progress: batchProgress(batch, now),
    files: (batch.files ?? [])
      .slice()
      .sort((a, b) => (a.kind === b.kind ? a.part - b.part : a.kind === 'pdf' ? -1 : 1))
      .map((f) => ({
        kind: f.kind,
        part: f.part,
        labels: f.labels,
        bytes: f.bytes,
        url: f.kind === 'pdf' ? `/api/stamp-batches/${id}/files/${f.part}.pdf` : `/api/stamp-batches/${id}/stamps.csv`,
      })),
    activated: batch.activated ?? 0,
    pendingChange: batch.pendingChange ? pendingView(batch.pendingChange) : null,
    startedAt: batch.startedAt ? batch.startedAt.toISOString() : null,
    finishedAt: batch.finishedAt ? batch.finishedAt.toISOString() : null,
    error: batch.error ?? null,
    createdAt: batch.createdAt.toISOString(),
    updatedAt: batch.updatedAt.toISOString(),
  };
}
