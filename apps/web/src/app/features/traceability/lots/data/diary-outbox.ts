import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { LotsApi } from './lots.api';
import type { CreateDiaryEntryRequest, DiaryEntry } from './lots.models';

/** What became of a submitted entry: stored on the server, or kept on the device until it can be sent. */
export type DiarySubmission = { state: 'sent'; entry: DiaryEntry } | { state: 'queued'; lotId: string; draft: CreateDiaryEntryRequest };

/**
 * Where the diary pages hand a new entry. The entry carries its device-made `clientId` (`newClientId()`), so sending
 * it any number of times stores it once.
 *
 * Today `submit` just POSTs and rejects with the HTTP error when that fails (the form keeps the draft and its
 * clientId, so "try again" is a safe resend). The offline diary (issue 7 § 1) replaces the inside: store the draft in
 * IndexedDB first, send it when online, answer `queued` when offline, and replay the queue on reconnect — the pages
 * already show a `queued` answer as "waiting to send".
 */
@Injectable({ providedIn: 'root' })
export class DiaryOutbox {
  private readonly api = inject(LotsApi);

  async submit(lotId: string, draft: CreateDiaryEntryRequest): Promise<DiarySubmission> {
    const entry = await firstValueFrom(this.api.addEntry(lotId, draft));
    return { state: 'sent', entry };
  }
}
