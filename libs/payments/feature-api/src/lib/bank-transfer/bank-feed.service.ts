import { Injectable, Logger } from '@nestjs/common';
import { type BankFeedTransaction, type BankTransferIssueKind, bankFeedTransactionSchema } from '@nss/contracts';
import type { PayableCheckout } from '@nss/orders-api';
import { AppError, DocumentLocks, zodIssuesToApiIssues } from '@nss/server-core';
import type { PaymentIntentDocument } from '../intents/payment-intent.schema';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentSettlement } from '../intents/payment-settlement';
import { PENDING_STATUSES } from '../vnpay/ipn-decision';
import { PaymentsPlatform } from '../payments-platform';
import type { BankFeedTransactionDocument } from './bank-feed-transaction.schema';
import { BankFeedTransactionsRepository } from './bank-feed-transactions.repository';
import { BankTransferIssuesRepository } from './bank-transfer-issues.repository';
import { candidateCodes, sameSecret } from './transfer-matching';
import { PaymentAccess } from '../payment-access';

/**
 * The bank-feed webhook (SePay style): each incoming transfer once (deduplicated on the feed's `id`), matched on the
 * checkout code in its content and the exact amount. Anything else (too little, too much, no known code, too late,
 * already paid, not a transfer checkout) becomes a staff issue: never silently accepted, never silently dropped.
 */
@Injectable()
export class BankFeedService {
  private readonly logger = new Logger(BankFeedService.name);
  private readonly scope = PaymentAccess.system('bank feed webhook');

  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly locks: DocumentLocks,
    private readonly feed: BankFeedTransactionsRepository,
    private readonly issues: BankTransferIssuesRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly settlement: PaymentSettlement,
  ) {}

  /** 401 unless `Authorization: Apikey <BANK_FEED_API_KEY>`. */
  authenticate(authorization: string | undefined): void {
    const match = /^Apikey\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match || !sameSecret(match[1] as string, this.platform.config.bankFeedApiKey)) {
      throw AppError.unauthorized('Khoá API của nguồn dữ liệu ngân hàng không đúng', 'Wrong bank feed API key');
    }
  }

  async receive(authorization: string | undefined, body: unknown): Promise<{ success: true }> {
    this.authenticate(authorization);
    const parsed = bankFeedTransactionSchema.safeParse(body);
    if (!parsed.success) throw AppError.badRequest('VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', zodIssuesToApiIssues(parsed.error.issues));
    const tx = parsed.data;
    const feedId = String(tx.id);
    await this.locks.run('bank-feed', feedId, async () => {
      const { doc } = await this.feed.record(this.scope, {
        feedId,
        transferType: tx.transferType,
        amountVnd: tx.transferAmount,
        content: tx.content,
        referenceCode: tx.referenceCode ?? null,
        gateway: tx.gateway ?? null,
        accountNumber: tx.accountNumber ?? null,
        transactionDate: tx.transactionDate ?? null,
      });
      // A retry of a transaction handled before: acknowledged, nothing done again.
      if (doc.outcome !== 'pending') return;
      if (tx.transferType === 'out') return this.feed.settle(this.scope, doc._id, 'ignored', null);
      await this.handle(doc, tx);
    });
    return { success: true };
  }

  private async handle(doc: BankFeedTransactionDocument, tx: BankFeedTransaction): Promise<void> {
    let checkout: PayableCheckout | null = null;
    for (const code of candidateCodes(tx)) {
      checkout = await this.platform.orders.getCheckoutByCode(code);
      if (checkout) break;
    }
    if (!checkout) return this.fileIssue(doc, 'unknown_code', null, []);
    const found = checkout;
    const provinces = await this.platform.provincesOf(found);
    if (found.paymentMethod !== 'bank_transfer') return this.fileIssue(doc, 'wrong_method', found, provinces);
    await this.platform.withCheckoutLock(found.checkoutId, async (lease) => {
      const current = (await this.platform.orders.getCheckout(found.checkoutId)) ?? found;
      const intent = await this.intentFor(current, provinces);
      // An earlier attempt of this same transfer matched it to this checkout, then died part-way (orders told, intent
      // not yet moved; or intent moved, this record not yet closed): finish its remaining steps, never count it twice.
      const resuming = doc.checkoutId === current.checkoutId;
      if (resuming && intent.status === 'succeeded' && intent.bankFeedId === doc.feedId) return this.feed.settle(this.scope, doc._id, 'paid', current.checkoutId);
      if (resuming && intent.status === 'requires_review' && intent.bankFeedId === doc.feedId) return this.fileIssue(doc, 'late', current, provinces);
      const paidByThis = resuming && current.state === 'settled' && PENDING_STATUSES.includes(intent.status);
      if (!paidByThis) {
        if (current.state === 'settled' || intent.status === 'succeeded') return this.fileIssue(doc, 'already_paid', current, provinces);
        if (current.state !== 'awaiting_payment' || !PENDING_STATUSES.includes(intent.status)) return this.fileIssue(doc, 'late', current, provinces);
        if (doc.amountVnd < intent.amountVnd) return this.fileIssue(doc, 'underpaid', current, provinces);
        if (doc.amountVnd > intent.amountVnd) return this.fileIssue(doc, 'overpaid', current, provinces);
        await this.feed.match(this.scope, doc._id, current.checkoutId);
      }
      const settled = await this.settlement.settle(lease, intent, 'succeed', { source: 'bank_feed', at: new Date(), bankFeedId: doc.feedId });
      if (!settled) throw new Error('bank transfer payment not recorded (intent changed meanwhile)');
      if (settled.status === 'requires_review') return this.fileIssue(doc, 'late', current, provinces);
      await this.feed.settle(this.scope, doc._id, 'paid', current.checkoutId);
    });
  }

  /** The checkout's intent; made here if the buyer paid from the code without opening the payment page. */
  private async intentFor(checkout: PayableCheckout, provinces: string[]): Promise<PaymentIntentDocument> {
    const existing = await this.intents.findByCheckout(this.scope, checkout.checkoutId);
    if (existing) return existing;
    await this.intents.insertOnce(this.scope, {
      checkoutId: checkout.checkoutId,
      checkoutCode: checkout.code,
      buyerUserId: checkout.buyerUserId,
      provinceCodes: provinces,
      orderIds: checkout.orders.map((o) => o.orderId),
      method: checkout.paymentMethod,
      amountVnd: checkout.totalVnd,
      status: 'requires_action',
    });
    const made = await this.intents.findByCheckout(this.scope, checkout.checkoutId);
    if (!made) throw new Error('payment intent vanished after creation');
    return made;
  }

  private async fileIssue(doc: BankFeedTransactionDocument, kind: BankTransferIssueKind, checkout: PayableCheckout | null, provinces: string[]): Promise<void> {
    this.logger.warn(`bank transfer not accepted: ${kind}`);
    await this.issues.fileOnce(this.scope, {
      kind,
      feedId: doc.feedId,
      checkoutId: checkout?.checkoutId ?? null,
      checkoutCode: checkout?.code ?? null,
      expectedVnd: checkout?.totalVnd ?? null,
      receivedVnd: doc.amountVnd,
      content: doc.content,
      bankReferenceCode: doc.referenceCode,
      provinceCodes: provinces,
    });
    await this.feed.settle(this.scope, doc._id, 'issue', checkout?.checkoutId ?? null);
  }
}
