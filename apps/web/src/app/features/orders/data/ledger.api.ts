import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';
import type { SellerLedger, SellerStatement } from './orders.models';

/**
 * The seller's balance and monthly statements (agents pass the household's `sellerId`), and any seller's statement
 * for staff of its province and admins.
 */
@Injectable({ providedIn: 'root' })
export class LedgerApi {
  private readonly api = inject(ApiClient);

  ledger(query: { sellerId?: string; page?: number }): Observable<SellerLedger> {
    return this.api.get<SellerLedger>('/seller/ledger', { pageSize: 20, ...query });
  }

  statement(month: string, sellerId?: string): Observable<SellerStatement> {
    return this.api.get<SellerStatement>(`/seller/statements/${encodeURIComponent(month)}`, { sellerId });
  }

  statementCsv(month: string, sellerId?: string): Observable<Blob> {
    return this.api.download(`/seller/statements/${encodeURIComponent(month)}.csv`, { sellerId });
  }

  staffStatement(sellerId: string, month: string): Observable<SellerStatement> {
    return this.api.get<SellerStatement>(`/sellers/${encodeURIComponent(sellerId)}/statements/${encodeURIComponent(month)}`);
  }

  staffStatementCsv(sellerId: string, month: string): Observable<Blob> {
    return this.api.download(`/sellers/${encodeURIComponent(sellerId)}/statements/${encodeURIComponent(month)}.csv`);
  }
}
