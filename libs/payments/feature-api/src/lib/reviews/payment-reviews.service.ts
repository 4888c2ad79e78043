import { Injectable } from '@nestjs/common';
import type { Page, PaymentQueueQuery, PaymentReview, ResolvePaymentReviewBody } from '@nss/contracts';
import { type Actor, AppError, DataScope } from '@nss/server-core';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentTransitions } from '../intents/payment-transitions';
import { PaymentsPlatform } from '../payments-platform';
import { VnpayMerchant } from '../vnpay/vnpay-merchant';
import type { PaymentReviewDocument } from './payment-review.schema';
import { PaymentReviewsRepository } from './payment-reviews.repository';
import { PaymentAccess } from '../payment-access';

/**
 * The manual-review queue: VNPay payments answered 07 (debited, suspected fraud) and money that arrived after its
 * checkout expired. `accept` pays the orders (only while the checkout still awaits payment); `refund` sends the money
 * back through VNPay's refund API and cancels what was still waiting (stock returned once by orders).
 */
@Injectable()
export class PaymentReviewsService {
  private readonly system = PaymentAccess.system('payment review resolution');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly reviews: PaymentReviewsRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly transitions: PaymentTransitions,
    private readonly vnpay: VnpayMerchant,
  ) {}

  async list(actor: Actor, query: PaymentQueueQuery): Promise<Page<PaymentReview>> {
    const { items, total } = await this.reviews.page(DataScope.forActor(actor), query.status, query.page, query.pageSize);
    return { items: items.map(toReview), total, page: query.page, pageSize: query.pageSize };
  }

  async resolve(actor: Actor, id: string, body: ResolvePaymentReviewBody): Promise<PaymentReview> {
    const scope = DataScope.forActor(actor);
    const review = await this.reviews.findById(scope, id);
    if (!review) throw AppError.notFound('thanh toán cần xem xét', 'Payment review');
    if (review.status !== 'open') throw alreadyResolved();
    const outcome = await this.platform.withCheckoutLock(review.checkoutId, async (lease) => {
      const intent = await this.intents.findById(this.system, review.intentId);
      if (review.reason === 'unexpected_payment') {
        // Money VNPay took besides the payment recorded: it can only go back, in full.
        if (!intent || !review.vnpay) throw alreadyResolved();
        if (body.decision !== 'refund') {
          throw AppError.conflict('REVIEW_NEEDS_REFUND', 'Khoản thanh toán thừa chỉ có thể được hoàn lại', 'An unexpected payment can only be refunded');
        }
        const refund = await this.vnpay.refund(intent, review.amountVnd, true, actor.userId, review.vnpay);
        if (!refund.ok) {
          throw AppError.conflict('REFUND_REFUSED', `VNPay từ chối hoàn tiền (mã ${refund.responseCode})`, `VNPay refused the refund (code ${refund.responseCode})`);
        }
        return 'refunded';
      }
      if (!intent || intent.status !== 'requires_review') throw alreadyResolved();
      const at = new Date();
      const change = (type: string, reason: string) => ({ type, source: 'staff', reason, actorUserId: actor.userId, at });
      if (body.decision === 'accept') {
        const recorded = await this.platform.orders.recordPaymentSucceeded(intent.checkoutId, { paymentId: intent.id as string, at });
        if (recorded === 'too_late') {
          throw AppError.conflict('REVIEW_NEEDS_REFUND', 'Đơn đã hết hạn và trả lại hàng: chỉ có thể hoàn tiền', 'The checkout expired and its stock was released: refund it');
        }
        if (!(await this.transitions.apply(lease, intent, 'succeeded', change('payment.succeeded', 'review_accepted'), { succeededAt: at }))) throw alreadyResolved();
        return 'paid';
      }
      // A bank transfer in review (paid after expiry) goes back by bank transfer: staff do it, the note says how.
      const refund = intent.method === 'vnpay' ? await this.vnpay.refund(intent, intent.amountVnd, true, actor.userId) : { ok: true, responseCode: 'manual' };
      if (!refund.ok) {
        throw AppError.conflict('REFUND_REFUSED', `VNPay từ chối hoàn tiền (mã ${refund.responseCode})`, `VNPay refused the refund (code ${refund.responseCode})`);
      }
      await this.platform.orders.recordPaymentFailed(intent.checkoutId, { paymentId: intent.id as string, reason: 'payment_refunded_after_review', at });
      await this.transitions.apply(lease, intent, 'canceled', change('payment.refunded', 'review_refunded'), { canceledAt: at });
      return 'refunded';
    });
    const resolved = await this.reviews.resolve(scope, id, { decision: body.decision, outcome, note: body.note, resolvedByUserId: actor.userId, resolvedAt: new Date() });
    if (!resolved) throw alreadyResolved();
    return toReview(resolved);
  }
}

function toReview(doc: PaymentReviewDocument): PaymentReview {
  return {
    id: doc.id as string,
    intentId: doc.intentId,
    checkoutId: doc.checkoutId,
    checkoutCode: doc.checkoutCode,
    amountVnd: doc.amountVnd,
    reason: doc.reason,
    provinceCodes: doc.provinceCodes,
    vnpay: doc.vnpay ?? null,
    status: doc.status,
    decision: doc.decision,
    outcome: doc.outcome,
    note: doc.note,
    createdAt: doc.createdAt.toISOString(),
    resolvedAt: doc.resolvedAt ? doc.resolvedAt.toISOString() : null,
  };
}

function alreadyResolved(): AppError {
  return AppError.conflict('ALREADY_RESOLVED', 'Mục này đã được xử lý', 'This item was resolved already');
}
