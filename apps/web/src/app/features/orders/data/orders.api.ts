import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable, map } from 'rxjs';
import type {
  Address,
  AddressCreate,
  AddressList,
  AddressPatch,
  CheckoutBody,
  CheckoutResult,
  CreateReviewRequest,
  Order,
  OrderListQuery,
  OrderSummary,
  Page,
} from './orders.models';

/** What a seller (or its agent) may do to an order; `ship` carries the carrier and tracking code. */
export type SellerAction = 'accept' | 'pack' | 'ship' | 'deliver' | 'cancel';
/** What a buyer may do to an order. */
export type BuyerAction = 'cancel' | 'complete' | 'refund-request';

/**
 * Orders, checkout, saved addresses and reviews. The API decides whose orders a caller sees (buyer: own; seller:
 * its own; agent: households it manages; staff: its province), so one list call serves every page.
 */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly api = inject(ApiClient);

  list(query: Partial<OrderListQuery>): Observable<Page<OrderSummary>> {
    return this.api.get<Page<OrderSummary>>('/orders', { ...query, pageSize: query.pageSize ?? 20 });
  }

  get(id: string): Observable<Order> {
    return this.api.get<Order>(`/orders/${encodeURIComponent(id)}`);
  }

  transition(id: string, action: SellerAction | BuyerAction, body: object = {}): Observable<Order> {
    return this.api.post<Order>(`/orders/${encodeURIComponent(id)}/${action}`, body);
  }

  checkout(body: CheckoutBody, idempotencyKey: string): Observable<CheckoutResult> {
    return this.api.post<CheckoutResult>('/checkout', body, { 'Idempotency-Key': idempotencyKey });
  }

  addresses(): Observable<Address[]> {
    return this.api.get<AddressList>('/me/addresses').pipe(map((list) => list.items));
  }

  createAddress(body: AddressCreate): Observable<Address> {
    return this.api.post<Address>('/me/addresses', body);
  }

  updateAddress(id: string, patch: AddressPatch): Observable<Address> {
    return this.api.patch<Address>(`/me/addresses/${encodeURIComponent(id)}`, patch);
  }

  makeDefaultAddress(id: string): Observable<Address> {
    return this.api.post<Address>(`/me/addresses/${encodeURIComponent(id)}/default`);
  }

  deleteAddress(id: string): Observable<void> {
    return this.api.delete<void>(`/me/addresses/${encodeURIComponent(id)}`);
  }

  review(orderId: string, body: CreateReviewRequest): Observable<unknown> {
    return this.api.post(`/orders/${encodeURIComponent(orderId)}/reviews`, body);
  }
}
