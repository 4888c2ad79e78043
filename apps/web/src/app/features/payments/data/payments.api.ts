import { DOCUMENT, Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable } from 'rxjs';
import type { SellerSummary } from '@nss/contracts';
import type { CreatePayoutRequest, Page, SellerLedger } from '../../orders/data/orders.models';
import type {
  BankTransferIssue,
  CreatePaymentBody,
  CreateRefundBody,
  PaymentIntent,
  PaymentReview,
  ResolveBankTransferIssueBody,
  ResolvePaymentReviewBody,
} from './payments.models';

export type QueueStatus = 'open' | 'resolved';

/** Payment intents (buyer), COD cash (seller/agent), review queues, refunds and payouts (staff). */
@Injectable({ providedIn: 'root' })
export class PaymentsApi {
  private readonly api = inject(ApiClient);

  create(body: CreatePaymentBody, idempotencyKey: string): Observable<PaymentIntent> {
    return this.api.post<PaymentIntent>('/payments', body, { 'Idempotency-Key': idempotencyKey });
  }

  get(id: string): Observable<PaymentIntent> {
    return this.api.get<PaymentIntent>(`/payments/${encodeURIComponent(id)}`);
  }

  codCollected(orderId: string): Observable<unknown> {
    return this.api.post(`/payments/cod/${encodeURIComponent(orderId)}/collected`, {});
  }

  reviews(status: QueueStatus, page = 1): Observable<Page<PaymentReview>> {
    return this.api.get<Page<PaymentReview>>('/payments/reviews', { status, page, pageSize: 20 });
  }

  resolveReview(id: string, body: ResolvePaymentReviewBody): Observable<unknown> {
    return this.api.post(`/payments/reviews/${encodeURIComponent(id)}/resolve`, body);
  }

  transferIssues(status: QueueStatus, page = 1): Observable<Page<BankTransferIssue>> {
    return this.api.get<Page<BankTransferIssue>>('/payments/bank-transfers/issues', { status, page, pageSize: 20 });
  }

  resolveTransferIssue(id: string, body: ResolveBankTransferIssueBody): Observable<unknown> {
    return this.api.post(`/payments/bank-transfers/issues/${encodeURIComponent(id)}/resolve`, body);
  }

  refund(body: CreateRefundBody): Observable<unknown> {
    return this.api.post('/payments/refunds', body);
  }

  payout(body: CreatePayoutRequest): Observable<unknown> {
    return this.api.post('/payouts', body);
  }

  /** Verified sellers of the staff member's province, to pay out to. */
  verifiedSellers(): Observable<Page<SellerSummary>> {
    return this.api.get<Page<SellerSummary>>('/sellers', { status: 'verified', page: 1, pageSize: 100 });
  }

  /** A seller's balance, as staff see it before a payout. */
  sellerLedger(sellerId: string): Observable<SellerLedger> {
    return this.api.get<SellerLedger>(`/sellers/${encodeURIComponent(sellerId)}/ledger`, { page: 1, pageSize: 5 });
  }
}

/** Leaving the app for the payment gateway (a seam for tests: jsdom cannot navigate). */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  assign(url: string): void {
    this.document.defaultView?.location.assign(url);
  }
}
