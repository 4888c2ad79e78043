import { InjectionToken } from '@angular/core';
import type { StampBatch, StampBatchFile } from '@nss/contracts';

/** How often the seller's page asks again about batches being made (ms). */
export const STAMP_POLL_MS = new InjectionToken<number>('STAMP_POLL_MS', { factory: () => 2000 });

/** Statuses the worker has yet to finish: the page polls while one of its batches is in them. */
export const IN_PROGRESS: readonly StampBatch['status'][] = ['approved', 'generating'];
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
