import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';
import type { CreateDiaryEntryRequest, CreateLotRequest, DiaryEntry, Lot, LotDetail, LotDiary, LotPage, LotStatus, UpdateLotRequest } from './lots.models';

/** Lots and their diary. Agents pass the household's `sellerId` when they create or list. */
@Injectable({ providedIn: 'root' })
export class LotsApi {
  private readonly api = inject(ApiClient);

  list(query: { sellerId?: string | null; productId?: string | null; status?: LotStatus | null; page?: number; pageSize?: number }): Observable<LotPage> {
    return this.api.get<LotPage>('/lots', { pageSize: 20, ...query });
  }

  /** The lot and its sales through the marketplace (orders shipped from it). */
  get(id: string): Observable<LotDetail> {
    return this.api.get<LotDetail>(`/lots/${encodeURIComponent(id)}`);
  }

  create(body: CreateLotRequest): Observable<Lot> {
    return this.api.post<Lot>('/lots', body);
  }

  update(id: string, body: UpdateLotRequest): Observable<Lot> {
    return this.api.patch<Lot>(`/lots/${encodeURIComponent(id)}`, body);
  }

  /** The lot as an EPCIS 2.0 JSON-LD document, fetched with the token (handed to the browser as a file). */
  epcis(id: string): Observable<Blob> {
    return this.api.download(`/lots/${encodeURIComponent(id)}/epcis`);
  }

  diary(id: string): Observable<LotDiary> {
    return this.api.get<LotDiary>(`/lots/${encodeURIComponent(id)}/diary`);
  }

  /** 201 with the new entry, or 200 with the stored one when this `clientId` was sent before: both are "stored". */
  addEntry(id: string, entry: CreateDiaryEntryRequest): Observable<DiaryEntry> {
    return this.api.post<DiaryEntry>(`/lots/${encodeURIComponent(id)}/diary`, entry);
  }
}
