import { Inject, Injectable } from '@nestjs/common';
import { OrderPayments, type PayableCheckout } from '@nss/orders-api';
import { SellerDirectory } from '@nss/onboarding-api';
import { APP_CONFIG, type AppConfig, DocumentLocks, type LockLease, type PaymentsConfig } from '@nss/server-core';

/**
 * What every part of payments stands on: the configuration, the checkout's lock (one lock per checkout = per intent,
 * taken by every state change: IPN, return, querydr, bank feed, expiry, staff), and the provinces of a checkout's
 * sellers (whose staff see its reviews and transfer issues).
 */
@Injectable()
export class PaymentsPlatform {
  readonly config: PaymentsConfig;

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    private readonly locks: DocumentLocks,
    private readonly sellers: SellerDirectory,
    readonly orders: OrderPayments,
  ) {
    this.config = appConfig.payments;
  }

  /** Runs `work` holding the checkout's payment lock (409 BUSY after waiting, 503 when Redis is down). */
  withCheckoutLock<T>(checkoutId: string, work: (lease: LockLease) => Promise<T>): Promise<T> {
    return this.locks.run('payment', checkoutId, work, {
      ttlMs: 30_000,
      waitMs: 10_000,
      busy: ['Thanh toán đang được xử lý, vui lòng thử lại', 'The payment is being processed, try again'],
    });
  }

  /** The distinct provinces of the checkout's sellers (sorted). */
  async provincesOf(checkout: PayableCheckout): Promise<string[]> {
    const sellerIds = [...new Set(checkout.orders.map((o) => o.sellerId))];
    const sellers = await Promise.all(sellerIds.map((id) => this.sellers.getForCatalog(id)));
    return [...new Set(sellers.flatMap((s) => (s ? [s.provinceCode] : [])))].sort();
  }

  async provinceOfSeller(sellerId: string): Promise<string | null> {
    return (await this.sellers.getForCatalog(sellerId))?.provinceCode ?? null;
  }
}
