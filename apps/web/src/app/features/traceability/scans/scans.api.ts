import { Injectable, inject } from '@angular/core';
import type { ScanSummary, SuspiciousStampsPage } from '@nss/contracts';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';

export interface ScanSummaryFilter {
  from?: string;
  to?: string;
  productId?: string;
  /** Agents: the household they manage. */
  sellerId?: string;
}

/** Scan analytics (`GET /scans/summary`, `GET /scans/suspicious`). */
@Injectable({ providedIn: 'root' })
export class ScansApi {
  private readonly api = inject(ApiClient);

  summary(filter: ScanSummaryFilter): Observable<ScanSummary> {
    return this.api.get<ScanSummary>('/scans/summary', { ...filter });
  }

  suspicious(page: number): Observable<SuspiciousStampsPage> {
    return this.api.get<SuspiciousStampsPage>('/scans/suspicious', { page, pageSize: 20 });
  }
}
