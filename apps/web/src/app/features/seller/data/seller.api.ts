import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';
import type { SelfRegisterRequest, SelfRegisterResponse, SellerDetail } from './seller.models';

/** Onboarding endpoints a seller calls for itself. */
@Injectable({ providedIn: 'root' })
export class SellerApi {
  private readonly api = inject(ApiClient);

  selfRegister(body: SelfRegisterRequest): Observable<SelfRegisterResponse> {
    return this.api.post<SelfRegisterResponse>('/sellers/self-register', body);
  }

  me(): Observable<SellerDetail> {
    return this.api.get<SellerDetail>('/sellers/me');
  }

  get(sellerId: string): Observable<SellerDetail> {
    return this.api.get<SellerDetail>(`/sellers/${encodeURIComponent(sellerId)}`);
  }
}
