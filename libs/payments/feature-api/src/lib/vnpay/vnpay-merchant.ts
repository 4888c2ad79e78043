import { randomBytes } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Vnpay, VnpayError, VnpayInvalidRequestError, VnpaySignatureError, stripDiacritics, type VnpayPaymentResult, type VnpayQuery } from '@nss/vnpay';
import type { PayableCheckout } from '@nss/orders-api';
import { AppError, type LockLease } from '@nss/server-core';
import type { PaymentIntentDocument, VnpayAttempt, VnpayOutcome } from '../intents/payment-intent.schema';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentSettlement } from '../intents/payment-settlement';
import { PaymentsPlatform } from '../payments-platform';
import { decideIpn, IPN_ANSWERS, outcomeOf, PENDING_STATUSES, type IpnAnswer } from './ipn-decision';
import { PaymentAccess } from '../payment-access';

/** The address VNPay's API calls are made from (`vnp_IpAddr` of querydr and refund: informative). */
const SERVER_IP = '127.0.0.1';

/**
 * The merchant side of VNPay: pay URLs (one attempt, one fresh TxnRef), the IPN (the only place a VNPay payment is
 * recorded besides querydr), the return URL (shows, changes nothing), querydr before expiry.
 */
@Injectable()
export class VnpayMerchant {
  private readonly logger = new Logger(VnpayMerchant.name);
  private readonly scope = PaymentAccess.system('vnpay merchant');

  constructor(
    private readonly vnpay: Vnpay,
    private readonly platform: PaymentsPlatform,
    private readonly intents: PaymentIntentsRepository,
    private readonly settlement: PaymentSettlement,
  ) {}

  /** A new trip to VNPay for a pending intent: a fresh TxnRef, expiring with the checkout. */
  newAttempt(checkout: PayableCheckout, intent: PaymentIntentDocument, input: { ipAddr: string; bankCode?: string; locale?: 'vn' | 'en' }, now: Date): VnpayAttempt {
    if (checkout.expiresAt && checkout.expiresAt.getTime() <= now.getTime() + 30_000) throw notPayable();
    // Letters and digits only: the checkout code (upper-case ASCII) and 8 random hex digits, unique for ever in practice.
    const txnRef = `${checkout.code}${randomBytes(4).toString('hex').toUpperCase()}`;
    const orderInfo = stripDiacritics(`Thanh toan don hang ${checkout.code}`);
    const created = this.vnpay.payments.create({
      amountVnd: intent.amountVnd,
      txnRef,
      orderInfo,
      ipAddr: clientIp(input.ipAddr),
      returnUrl: `${this.platform.config.publicApiUrl}/api/payments/vnpay/return`,
      createdAt: now,
      ...(checkout.expiresAt ? { expiresAt: checkout.expiresAt } : {}),
      ...(input.bankCode ? { bankCode: input.bankCode } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    });
    return { txnRef, createDate: created.createDate, orderInfo, url: created.url, at: now };
  }

  /** The IPN: checks in VNPay's order and records the outcome once. Never throws: 99 on anything unexpected. */
  async ipn(query: VnpayQuery): Promise<IpnAnswer> {
    try {
      let result: VnpayPaymentResult;
      try {
        result = this.vnpay.webhooks.constructEvent(query).data;
      } catch (error) {
        return verificationAnswer(error);
      }
      const found = await this.intents.findByTxnRef(this.scope, result.txnRef);
      const first = decideIpn(result, found && view(found));
      if (!found || (first.action === 'none' && !unexpectedPayment(first.answer, found, result))) return first.answer;
      return await this.platform.withCheckoutLock(found.checkoutId, async (lease) => {
        const intent = await this.intents.findById(this.scope, found.id as string);
        const decision = decideIpn(result, intent && view(intent));
        if (intent && unexpectedPayment(decision.answer, intent, result)) {
          // Money taken for an intent already settled otherwise (a second attempt paid too, or after it was cancelled):
          // VNPay gets 02 as the protocol says, and staff get the transaction to refund.
          this.logger.warn('VNPay took money for a payment that was no longer pending: manual review');
          await this.settlement.fileReview(intent, 'unexpected_payment', outcome(result, 'ipn'));
        }
        if (decision.action === 'none' || !intent) return decision.answer;
        const settled = await this.settlement.settle(lease, intent, decision.action, {
          source: 'ipn',
          at: new Date(),
          reason: `vnpay_${result.responseCode}`,
          vnpay: outcome(result, 'ipn'),
        });
        // Null: someone else changed it in between (impossible under the lock unless it was lost): VNPay retries.
        return settled ? decision.answer : IPN_ANSWERS.unknownError;
      });
    } catch (error) {
      this.logger.error(`IPN failed: ${error instanceof Error ? error.message : String(error)}`);
      return IPN_ANSWERS.unknownError;
    }
  }

  /** Where to send the browser back from VNPay: the web app's result page. Verifies; changes nothing. */
  async returnTarget(query: VnpayQuery): Promise<string> {
    const page = new URL(`${this.platform.config.publicWebUrl}/thanh-toan/ket-qua`);
    let result: VnpayPaymentResult;
    try {
      result = this.vnpay.returns.verify(query);
    } catch {
      page.searchParams.set('status', 'invalid');
      return page.toString();
    }
    const intent = await this.intents.findByTxnRef(this.scope, result.txnRef);
    if (!intent || result.amountVnd !== intent.amountVnd) {
      page.searchParams.set('status', 'invalid');
      return page.toString();
    }
    page.searchParams.set('checkout', intent.checkoutId);
    page.searchParams.set('payment', intent.id as string);
    // What the gateway told the browser; the page then reads the intent itself (the IPN decides).
    const said = outcomeOf(result);
    page.searchParams.set('status', said === 'succeed' ? 'succeeded' : said === 'review' ? 'review' : 'failed');
    return page.toString();
  }

  /**
   * Asks VNPay about every attempt of a pending intent (newest first) and settles it if one was paid (or flagged 07).
   * `paid`/`review` when it settled (or was settled meanwhile), `unpaid` when VNPay has no completed payment.
   * Throws when VNPay cannot be asked (the caller must not expire on a guess).
   */
  async queryAndSettle(lease: LockLease, intent: PaymentIntentDocument, now: Date): Promise<'paid' | 'review' | 'unpaid' | 'settled'> {
    if (!PENDING_STATUSES.includes(intent.status)) return 'settled';
    for (const attempt of [...intent.attempts].reverse()) {
      const answer = await this.vnpay.transactions.query({ txnRef: attempt.txnRef, transactionDate: attempt.createDate, orderInfo: attempt.orderInfo, ipAddr: SERVER_IP });
      if (!answer.found) continue;
      if (answer.amountVnd !== intent.amountVnd) {
        this.logger.error('querydr: amount differs from the intent; not settled');
        continue;
      }
      const said = outcomeOf({ responseCode: answer.transactionStatus, transactionStatus: answer.transactionStatus, succeeded: answer.succeeded, needsReview: answer.needsReview });
      if (said === 'fail') continue;
      const vnpay: VnpayOutcome = {
        txnRef: attempt.txnRef,
        transactionNo: answer.transactionNo,
        bankCode: answer.bankCode,
        payDate: answer.payDate,
        responseCode: answer.responseCode,
        transactionStatus: answer.transactionStatus,
        source: 'querydr',
      };
      await this.settlement.settle(lease, intent, said, { source: 'querydr', at: now, reason: said === 'review' ? 'vnpay_07' : undefined, vnpay } as const);
      return said === 'succeed' ? 'paid' : 'review';
    }
    return 'unpaid';
  }

  /**
   * Refunds `amountVnd` of the VNPay transaction that paid `intent` (02 full / 03 partial). `ok: false` with VNPay's
   * code when VNPay refused (93 amount, 94 in progress, 95 refused…); throws when VNPay could not be reached.
   */
  async refund(intent: PaymentIntentDocument, amountVnd: number, full: boolean, createdBy: string, transaction?: { txnRef: string; transactionNo: string }): Promise<GatewayRefund> {
    const paid = transaction ?? intent.vnpay;
    const attempt = paid && intent.attempts.find((a) => a.txnRef === paid.txnRef);
    if (!paid || !attempt || !paid.transactionNo) {
      throw AppError.conflict('NO_GATEWAY_TRANSACTION', 'Không tìm thấy giao dịch VNPay để hoàn tiền', 'No VNPay transaction to refund');
    }
    try {
      const answer = await this.vnpay.refunds.create({
        txnRef: attempt.txnRef,
        transactionNo: paid.transactionNo,
        transactionDate: attempt.createDate,
        amountVnd,
        full,
        createdBy: createdBy.slice(0, 250),
        orderInfo: stripDiacritics(`Hoan tien don hang ${intent.checkoutCode}`),
        ipAddr: SERVER_IP,
      });
      return { ok: answer.responseCode === '00', responseCode: answer.responseCode, transactionNo: answer.transactionNo || null };
    } catch (error) {
      if (error instanceof VnpayError && error.type === 'api_error' && error.responseCode) {
        return { ok: false, responseCode: error.responseCode, transactionNo: null };
      }
      this.logger.error(`VNPay refund failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new AppError(HttpStatus.BAD_GATEWAY, 'GATEWAY_UNAVAILABLE', 'Không liên lạc được VNPay, vui lòng thử lại', 'VNPay could not be reached, try again');
    }
  }
}

/** A refund at VNPay of (part of) the transaction that paid the intent. */
export interface GatewayRefund {
  ok: boolean;
  responseCode: string;
  transactionNo: string | null;
}

/** VNPay says it took money (success) for an intent no longer pending, through another transaction than the one recorded. */
function unexpectedPayment(answer: IpnAnswer, intent: PaymentIntentDocument, result: VnpayPaymentResult): boolean {
  return answer.RspCode === IPN_ANSWERS.alreadyConfirmed.RspCode && result.succeeded && intent.vnpay?.txnRef !== result.txnRef;
}

function view(intent: PaymentIntentDocument) {
  return { amountVnd: intent.amountVnd, status: intent.status, txnRefs: intent.txnRefs };
}

function outcome(result: VnpayPaymentResult, source: string): VnpayOutcome {
  return {
    txnRef: result.txnRef,
    transactionNo: result.transactionNo,
    bankCode: result.bankCode,
    payDate: result.payDate ?? null,
    responseCode: result.responseCode,
    transactionStatus: result.transactionStatus,
    source,
  };
}

/** A request that failed verification: 97, except a signed call for another terminal (01) or a malformed amount (04). */
function verificationAnswer(error: unknown): IpnAnswer {
  if (error instanceof VnpaySignatureError) return IPN_ANSWERS.invalidSignature;
  if (error instanceof VnpayInvalidRequestError && error.code === 'tmn_code_mismatch') return IPN_ANSWERS.notFound;
  if (error instanceof VnpayInvalidRequestError && error.code === 'invalid_amount') return IPN_ANSWERS.invalidAmount;
  if (error instanceof VnpayError) return IPN_ANSWERS.invalidSignature;
  throw error;
}

/** `::ffff:1.2.3.4` → `1.2.3.4` (VNPay expects the client's address as the client sees it). */
function clientIp(ip: string): string {
  return ip.replace(/^::ffff:/, '') || SERVER_IP;
}

export function notPayable(): AppError {
  return new AppError(
    HttpStatus.CONFLICT,
    'CHECKOUT_NOT_PAYABLE',
    'Đơn thanh toán đã hết hạn, đã huỷ hoặc đã được thanh toán',
    'The checkout has expired, was cancelled or is already paid',
  );
}
