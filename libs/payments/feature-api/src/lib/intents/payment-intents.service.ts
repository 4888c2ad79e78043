import { Injectable } from '@nestjs/common';
import { buildVietQrPayload } from '@nss/vietqr';
import type { CreatePaymentBody, PaymentIntent, PaymentIntentStatus, PaymentNextAction } from '@nss/contracts';
import type { PayableCheckout } from '@nss/orders-api';
import { type Actor, AppError, DataScope } from '@nss/server-core';
import { PaymentsPlatform } from '../payments-platform';
import { VnpayMerchant, notPayable } from '../vnpay/vnpay-merchant';
import type { PaymentIntentDocument } from './payment-intent.schema';
import { PaymentIntentsRepository } from './payment-intents.repository';
import { PaymentAccess } from '../payment-access';

/**
 * PaymentIntents: one per checkout, created by its buyer. VNPay: each creation call (a new Idempotency-Key) adds an
 * attempt with a fresh TxnRef while the intent is pending; bank transfer: the VietQR to pay; COD: processing until
 * the seller records the cash.
 */
@Injectable()
export class PaymentIntentsService {
  private readonly system = PaymentAccess.system('payment intent creation');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly intents: PaymentIntentsRepository,
    private readonly vnpay: VnpayMerchant,
  ) {}

  async create(actor: Actor, body: CreatePaymentBody, ipAddr: string): Promise<PaymentIntent> {
    const checkout = await this.platform.orders.getCheckoutForBuyer(actor, body.checkoutId);
    return this.platform.withCheckoutLock(checkout.checkoutId, async (lease) => {
      let intent = await this.intents.findByCheckout(this.system, checkout.checkoutId);
      if (!intent) {
        if (!isPayable(checkout)) throw notPayable();
        const created = await this.intents.insertOnce(this.system, {
          checkoutId: checkout.checkoutId,
          checkoutCode: checkout.code,
          buyerUserId: checkout.buyerUserId,
          provinceCodes: await this.platform.provincesOf(checkout),
          orderIds: checkout.orders.map((o) => o.orderId),
          method: checkout.paymentMethod,
          amountVnd: checkout.totalVnd,
          status: checkout.paymentMethod === 'cod' ? 'processing' : 'requires_action',
        });
        intent = created ?? (await this.intents.findByCheckout(this.system, checkout.checkoutId));
        if (!intent) throw new Error('payment intent vanished after creation');
      }
      // A transfer instruction past the checkout's expiry would take money for released stock: refuse it.
      if (intent.method === 'bank_transfer' && intent.status === 'requires_action' && !isPayable(checkout)) throw notPayable();
      if (intent.method === 'vnpay' && intent.status === 'requires_action') {
        if (checkout.state !== 'awaiting_payment') throw notPayable();
        await lease.assertHeld();
        const attempt = this.vnpay.newAttempt(checkout, intent, { ipAddr, ...(body.bankCode ? { bankCode: body.bankCode } : {}), ...(body.locale ? { locale: body.locale } : {}) }, new Date());
        intent = (await this.intents.addAttempt(this.system, intent.id as string, attempt, lease.fence)) ?? intent;
      }
      return this.toView(intent);
    });
  }

  /** The buyer's own, staff of its sellers' provinces, admins; anyone else gets 404. */
  async get(actor: Actor, id: string): Promise<PaymentIntent> {
    const intent = await this.intents.findById(DataScope.forActor(actor), id);
    if (!intent) throw AppError.notFound('thanh toán', 'Payment');
    return this.toView(intent);
  }

  toView(intent: PaymentIntentDocument): PaymentIntent {
    return {
      id: intent.id as string,
      checkoutId: intent.checkoutId,
      checkoutCode: intent.checkoutCode,
      status: intent.status,
      method: intent.method,
      amountVnd: intent.amountVnd,
      nextAction: this.nextAction(intent),
      reason: intent.reason ?? null,
      createdAt: intent.createdAt.toISOString(),
      updatedAt: intent.updatedAt.toISOString(),
    };
  }

  private nextAction(intent: PaymentIntentDocument): PaymentNextAction | null {
    if (intent.status !== ('requires_action' satisfies PaymentIntentStatus)) return null;
    if (intent.method === 'vnpay') {
      const last = intent.attempts[intent.attempts.length - 1];
      return last ? { type: 'redirect', url: last.url } : null;
    }
    if (intent.method === 'bank_transfer') {
      const { bankBin, bankAccount, bankAccountName } = this.platform.config;
      return {
        type: 'vietqr',
        payload: buildVietQrPayload({ bankBin, accountNumber: bankAccount, amountVnd: intent.amountVnd, purpose: intent.checkoutCode }),
        bankBin,
        accountNumber: bankAccount,
        accountName: bankAccountName,
        amountVnd: intent.amountVnd,
        purpose: intent.checkoutCode,
      };
    }
    return null;
  }
}

/** A checkout that may still get an intent: awaiting payment and not past its expiry, or cash on delivery. */
function isPayable(checkout: PayableCheckout): boolean {
  if (checkout.paymentMethod === 'cod') return checkout.state !== 'cancelled' && checkout.state !== 'expired';
  return checkout.state === 'awaiting_payment' && (!checkout.expiresAt || checkout.expiresAt.getTime() > Date.now());
}
