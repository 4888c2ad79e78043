import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthSession } from '@nss/web-data-access';
import { newClientId } from './client-id';
import { DIARY_NETWORK, DIARY_RETRY, DiaryOutbox, isRetryable, retryDelay, type DiaryRetry, type NetworkStatus } from './diary-outbox';
import type { CreateDiaryEntryRequest, DiaryEntry } from './lots.models';
import { DIARY_OUTBOX_STORE, MemoryOutboxStore, type OutboxRecord } from './outbox-store';

const LOT = 'a'.repeat(24);
const URL = `/api/lots/${LOT}/diary`;

/** A network that the test switches off and on, firing `online` as the browser does. */
class FakeNetwork implements NetworkStatus {
  online = true;
  private readonly listeners = new Set<() => void>();
  isOnline(): boolean {
    return this.online;
  }
  onOnline(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  goOnline(): void {
    this.online = true;
    for (const l of this.listeners) l();
  }
}

function aDraft(place: string): CreateDiaryEntryRequest {
  return { clientId: newClientId(), type: 'harvest', at: '2026-03-15T01:30:00.000Z', place: { text: place } };
}

function stored(draft: CreateDiaryEntryRequest, id = 'e'.repeat(24)): DiaryEntry {
  return {
    id, lotId: LOT, clientId: draft.clientId, type: draft.type, at: draft.at, place: { text: draft.place.text, communeCode: null, communeName: null },
    note: null, photoId: null, inputs: [], recordedByUserId: 'u1', recordedAt: '2026-03-15T02:00:00.000Z',
  };
}

async function tick(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('DiaryOutbox', () => {
  let store: MemoryOutboxStore;
  let network: FakeNetwork;
  let user: ReturnType<typeof signal<{ id: string } | null>>;

  /** A fresh app (a page load) over the same device store. */
  function boot(retry: DiaryRetry = { baseMs: 5, maxMs: 20 }): { outbox: DiaryOutbox; http: HttpTestingController } {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: DIARY_OUTBOX_STORE, useValue: store },
        { provide: DIARY_NETWORK, useValue: network },
        { provide: DIARY_RETRY, useValue: retry },
        { provide: AuthSession, useValue: { user } },
      ],
    });
    const outbox = TestBed.inject(DiaryOutbox);
    TestBed.tick();
    return { outbox, http: TestBed.inject(HttpTestingController) };
  }

  /** Waits (a few event-loop turns) for the outbox to send, and returns the requests it made. */
  async function sent(http: HttpTestingController, count = 1): Promise<TestRequest[]> {
    let found: TestRequest[] = [];
    for (let i = 0; i < 200 && found.length < count; i++) {
      found = [...found, ...http.match(URL)];
      if (found.length < count) await tick();
    }
    expect(found).toHaveLength(count);
    return found;
  }

  beforeEach(() => {
    store = new MemoryOutboxStore();
    network = new FakeNetwork();
    user = signal<{ id: string } | null>({ id: 'u1' });
  });

  it('online: keeps the entry on the device first, posts it with its clientId, forgets it once stored (201)', async () => {
    const { outbox, http } = boot();
    const draft = aDraft('Đồi chè');
    const result = outbox.submit(LOT, draft);
    const [req] = await sent(http);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(draft);
    expect((await store.all()).map((r) => [r.clientId, r.state, r.userId])).toEqual([[draft.clientId, 'waiting', 'u1']]);
    req.flush(stored(draft), { status: 201, statusText: 'Created' });
    await expect(result).resolves.toEqual({ state: 'sent', entry: stored(draft) });
    expect(await store.all()).toEqual([]);
    expect(outbox.records()).toEqual([]);
  });

  it('offline: answers "queued" without sending; back online, sends each entry once and forgets it (200 or 201)', async () => {
    network.online = false;
    const { outbox, http } = boot();
    const first = aDraft('Đồi chè 1');
    const second = aDraft('Đồi chè 2');
    await expect(outbox.submit(LOT, first)).resolves.toEqual({ state: 'queued', lotId: LOT, draft: first });
    await expect(outbox.submit(LOT, second)).resolves.toEqual({ state: 'queued', lotId: LOT, draft: second });
    http.expectNone(URL);
    expect(outbox.records().map((r) => [r.clientId, r.state])).toEqual([[first.clientId, 'waiting'], [second.clientId, 'waiting']]);
    expect(outbox.forLot(LOT)().length).toBe(2);
    expect(outbox.forLot('b'.repeat(24))()).toEqual([]);

    const announced: DiaryEntry[] = [];
    outbox.sent$.subscribe((e) => announced.push(e));
    network.goOnline();
    const [a] = await sent(http);
    expect(a.request.body).toEqual(first);
    a.flush(stored(first, '1'.repeat(24)), { status: 201, statusText: 'Created' });
    const [b] = await sent(http);
    expect(b.request.body).toEqual(second);
    b.flush(stored(second, '2'.repeat(24)), { status: 200, statusText: 'OK' }); // sent before, the server had it
    await tick();
    expect(announced.map((e) => e.clientId)).toEqual([first.clientId, second.clientId]);
    expect(outbox.records()).toEqual([]);
    expect(await store.all()).toEqual([]);
    http.verify();
  });

  it('no answer (network error, 5xx, 409, 429): queued, sent again with the same clientId after a backoff', async () => {
    const { outbox, http } = boot();
    const draft = aDraft('Đồi chè');
    const result = outbox.submit(LOT, draft);
    (await sent(http))[0].error(new ProgressEvent('error'), { status: 0 });
    await expect(result).resolves.toEqual({ state: 'queued', lotId: LOT, draft });
    expect((await store.all())[0]).toMatchObject({ clientId: draft.clientId, state: 'waiting', attempts: 1 });

    for (const status of [503, 409, 429]) {
      const [again] = await sent(http);
      expect(again.request.body).toEqual(draft);
      again.flush({ statusCode: status, code: 'X', message: 'x', messageEn: 'x' }, { status, statusText: 'Nope' });
    }
    const [last] = await sent(http);
    expect(last.request.body.clientId).toBe(draft.clientId);
    last.flush(stored(draft), { status: 200, statusText: 'OK' });
    await tick();
    expect(await store.all()).toEqual([]);
  });

  it('an entry sent while others wait (no "online" event, the backoff still running): sends those too', async () => {
    network.online = false;
    const { outbox, http } = boot();
    const waiting = aDraft('trước');
    await outbox.submit(LOT, waiting);
    network.online = true; // the signal came back without the browser saying so
    const fresh = aDraft('sau');
    const result = outbox.submit(LOT, fresh);
    const [now] = await sent(http);
    expect(now.request.body).toEqual(fresh);
    now.flush(stored(fresh, '3'.repeat(24)), { status: 201, statusText: 'Created' });
    await expect(result).resolves.toMatchObject({ state: 'sent' });
    const [later] = await sent(http);
    expect(later.request.body).toEqual(waiting);
    later.flush(stored(waiting, '4'.repeat(24)), { status: 201, statusText: 'Created' });
    await tick();
    expect(await store.all()).toEqual([]);
  });

  it('a weak signal (no answer within answerMs): the form hears "queued", the late answer is handled in the background', async () => {
    const { outbox, http } = boot({ baseMs: 5, maxMs: 20, answerMs: 15 });
    const announced: string[] = [];
    outbox.sent$.subscribe((e) => announced.push(e.clientId));
    const draft = aDraft('Đồi chè');
    const result = outbox.submit(LOT, draft);
    const [slow] = await sent(http);
    await expect(result).resolves.toEqual({ state: 'queued', lotId: LOT, draft });
    expect(outbox.records().map((r) => r.clientId)).toEqual([draft.clientId]);
    slow.flush(stored(draft), { status: 201, statusText: 'Created' });
    await tick();
    expect(announced).toEqual([draft.clientId]);
    expect(await store.all()).toEqual([]);
  });

  it('survives a reload: entries kept on the device are sent when the app starts again', async () => {
    network.online = false;
    const before = boot().outbox;
    const draft = aDraft('Vườn chè');
    await before.submit(LOT, draft);

    network.online = true;
    const { outbox, http } = boot(); // the page reloads, the device store stays
    await outbox.ready;
    expect(outbox.records().map((r) => r.clientId)).toEqual([draft.clientId]);
    const [req] = await sent(http);
    expect(req.request.body).toEqual(draft);
    req.flush(stored(draft), { status: 201, statusText: 'Created' });
    await tick();
    expect(await store.all()).toEqual([]);
  });

  it('refused later (400 in the background): kept as failed with the server’s message, not retried; resend or discard', async () => {
    network.online = false;
    const { outbox, http } = boot();
    const draft = aDraft('Đồi chè');
    await outbox.submit(LOT, draft);
    network.goOnline();
    const refusal = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input', issues: [{ path: 'at', message: 'Thời điểm không được ở tương lai / the time cannot be in the future' }] };
    (await sent(http))[0].flush(refusal, { status: 400, statusText: 'Bad Request' });
    await tick();
    expect(outbox.records()).toEqual([expect.objectContaining({ clientId: draft.clientId, state: 'failed', error: refusal })]);
    expect((await store.all())[0]?.state).toBe('failed');

    // Not sent again by the timer, nor by coming online again.
    await new Promise((resolve) => setTimeout(resolve, 40));
    network.goOnline();
    await tick();
    http.expectNone(URL);

    // "Send again" clears the failure and sends the same entry.
    const resend = outbox.resend(draft.clientId);
    const [again] = await sent(http);
    expect(again.request.body).toEqual(draft);
    again.flush(refusal, { status: 400, statusText: 'Bad Request' });
    await resend;
    expect(outbox.records()[0]?.state).toBe('failed');

    await outbox.discard(draft.clientId);
    expect(outbox.records()).toEqual([]);
    expect(await store.all()).toEqual([]);
  });

  it('refused while the form is open (400 to submit): throws for the form to show, and keeps nothing on the device', async () => {
    const { outbox, http } = boot();
    const result = outbox.submit(LOT, aDraft('x'));
    (await sent(http))[0].flush({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', messageEn: 'x' }, { status: 400, statusText: 'Bad Request' });
    await expect(result).rejects.toMatchObject({ status: 400 });
    expect(await store.all()).toEqual([]);
    expect(outbox.records()).toEqual([]);
  });

  it('sends only the signed-in user’s entries (a phone shared by an agent and a household)', async () => {
    const someoneElses: OutboxRecord = {
      clientId: newClientId(), lotId: LOT, draft: aDraft('other'), userId: 'u2', createdAt: '2026-03-15T01:00:00.000Z', state: 'waiting', attempts: 0, error: null,
    };
    someoneElses.draft.clientId = someoneElses.clientId;
    await store.put(someoneElses);
    const { outbox, http } = boot();
    await outbox.ready;
    await outbox.flush();
    http.expectNone(URL);
    expect(outbox.records()).toEqual([]);

    user.set({ id: 'u2' });
    TestBed.tick();
    const [req] = await sent(http);
    expect(req.request.body.clientId).toBe(someoneElses.clientId);
    req.flush(stored(someoneElses.draft), { status: 201, statusText: 'Created' });
    await tick();
    expect(await store.all()).toEqual([]);
  });

  it('keeps the entry for this page when the device cannot store it', async () => {
    network.online = false;
    store.put = () => Promise.reject(new Error('QuotaExceededError'));
    const { outbox } = boot();
    const draft = aDraft('x');
    await expect(outbox.submit(LOT, draft)).resolves.toMatchObject({ state: 'queued' });
    expect(outbox.records().map((r) => r.clientId)).toEqual([draft.clientId]);
  });
});

describe('retry rules', () => {
  it('doubles the wait from the base up to the cap', () => {
    const retry = { baseMs: 2_000, maxMs: 300_000 };
    expect([1, 2, 3, 4, 8, 9, 50].map((n) => retryDelay(n, retry))).toEqual([2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000]);
  });

  it('retries what got no definitive answer, not what the server refused', () => {
    const status = (s: number) => isRetryable(new HttpErrorResponse({ status: s }));
    expect([0, 401, 408, 409, 429, 500, 502, 503, 504].map(status)).toEqual(Array(9).fill(true));
    expect([400, 403, 404, 413, 422].map(status)).toEqual(Array(5).fill(false));
    expect(isRetryable(new Error('x'))).toBe(false);
  });
});
