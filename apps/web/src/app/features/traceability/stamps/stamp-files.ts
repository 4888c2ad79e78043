import { InjectionToken } from '@angular/core';
import type { StampBatch, StampBatchFile } from '@nss/contracts';

/** How often the seller's page asks again about batches being made (ms). */
export const STAMP_POLL_MS = new InjectionToken<number>('STAMP_POLL_MS', { factory: () => 2000 });

/** Statuses the worker has yet to finish (the page shows their progress bar). */
export const IN_PROGRESS: readonly StampBatch['status'][] = ['approved', 'generating'];
/** Statuses still waiting for staff or the worker: the seller's page asks again until the batch is ready or closed. */
export const AWAITED: readonly StampBatch['status'][] = ['requested', 'approved', 'generating'];

/** Labels in one PDF file (one print run), as the worker splits them. */
export const LABELS_PER_PDF = 5000;

/** Whether the page should ask about a batch again: still awaited, or a range change of it still being applied. */
export function needsPolling(batch: StampBatch): boolean {
  return AWAITED.includes(batch.status) || batch.pendingChange !== null;
}

/** A batch's print runs: each PDF part and its seqs (part 1: 0 … 4,999; the last part ends at quantity − 1). */
export function printRuns(batch: StampBatch): Array<{ part: number; fromSeq: number; toSeq: number }> {
  return batch.files
    .filter((f) => f.kind === 'pdf')
    .map((f) => ({ part: f.part, fromSeq: (f.part - 1) * LABELS_PER_PDF, toSeq: Math.min(batch.quantity, f.part * LABELS_PER_PDF) - 1 }));
}
/** Statuses a batch may still be cancelled in. */
export const CANCELLABLE: readonly StampBatch['status'][] = ['requested', 'approved', 'generating'];

/** The name the browser saves a batch's file under: `tem-<code>-<part>.pdf`, `tem-<code>.csv`. */
export function fileName(batch: StampBatch, file: StampBatchFile): string {
  return file.kind === 'pdf' ? `tem-${batch.code}-${file.part}.pdf` : `tem-${batch.code}.csv`;
}

/** Hands a file fetched with the bearer token to the browser as a download (through an object URL). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A count in the language's digit grouping: "1.200" (vi), "1,200" (en). */
export function formatCount(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN');
}
