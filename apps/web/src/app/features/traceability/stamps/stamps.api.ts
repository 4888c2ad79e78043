import { Injectable, inject } from '@angular/core';
import type {
  ActivateStampsRequest,
  CreateStampBatchRequest,
  StampBatch,
  StampBatchFile,
  StampBatchPage,
  StampBatchStatus,
  StampRangeResult,
  VoidStampsRequest,
} from '@nss/contracts';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';

/** Stamp batches (`/stamp-batches`): request, decide, follow, download, activate. */
@Injectable({ providedIn: 'root' })
export class StampsApi {
  private readonly api = inject(ApiClient);

  list(query: { lotId?: string | null; sellerId?: string | null; status?: StampBatchStatus | null; page?: number }): Observable<StampBatchPage> {
    return this.api.get<StampBatchPage>('/stamp-batches', { pageSize: 50, ...query });
  }

  get(id: string): Observable<StampBatch> {
    return this.api.get<StampBatch>(`/stamp-batches/${encodeURIComponent(id)}`);
  }

  request(body: CreateStampBatchRequest): Observable<StampBatch> {
    return this.api.post<StampBatch>('/stamp-batches', body);
  }

  approve(id: string): Observable<StampBatch> {
    return this.api.post<StampBatch>(`/stamp-batches/${encodeURIComponent(id)}/approve`);
  }

  reject(id: string, reason: string): Observable<StampBatch> {
    return this.api.post<StampBatch>(`/stamp-batches/${encodeURIComponent(id)}/reject`, { reason });
  }

  cancel(id: string): Observable<StampBatch> {
    return this.api.post<StampBatch>(`/stamp-batches/${encodeURIComponent(id)}/cancel`);
  }

  /** The batch's stamps `fromSeq`…`toSeq` go live (all of them without a range). 202 (`pending`): the worker does it. */
  activate(id: string, body: ActivateStampsRequest = {}): Observable<StampRangeResult> {
    return this.api.post<StampRangeResult>(`/stamp-batches/${encodeURIComponent(id)}/activate`, body);
  }

  /** The stamps `fromSeq`…`toSeq` of a batch are void for good. 202 (`pending`): the worker does it. */
  void(body: VoidStampsRequest): Observable<StampRangeResult> {
    return this.api.post<StampRangeResult>('/stamps/void', body);
  }

  /** A PDF part or the CSV, fetched with the bearer token (`file.url` is under /api). */
  download(file: StampBatchFile): Observable<Blob> {
    return this.api.download(file.url.replace(/^\/api(?=\/)/, ''));
  }
}
