import { signal } from '@angular/core';
import { ApiError, toApiError } from '@nss/web-data-access';
import { Observable } from 'rxjs';

/** Per-item decision state of a review queue: which item is being sent, its error, and what was decided. */
export class ReviewQueue {
  readonly busyId = signal<string | null>(null);
  readonly errors = signal<Partial<Record<string, ApiError>>>({});
  /** Items decided in this visit, kept out of the list until the next reload. */
  readonly done = signal<Record<string, 'approve' | 'reject'>>({});

  send(id: string, decision: 'approve' | 'reject', request: Observable<unknown>, after: () => void): void {
    this.busyId.set(id);
    this.errors.update(({ [id]: _, ...rest }) => rest);
    request.subscribe({
      next: () => {
        this.busyId.set(null);
        this.done.update((d) => ({ ...d, [id]: decision }));
        after();
      },
      error: (e: unknown) => {
        this.busyId.set(null);
        this.errors.update((all) => ({ ...all, [id]: toApiError(e) }));
      },
    });
  }
}
