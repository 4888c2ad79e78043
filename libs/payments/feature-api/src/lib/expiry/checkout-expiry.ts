import { Injectable, Logger } from '@nestjs/common';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentTransitions } from '../intents/payment-transitions';
import { PaymentsPlatform } from '../payments-platform';
import { PENDING_STATUSES } from '../vnpay/ipn-decision';
import { VnpayMerchant } from '../vnpay/vnpay-merchant';
import { PaymentAccess } from '../payment-access';

export type ExpiryOutcome = 'expired' | 'paid' | 'review' | 'already' | 'not_expirable';

/**
 * The `checkout.expire` job: a checkout still unpaid at its expiry is cancelled and its stock returned (by orders).
 * Before that, a VNPay-pending checkout is checked with querydr: a payment made at VNPay whose IPN never arrived is
 * recorded instead of expired (the failure payments.md warns about). If VNPay cannot be asked, this throws and the job
 * is retried: never expire on a guess. An intent in manual review is left to staff.
 */
@Injectable()
export class CheckoutExpiry {
  private readonly logger = new Logger(CheckoutExpiry.name);
  private readonly scope = PaymentAccess.system('checkout expiry');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly intents: PaymentIntentsRepository,
    private readonly transitions: PaymentTransitions,
    private readonly vnpay: VnpayMerchant,
  ) {}

  async expire(checkoutId: string, now: Date = new Date()): Promise<ExpiryOutcome> {
    const checkout = await this.platform.orders.getCheckout(checkoutId);
    if (!checkout || checkout.paymentMethod === 'cod') return 'not_expirable';
    return this.platform.withCheckoutLock(checkoutId, async (lease) => {
      const intent = await this.intents.findByCheckout(this.scope, checkoutId);
      if (intent && intent.method === 'vnpay' && PENDING_STATUSES.includes(intent.status) && intent.attempts.length > 0) {
        const said = await this.vnpay.queryAndSettle(lease, intent, now);
        if (said === 'paid' || said === 'review') {
          this.logger.warn(`querydr before expiry found a ${said === 'paid' ? 'payment' : 'payment in review'} whose IPN never arrived`);
          return said;
        }
      }
      if (intent?.status === 'requires_review') return 'review';
      if (intent?.status === 'succeeded') return 'already';
      const result = await this.platform.orders.expireCheckout(checkoutId, now);
      if (intent && PENDING_STATUSES.includes(intent.status) && result !== 'paid') {
        await this.transitions.apply(lease, intent, 'canceled', { type: 'payment.canceled', source: 'expiry', reason: 'expired', actorUserId: null, at: now }, { canceledAt: now });
      }
      return result === 'paid' ? 'paid' : result;
    });
  }
}
