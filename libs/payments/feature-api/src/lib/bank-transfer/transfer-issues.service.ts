import { Injectable } from '@nestjs/common';
import type { BankTransferIssue, Page, PaymentQueueQuery, ResolveBankTransferIssueBody } from '@nss/contracts';
import { type Actor, AppError, DataScope } from '@nss/server-core';
import { PaymentIntentsRepository } from '../intents/payment-intents.repository';
import { PaymentSettlement } from '../intents/payment-settlement';
import { PaymentsPlatform } from '../payments-platform';
import { PENDING_STATUSES } from '../vnpay/ipn-decision';
import type { BankTransferIssueDocument } from './bank-transfer-issue.schema';
import { BankTransferIssuesRepository } from './bank-transfer-issues.repository';
import { PaymentAccess } from '../payment-access';

/**
 * The staff queue of transfers that were not accepted. `accept` counts an under- or over-payment as the checkout's
 * payment (staff settled the difference with the buyer) while the checkout still awaits it; `refunded` records the
 * bank transfer that sent the money back; `dismiss` closes with a note.
 */
@Injectable()
export class TransferIssuesService {
  constructor(
    private readonly platform: PaymentsPlatform,
    private readonly issues: BankTransferIssuesRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly settlement: PaymentSettlement,
  ) {}

  async list(actor: Actor, query: PaymentQueueQuery): Promise<Page<BankTransferIssue>> {
    const { items, total } = await this.issues.page(DataScope.forActor(actor), query.status, query.page, query.pageSize);
    return { items: items.map(toIssue), total, page: query.page, pageSize: query.pageSize };
  }

  async resolve(actor: Actor, id: string, body: ResolveBankTransferIssueBody): Promise<BankTransferIssue> {
    const scope = DataScope.forActor(actor);
    const issue = await this.issues.findById(scope, id);
    if (!issue) throw AppError.notFound('giao dịch cần xử lý', 'Transfer issue');
    if (issue.status !== 'open') throw alreadyResolved();
    if (body.decision === 'refunded' && !body.bankReference) {
      throw AppError.invalidField('bankReference', 'Cần mã giao dịch hoàn tiền', 'The refund transfer reference is required');
    }
    if (body.decision === 'accept') await this.acceptAsPayment(actor, issue);
    const resolved = await this.issues.resolve(scope, id, {
      decision: body.decision,
      note: body.note,
      bankReference: body.bankReference ?? null,
      resolvedByUserId: actor.userId,
      resolvedAt: new Date(),
    });
    if (!resolved) throw alreadyResolved();
    return toIssue(resolved);
  }

  private async acceptAsPayment(actor: Actor, issue: BankTransferIssueDocument): Promise<void> {
    const checkoutId = issue.checkoutId;
    if (!checkoutId || (issue.kind !== 'underpaid' && issue.kind !== 'overpaid')) throw cannotAccept();
    const system = PaymentAccess.system('transfer issue accepted by staff');
    await this.platform.withCheckoutLock(checkoutId, async (lease) => {
      const checkout = await this.platform.orders.getCheckout(checkoutId);
      const intent = await this.intents.findByCheckout(system, checkoutId);
      if (!checkout || checkout.state !== 'awaiting_payment' || !intent || !PENDING_STATUSES.includes(intent.status)) throw cannotAccept();
      const settled = await this.settlement.settle(lease, intent, 'succeed', { source: 'staff', at: new Date(), actorUserId: actor.userId });
      if (!settled || settled.status !== 'succeeded') throw cannotAccept();
    });
  }
}

function toIssue(doc: BankTransferIssueDocument): BankTransferIssue {
  return {
    id: doc.id as string,
    kind: doc.kind,
    feedTransactionId: doc.feedId,
    checkoutId: doc.checkoutId,
    checkoutCode: doc.checkoutCode,
    expectedVnd: doc.expectedVnd,
    receivedVnd: doc.receivedVnd,
    content: doc.content,
    bankReferenceCode: doc.bankReferenceCode,
    provinceCodes: doc.provinceCodes,
    status: doc.status,
    decision: doc.decision,
    note: doc.note,
    bankReference: doc.bankReference,
    createdAt: doc.createdAt.toISOString(),
    resolvedAt: doc.resolvedAt ? doc.resolvedAt.toISOString() : null,
  };
}

function alreadyResolved(): AppError {
  return AppError.conflict('ALREADY_RESOLVED', 'Mục này đã được xử lý', 'This item was resolved already');
}

function cannotAccept(): AppError {
  return AppError.conflict(
    'CANNOT_ACCEPT_TRANSFER',
    'Chỉ nhận được khoản chuyển thiếu/thừa khi đơn còn chờ thanh toán; hãy hoàn tiền',
    'Only an under- or over-payment for a checkout still awaiting payment can be accepted; refund it instead',
  );
}
