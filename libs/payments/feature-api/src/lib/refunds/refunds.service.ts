import { Injectable } from '@nestjs/common';
import type { CreateRefundBody, Refund } from '@nss/contracts';
import type { PayableCheckout } from '@nss/orders-api';
import { type Actor, AppError, DocumentLocks } from '@nss/server-core';
import { CashCollectionService } from '../cod/cash-collection.service';
import type { PaymentIntentDocument } from '../intents/payment-intent.schema';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentsPlatform } from '../payments-platform';
import { VnpayMerchant } from '../vnpay/vnpay-merchant';
import type { RefundDocument } from './refund.schema';
import { RefundsRepository } from './refunds.repository';
import { PaymentAccess } from '../payment-access';

type CheckoutOrder = PayableCheckout['orders'][number];

/**
 * Refunds of orders whose refund was requested, by staff of the order's (seller's) province or admins. VNPay: through
 * VNPay's refund API (02 when it returns the whole transaction, else 03), never more than what is left of the
 * transaction; COD and bank transfer: the bank transfer staff made, recorded with its reference. Then orders marks the
 * order refunded. Once per order (`refund:<orderId>`, unique): a repeated request gets the first refund back.
 */
@Injectable()
export class RefundsService {
  private readonly system = PaymentAccess.system('refund');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly locks: DocumentLocks,
    private readonly refunds: RefundsRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly vnpay: VnpayMerchant,
    private readonly cash: CashCollectionService,
  ) {}

  async create(actor: Actor, body: CreateRefundBody): Promise<{ refund: Refund; created: boolean }> {
    const { checkout, order, intent } = await this.findOrder(body.orderId);
    const provinceCode = await this.platform.provinceOfSeller(order.sellerId);
    if (!provinceCode || (actor.role !== 'admin' && actor.provinceCode !== provinceCode)) throw notFound();
    return this.locks.run('refund', order.orderId, async () => {
      const key = `refund:${order.orderId}`;
      const done = await this.refunds.findByKey(this.system, key);
      if (done) {
        await this.platform.orders.recordRefunded(order.orderId, { refundId: done.id as string, amountVnd: done.amountVnd, actor, at: done.createdAt });
        return { refund: toRefund(done), created: false };
      }
      if (order.state !== 'refund_requested') {
        throw AppError.conflict('REFUND_NOT_REQUESTED', 'Đơn hàng chưa ở trạng thái yêu cầu hoàn tiền', 'No refund was requested for this order');
      }
      const amountVnd = body.amountVnd ?? order.totalVnd;
      if (amountVnd > order.totalVnd) throw AppError.invalidField('amountVnd', 'Số tiền hoàn vượt quá giá trị đơn', 'More than the order total');
      const base = { orderId: order.orderId, checkoutId: checkout.checkoutId, intentId: intent ? (intent.id as string) : null, provinceCode, method: checkout.paymentMethod, amountVnd, reason: body.reason, actorUserId: actor.userId };
      let record: Omit<RefundDocument, never> | null;
      if (checkout.paymentMethod === 'vnpay') {
        if (!intent || intent.status !== 'succeeded') throw AppError.conflict('NOT_PAID', 'Đơn chưa được thanh toán qua VNPay', 'The order was not paid through VNPay');
        const earlier = (await this.refunds.succeededForCheckout(this.system, checkout.checkoutId)).reduce((sum, r) => sum + r.amountVnd, 0);
        if (earlier + amountVnd > intent.amountVnd) throw AppError.invalidField('amountVnd', 'Vượt quá số tiền còn lại của giao dịch', 'More than what is left of the transaction');
        const full = earlier === 0 && amountVnd === intent.amountVnd;
        const answer = await this.vnpay.refund(intent, amountVnd, full, actor.userId);
        if (!answer.ok) {
          const failures = await this.refunds.countFailed(this.system, order.orderId);
          await this.refunds.insertOnce(this.system, { ...base, key: `${key}:failed:${failures + 1}`, kind: full ? 'full' : 'partial', status: 'failed', bankReference: null, gatewayCode: answer.responseCode, gatewayTransactionNo: null });
          throw AppError.conflict('REFUND_REFUSED', `VNPay từ chối hoàn tiền (mã ${answer.responseCode})`, `VNPay refused the refund (code ${answer.responseCode})`);
        }
        record = await this.refunds.insertOnce(this.system, { ...base, key, kind: full ? 'full' : 'partial', status: 'succeeded', bankReference: null, gatewayCode: answer.responseCode, gatewayTransactionNo: answer.transactionNo });
      } else {
        if (!body.bankReference) throw AppError.invalidField('bankReference', 'Cần mã giao dịch chuyển khoản hoàn tiền', 'The reference of the refund transfer is required');
        record = await this.refunds.insertOnce(this.system, { ...base, key, kind: amountVnd === order.totalVnd ? 'full' : 'partial', status: 'succeeded', bankReference: body.bankReference, gatewayCode: null, gatewayTransactionNo: null });
      }
      if (!record) throw AppError.conflict('BUSY', 'Đang hoàn tiền, vui lòng thử lại', 'A refund is being made, try again');
      await this.platform.orders.recordRefunded(order.orderId, { refundId: record.id as string, amountVnd, actor, at: record.createdAt });
      return { refund: toRefund(record), created: true };
    });
  }

  /** The order's checkout, the order as orders sees it and the intent: 404 when payments never saw the order paid. */
  private async findOrder(orderId: string): Promise<{ checkout: PayableCheckout; order: CheckoutOrder; intent: PaymentIntentDocument | null }> {
    const intent = await this.intents.findOne(this.system, { orderIds: orderId });
    const checkoutId = intent?.checkoutId ?? (await this.cash.collectedCheckoutOf(orderId));
    const checkout = checkoutId ? await this.platform.orders.getCheckout(checkoutId) : null;
    const order = checkout?.orders.find((o) => o.orderId === orderId);
    if (!checkout || !order) throw notFound();
    return { checkout, order, intent };
  }
}

function notFound(): AppError {
  return AppError.notFound('đơn hàng đã thanh toán', 'Paid order');
}

function toRefund(doc: RefundDocument): Refund {
  return {
    id: doc.id as string,
    orderId: doc.orderId,
    checkoutId: doc.checkoutId,
    method: doc.method,
    amountVnd: doc.amountVnd,
    kind: doc.kind,
    status: doc.status,
    reason: doc.reason,
    bankReference: doc.bankReference,
    gatewayCode: doc.gatewayCode,
    createdAt: doc.createdAt.toISOString(),
  };
}
