import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, InjectionToken, computed, effect, inject, signal, untracked, type Signal } from '@angular/core';
import { AuthSession, toApiError } from '@nss/web-data-access';
import { Subject, firstValueFrom } from 'rxjs';
import { LotsApi } from './lots.api';
import type { CreateDiaryEntryRequest, DiaryEntry } from './lots.models';
import { DIARY_OUTBOX_STORE, type OutboxRecord } from './outbox-store';

/** What became of a submitted entry: stored on the server, or kept on the device until it can be sent. */
export type DiarySubmission = { state: 'sent'; entry: DiaryEntry } | { state: 'queued'; lotId: string; draft: CreateDiaryEntryRequest };

/** Is the device online, and tell me when it comes back (the browser's `navigator.onLine` and `online` event). */
export interface NetworkStatus {
  isOnline(): boolean;
  onOnline(listener: () => void): () => void;
}

export const DIARY_NETWORK = new InjectionToken<NetworkStatus>('DIARY_NETWORK', {
  providedIn: 'root',
  factory: () => ({
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    onOnline: (listener) => {
      if (typeof window === 'undefined') return () => undefined;
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
  }),
});

/**
 * Backoff between sends that got no answer: 2 s, 4 s, 8 s … at most 5 minutes (an `online` event sends at once).
 * `answerMs`: how long the form waits for the server on a weak signal before it says "waiting to send" (the send goes
 * on in the background).
 */
export interface DiaryRetry {
  baseMs: number;
  maxMs: number;
  answerMs?: number;
}

export const DIARY_RETRY = new InjectionToken<DiaryRetry>('DIARY_RETRY', {
  providedIn: 'root',
  factory: () => ({ baseMs: 2_000, maxMs: 5 * 60_000, answerMs: 10_000 }),
});

export function retryDelay(attempts: number, retry: { baseMs: number; maxMs: number }): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

/**
 * No definitive answer, so the entry is sent again later: no network (status 0, or the service worker's 504), server
 * trouble (5xx), a session to refresh (401: the interceptor already tried; the user signs in again), a concurrent send
 * of the same id (409) or a rate limit (429). Any other 4xx is the server refusing this entry: sending it again
 * would get the same answer.
 */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof HttpErrorResponse)) return false;
  return err.status === 0 || err.status >= 500 || [401, 408, 409, 429].includes(err.status);
}

type Outcome = { kind: 'sent'; entry: DiaryEntry } | { kind: 'retry' } | { kind: 'refused'; err: HttpErrorResponse };

/**
 * Where the diary pages hand a new entry (issue 7 § 1, the offline diary). The entry carries its device-made
 * `clientId` (`newClientId()`), so sending it any number of times stores it once.
 *
 * `submit` writes the entry to the device first (IndexedDB, `DIARY_OUTBOX_STORE`), then sends it when online.
 * Answered 200/201 → removed from the device, `sent`. Offline, no answer (see `isRetryable`) or none within
 * `answerMs` (a weak signal; the send goes on) → kept, `queued`, and
 * sent again on the `online` event, after a backoff, and when the app starts (a reload keeps the entries). Refused
 * (another 4xx) while the form is open → removed and thrown, so the form shows the server's errors on its fields;
 * refused later, in the background → kept as `failed` with the server's message until the user discards it.
 * `records` (all of the signed-in user's) and `forLot(id)` feed the "waiting to send" state of the pages; `sent$`
 * tells them when a queued entry got stored.
 */
@Injectable({ providedIn: 'root' })
export class DiaryOutbox {
  private readonly api = inject(LotsApi);
  private readonly store = inject(DIARY_OUTBOX_STORE);
  private readonly network = inject(DIARY_NETWORK);
  private readonly retry = inject(DIARY_RETRY);
  private readonly session = inject(AuthSession);

  private readonly all = signal<readonly OutboxRecord[]>([]);
  private readonly userId = computed(() => this.session.user()?.id ?? null);
  /** The signed-in user's entries not stored on the server yet, oldest first. */
  readonly records: Signal<readonly OutboxRecord[]> = computed(() => {
    const user = this.userId();
    return this.all()
      .filter((r) => r.userId === user)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
  private readonly sentEntries = new Subject<DiaryEntry>();
  /** Entries stored by a background send (not those `submit` answered `sent`). */
  readonly sent$ = this.sentEntries.asObservable();

  /** Resolves once the records kept on the device are loaded. */
  readonly ready: Promise<void>;
  private readonly inFlight = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;

  constructor() {
    this.ready = this.store
      .all()
      .then((records) => this.all.set(records))
      .catch(() => undefined);
    const stop = this.network.onOnline(() => void this.flush());
    inject(DestroyRef).onDestroy(() => {
      stop();
      this.clearTimer();
    });
    // On start and whenever someone else signs in: send what that user left waiting.
    effect(() => {
      this.userId();
      untracked(() => void this.flush());
    });
  }

  forLot(lotId: string): Signal<readonly OutboxRecord[]> {
    return computed(() => this.records().filter((r) => r.lotId === lotId));
  }

  async submit(lotId: string, draft: CreateDiaryEntryRequest): Promise<DiarySubmission> {
    await this.ready;
    const record: OutboxRecord = {
      clientId: draft.clientId,
      lotId,
      draft,
      userId: this.userId(),
      createdAt: new Date().toISOString(),
      state: 'waiting',
      attempts: 0,
      error: null,
    };
    await this.save(record);
    if (!this.network.isOnline()) return { state: 'queued', lotId, draft };
    const sending = this.send(record);
    const outcome = await this.within(sending, this.retry.answerMs ?? 10_000);
    if (outcome === 'slow') {
      // A weak signal: the entry is safe on the device; the answer, when it comes, is handled as a background send's.
      void sending.then((late) => this.settleBackground(record, late));
      return { state: 'queued', lotId, draft };
    }
    if (outcome.kind === 'sent') {
      // The network is back: whatever was waiting for the backoff goes now.
      if (this.records().some((r) => r.state === 'waiting')) void this.flush();
      return { state: 'sent', entry: outcome.entry };
    }
    if (outcome.kind === 'refused') {
      await this.remove(record.clientId);
      throw outcome.err;
    }
    return { state: 'queued', lotId, draft };
  }

  /**
   * Sends the signed-in user's waiting entries (only theirs: their token sends them), oldest first; stops at the first
   * one that gets no answer.
   */
  flush(): Promise<void> {
    this.flushing ??= this.flushAll().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Sends a failed entry again (the user may have fixed what the server objected to, e.g. a closed session). */
  async resend(clientId: string): Promise<void> {
    const record = this.all().find((r) => r.clientId === clientId);
    if (!record) return;
    await this.save({ ...record, state: 'waiting', attempts: 0, error: null });
    await this.flush();
  }

  /** Forgets an entry the server refused. */
  async discard(clientId: string): Promise<void> {
    await this.remove(clientId);
  }

  private async flushAll(): Promise<void> {
    await this.ready;
    this.clearTimer();
    for (const record of this.records().filter((r) => r.state === 'waiting')) {
      if (!this.network.isOnline()) return;
      if (this.inFlight.has(record.clientId)) continue;
      const outcome = await this.send(record);
      await this.settleBackground(record, outcome);
      if (outcome.kind === 'retry') return; // no answer: the rest would not get one either; `send` scheduled the next try
    }
  }

  private async settleBackground(record: OutboxRecord, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'sent') this.sentEntries.next(outcome.entry);
    else if (outcome.kind === 'refused') await this.save({ ...record, state: 'failed', error: toApiError(outcome.err) });
  }

  private async within(sending: Promise<Outcome>, ms: number): Promise<Outcome | 'slow'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), ms)));
    try {
      return await Promise.race([sending, slow]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(record: OutboxRecord): Promise<Outcome> {
    this.inFlight.add(record.clientId);
    try {
      const entry = await firstValueFrom(this.api.addEntry(record.lotId, record.draft));
      await this.remove(record.clientId);
      return { kind: 'sent', entry };
    } catch (err: unknown) {
      if (err instanceof HttpErrorResponse && !isRetryable(err)) return { kind: 'refused', err };
      const attempts = record.attempts + 1;
      const current = this.all().find((r) => r.clientId === record.clientId);
      if (current) await this.save({ ...current, attempts });
      this.schedule(retryDelay(attempts, this.retry));
      return { kind: 'retry' };
    } finally {
      this.inFlight.delete(record.clientId);
    }
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Device first, then the signal; a device that cannot store (private mode, full) still keeps it for this page. */
  private async save(record: OutboxRecord): Promise<void> {
    try {
      await this.store.put(record);
    } catch {
      // kept in memory only
    }
    this.all.update((list) => [...list.filter((r) => r.clientId !== record.clientId), record]);
  }

  private async remove(clientId: string): Promise<void> {
    try {
      await this.store.delete(clientId);
    } catch {
      // gone from the page at least; a later replay is answered 200 by the server
    }
    this.all.update((list) => list.filter((r) => r.clientId !== clientId));
  }
}
