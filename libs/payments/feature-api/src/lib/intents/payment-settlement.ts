import { Injectable, Logger } from '@nestjs/common';
import { type LockLease } from '@nss/server-core';
import { PaymentsPlatform } from '../payments-platform';
import { PaymentReviewsRepository } from '../reviews/payment-reviews.repository';
import type { PaymentIntentDocument, VnpayOutcome } from './payment-intent.schema';
import { PaymentTransitions } from './payment-transitions';
import { PaymentAccess } from '../payment-access';

export type SettlementOutcome = 'succeed' | 'fail' | 'review';

export interface SettlementContext {
  /** `ipn`, `querydr`, `bank_feed`, `staff`, `expiry`. */
  source: string;
  at: Date;
  /** Why it failed or needs review (`vnpay_24`, `vnpay_07`…). */
  reason?: string;
  vnpay?: VnpayOutcome;
  /** The bank feed's id of the transfer being settled (bank feed only): recorded on the intent. */
  bankFeedId?: string;
  actorUserId?: string | null;
}

/**
 * Settles a pending intent (the caller holds the checkout's lock and checked that the intent is pending). Orders are
 * told first (their calls are idempotent), then the intent changes state once: so a crash in between leaves the intent
 * pending and the next IPN retry, querydr or expiry run finishes the job, instead of an intent that says "paid" over
 * orders that never heard of it. A review is filed before the intent moves to `requires_review`, for the same reason.
 */
@Injectable()
export class PaymentSettlement {
  private readonly logger = new Logger(PaymentSettlement.name);
  private readonly scope = PaymentAccess.system('payment settlement');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly transitions: PaymentTransitions,
    private readonly reviews: PaymentReviewsRepository,
  ) {}

  async settle(lease: LockLease, intent: PaymentIntentDocument, outcome: SettlementOutcome, ctx: SettlementContext): Promise<PaymentIntentDocument | null> {
    const id = intent.id as string;
    const gateway = { ...(ctx.vnpay ? { vnpay: ctx.vnpay } : {}), ...(ctx.bankFeedId ? { bankFeedId: ctx.bankFeedId } : {}) };
    const change = (type: string, reason: string | null) => ({ type, source: ctx.source, reason, actorUserId: ctx.actorUserId ?? null, at: ctx.at });
    switch (outcome) {
      case 'succeed': {
        const orders = await this.platform.orders.recordPaymentSucceeded(intent.checkoutId, { paymentId: id, at: ctx.at });
        if (orders === 'too_late') {
          this.logger.warn('money arrived for an expired checkout: manual review');
          await this.fileReview(intent, 'paid_after_expiry', ctx.vnpay);
          return this.transitions.apply(lease, intent, 'requires_review', change('payment.review', 'paid_after_expiry'), gateway);
        }
        return this.transitions.apply(lease, intent, 'succeeded', change('payment.succeeded', null), { ...gateway, succeededAt: ctx.at });
      }
      case 'fail': {
        const reason = ctx.reason ?? 'payment_failed';
        await this.platform.orders.recordPaymentFailed(intent.checkoutId, { paymentId: id, reason, at: ctx.at });
        return this.transitions.apply(lease, intent, 'canceled', change('payment.failed', reason), { ...gateway, canceledAt: ctx.at });
      }
      case 'review': {
        const reason = ctx.reason ?? 'vnpay_07';
        await this.fileReview(intent, reason, ctx.vnpay);
        return this.transitions.apply(lease, intent, 'requires_review', change('payment.review', reason), gateway);
      }
    }
  }

  /** Files a review once; `unexpected_payment` once per VNPay transaction, the others once per intent. */
  async fileReview(intent: PaymentIntentDocument, reason: string, vnpay: VnpayOutcome | undefined): Promise<void> {
    await this.reviews.fileOnce(this.scope, {
      key: reason === 'unexpected_payment' && vnpay ? `${intent.id as string}:${vnpay.txnRef}` : (intent.id as string),
      intentId: intent.id as string,
      checkoutId: intent.checkoutId,
      checkoutCode: intent.checkoutCode,
      amountVnd: intent.amountVnd,
      reason,
      provinceCodes: intent.provinceCodes,
      vnpay: vnpay
        ? { txnRef: vnpay.txnRef, transactionNo: vnpay.transactionNo, responseCode: vnpay.responseCode, transactionStatus: vnpay.transactionStatus, bankCode: vnpay.bankCode }
        : null,
    });
  }
}
