import { Injectable, inject } from '@angular/core';
import type {
  Category,
  FunnelDto,
  ModerationDecisionRequest,
  Page,
  Product,
  RegistrationCaseDetail,
  RegistrationCaseStatus,
  RegistrationCaseSummary,
  SellerDetail,
  SellerStatus,
  SellerSummary,
  VerifySellerBody,
} from '@nss/contracts';
import { ApiClient } from '@nss/web-data-access';
import { Observable, shareReplay } from 'rxjs';

/** Province staff reads and decisions (the API scopes everything to the staff member's province). */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly api = inject(ApiClient);
  private categories$?: Observable<Category[]>;

  sellers(status: SellerStatus, page: number): Observable<Page<SellerSummary>> {
    return this.api.get<Page<SellerSummary>>('/sellers', { status, page, pageSize: 20 });
  }

  /** Sellers of the province by name (any status), for pickers such as the statements page. */
  findSellers(q: string, page = 1): Observable<Page<SellerSummary>> {
    return this.api.get<Page<SellerSummary>>('/sellers', { q, page, pageSize: 50 });
  }

  seller(id: string): Observable<SellerDetail> {
    return this.api.get<SellerDetail>(`/sellers/${encodeURIComponent(id)}`);
  }

  verifySeller(id: string, body: VerifySellerBody): Observable<unknown> {
    return this.api.post(`/sellers/${encodeURIComponent(id)}/verify`, body);
  }

  pendingProducts(page: number): Observable<Page<Product>> {
    return this.api.get<Page<Product>>('/moderation/products', { status: 'pending', page, pageSize: 20 });
  }

  moderateProduct(id: string, body: ModerationDecisionRequest): Observable<unknown> {
    return this.api.post(`/moderation/products/${encodeURIComponent(id)}`, body);
  }

  registrationCases(status: RegistrationCaseStatus, page: number): Observable<Page<RegistrationCaseSummary>> {
    return this.api.get<Page<RegistrationCaseSummary>>('/registration-cases', { status, page, pageSize: 20 });
  }

  registrationCase(id: string): Observable<RegistrationCaseDetail> {
    return this.api.get<RegistrationCaseDetail>(`/registration-cases/${encodeURIComponent(id)}`);
  }

  resolveRegistrationCase(id: string, reason: string): Observable<RegistrationCaseDetail> {
    return this.api.post<RegistrationCaseDetail>(`/registration-cases/${encodeURIComponent(id)}/resolve`, { reason });
  }

  funnel(communeCode?: string): Observable<FunnelDto> {
    return this.api.get<FunnelDto>('/onboarding/funnel', { communeCode });
  }

  categories(): Observable<Category[]> {
    return (this.categories$ ??= this.api.get<Category[]>('/categories').pipe(shareReplay(1)));
  }
}
