import { Injectable, inject } from '@angular/core';
import type {
  AgentRegisterBody,
  AgentRegistrationReceipt,
  CreateTrainingSessionBody,
  FunnelDto,
  HandoverClaimBody,
  Page,
  SellerSummary,
  TrainingSessionDto,
} from '@nss/contracts';
import { ApiClient, type AuthTokens } from '@nss/web-data-access';
import { Observable } from 'rxjs';

/** Onboarding endpoints used by agents (and the public handover claim). */
@Injectable({ providedIn: 'root' })
export class AgentApi {
  private readonly api = inject(ApiClient);

  /**
   * 202 with the same receipt whether the household was created or its citizen ID or phone was already registered
   * (then the province's staff get a case): the household shows in the agent's list once it exists.
   */
  registerSeller(body: AgentRegisterBody): Observable<AgentRegistrationReceipt> {
    return this.api.post<AgentRegistrationReceipt>('/sellers', body);
  }

  /** Sellers of the agent's province it may see; the households page keeps those it manages. */
  sellers(query: { q?: string; page?: number; pageSize?: number } = {}): Observable<Page<SellerSummary>> {
    return this.api.get<Page<SellerSummary>>('/sellers', { q: query.q, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  handover(sellerId: string): Observable<void> {
    return this.api.post<void>(`/sellers/${encodeURIComponent(sellerId)}/handover`, {});
  }

  claim(body: HandoverClaimBody): Observable<AuthTokens> {
    return this.api.post<AuthTokens>('/sellers/handover/claim', body);
  }

  trainingSessions(query: { page?: number } = {}): Observable<Page<TrainingSessionDto>> {
    return this.api.get<Page<TrainingSessionDto>>('/training-sessions', { page: query.page ?? 1, pageSize: 20 });
  }

  createTrainingSession(body: CreateTrainingSessionBody): Observable<TrainingSessionDto> {
    return this.api.post<TrainingSessionDto>('/training-sessions', body);
  }

  funnel(): Observable<FunnelDto> {
    return this.api.get<FunnelDto>('/onboarding/funnel');
  }
}
