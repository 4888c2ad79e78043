import { Injectable, Logger } from '@nestjs/common';
import type { CashCollected } from '@nss/contracts';
import { type Actor, AppError, DocumentLocks } from '@nss/server-core';
import { PaymentEventsRepository } from '../intents/payment-events.repository';
import { PaymentsPlatform } from '../payments-platform';
import { PaymentAccess } from '../payment-access';

/**
 * Cash on delivery: the seller (or its managing agent) records the cash collected; orders then completes the order.
 * Once per order: the payment event `cod:<orderId>` is claimed first (unique), released if orders refuses.
 */
@Injectable()
export class CashCollectionService {
  private readonly logger = new Logger(CashCollectionService.name);
  private readonly system = PaymentAccess.system('cash on delivery collected');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly locks: DocumentLocks,
    private readonly events: PaymentEventsRepository,
  ) {}

  async collected(actor: Actor, orderId: string): Promise<CashCollected> {
    const order = await this.platform.orders.getOrderForSellerAction(actor, orderId);
    if (order.paymentMethod !== 'cod') {
      throw AppError.conflict('NOT_CASH_ON_DELIVERY', 'Đơn này không thanh toán khi nhận hàng', 'This order is not cash on delivery');
    }
    return this.locks.run('payment-cod', orderId, async () => {
      const key = `cod:${orderId}`;
      const existing = await this.events.findByKey(this.system, key);
      if (existing) {
        // Recorded before (a retry, or orders failed after the claim last time): make sure orders has it too.
        await this.platform.orders.recordCashCollected(orderId, { paymentId: String(existing._id), actor, at: existing.at });
        return { orderId, paymentId: String(existing._id), collectedAt: existing.at.toISOString() };
      }
      const at = new Date();
      const claimId = await this.events.claim(this.system, {
        key,
        subjectId: orderId,
        checkoutId: order.checkoutId,
        type: 'cod.collected',
        from: null,
        to: null,
        source: 'seller',
        actorUserId: actor.userId,
        reason: null,
        at,
      });
      if (!claimId) throw AppError.conflict('BUSY', 'Đang ghi nhận, vui lòng thử lại', 'Being recorded, try again');
      try {
        await this.platform.orders.recordCashCollected(orderId, { paymentId: claimId, actor, at });
      } catch (error) {
        await this.events.release(this.system, claimId).catch((e: unknown) => this.logger.error(`claim not released: ${String(e)}`));
        throw error;
      }
      return { orderId, paymentId: claimId, collectedAt: at.toISOString() };
    });
  }

  /** The checkout of a COD order whose cash was collected (for refunds); null when none was. */
  async collectedCheckoutOf(orderId: string): Promise<string | null> {
    return (await this.events.findByKey(this.system, `cod:${orderId}`))?.checkoutId ?? null;
  }
}
