import type { StampBatch } from '@nss/contracts';
import { needsPolling } from './stamp-files';
import type { StampsApi } from './stamps.api';

/**
 * Asks again, every `ms`, about the batches of a page that are still awaited (requested, approved, being made) or
 * have a range change being applied, one round at a time; stops when none is left, and for good on `stop()` (the page
 * is left).
 */
export class BatchPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly api: StampsApi,
    private readonly ms: number,
    private readonly batches: () => readonly StampBatch[],
    private readonly replace: (batch: StampBatch) => void,
  ) {}

  /** (Re)starts the wait for the next round when some batch needs it. */
  schedule(): void {
    this.clear();
    const waiting = this.batches().filter(needsPolling);
    if (this.stopped || !waiting.length) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      let left = waiting.length;
      const next = () => {
        if (--left === 0) this.schedule();
      };
      for (const b of waiting) {
        this.api.get(b.id).subscribe({
          next: (fresh) => {
            if (!this.stopped) this.replace(fresh);
            next();
          },
          error: next,
        });
      }
    }, this.ms);
  }

  /** The page is gone: no more rounds. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
