import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import type { CreatedPayout, CreatePayoutRequest, LedgerEntryKind, Page, Payout, SellerLedger } from '@nss/contracts';
import type { CatalogSeller } from '@nss/onboarding-api';
import { Actor, APP_CONFIG, AppConfig, AppError, DataScope, DocumentLocks, type LockLease } from '@nss/server-core';
import { vnMonthKey } from '@nss/util-vn';
import { commissionBackVnd, commissionVnd, debitableRefundVnd } from './ledger-math';
import { LEDGER_BOOKING_SCOPE, LedgerEntriesRepository, type LedgerEntryWithId, type NewLedgerEntry } from './ledger-entries.repository';
import { ledgerEntryView } from './ledger-entry-view';
import { LedgerSellers } from './ledger-sellers';

/** What the ledger needs to know of a completed order (from the order event and the order). */
export interface CompletedOrderFacts {
  orderId: string;
  orderCode: string;
  sellerId: string;
  /** The seller's province. */
  provinceCode: string;
  itemsTotalVnd: number;
  shippingFeeVnd: number;
  /** items + shipping: what the buyer paid for this seller's order, credited to the seller. */
  totalVnd: number;
  completedAt: Date;
}

export interface RefundFacts {
  refundId: string;
  amountVnd: number;
  at: Date;
  orderId: string;
  sellerId: string;
  /** The order's completion, when it did complete (before or after the refund); null when it never completed. */
  completedOrder: CompletedOrderFacts | null;
}

export type BookingOutcome = 'booked' | 'already' | 'not_credited';

/** Every write to a seller's ledger holds this lock: a payout's balance check and the booking of refunds are serial. */
export const SELLER_LEDGER_LOCK = 'seller-ledger';

/**
 * The seller ledger: books sales, commissions, refunds and payouts as append-only entries with unique keys, and reads
 * balances (Σ entries) and pages of entries. Idempotent whatever the retries: each fact has one key; every write of
 * a seller's entries runs under `DocumentLocks.run('seller-ledger', sellerId)`, so a payout never exceeds the
 * balance even against a concurrent payout or refund.
 */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);

  constructor(
    private readonly entries: LedgerEntriesRepository,
    private readonly sellers: LedgerSellers,
    private readonly locks: DocumentLocks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- Booking from order events ----

  /** Credits a completed order (items + shipping) and charges the commission; a second call books nothing. */
  recordOrderCompleted(order: CompletedOrderFacts): Promise<BookingOutcome> {
    return this.locks.run(SELLER_LEDGER_LOCK, order.sellerId, async (lease) => {
      const booked = await this.bookSale(order, lease);
      return booked ? 'booked' : 'already';
    });
  }

  /**
   * Debits a refund of an order whose sale was credited (or is due: the order completed), and gives the commission
   * back pro rata. A refund of an order that never completed changes nothing here (the money never reached the
   * seller's balance). Never debits more than the sale.
   */
  recordRefund(refund: RefundFacts): Promise<BookingOutcome> {
    return this.locks.run(SELLER_LEDGER_LOCK, refund.sellerId, async (lease) => {
      // The completion may be booked after the refund's event is handled (events run in any order): book it first.
      if (refund.completedOrder) await this.bookSale(refund.completedOrder, lease);
      const ofOrder = await this.entries.ofOrder(LEDGER_BOOKING_SCOPE, refund.sellerId, refund.orderId);
      const sale = ofOrder.find((e) => e.kind === 'sale');
      if (!sale) {
        this.logger.log(`refund ${refund.refundId}: order ${refund.orderId} was never credited, nothing to debit`);
        return 'not_credited';
      }
      const sum = (kind: LedgerEntryKind, except?: string) =>
        ofOrder.filter((e) => e.kind === kind && e.refundId !== except).reduce((total, e) => total + Math.abs(e.amountVnd), 0);
      const commission = sum('commission');
      const refundedBefore = sum('refund', refund.refundId);
      const returnedBefore = sum('refund_commission', refund.refundId);
      const existing = ofOrder.find((e) => e.kind === 'refund' && e.refundId === refund.refundId);
      const debit = existing
        ? Math.abs(existing.amountVnd)
        : debitableRefundVnd({ saleVnd: sale.amountVnd, refundedBeforeVnd: refundedBefore, refundVnd: refund.amountVnd });
      if (debit < refund.amountVnd && !existing) {
        this.logger.warn(`refund ${refund.refundId} of ${refund.amountVnd} đ exceeds what is left of order ${refund.orderId}: ${debit} đ debited`);
      }
      const base = { sellerId: sale.sellerId, provinceCode: sale.provinceCode, orderId: sale.orderId, orderCode: sale.orderCode, refundId: refund.refundId };
      let booked = false;
      if (!existing && debit > 0) {
        await lease.assertHeld();
        booked = !!(await this.entries.book(LEDGER_BOOKING_SCOPE, entry({ ...base, key: `refund:${refund.refundId}`, kind: 'refund', amountVnd: -debit, at: refund.at })));
      }
      const back = commissionBackVnd({ saleVnd: sale.amountVnd, commissionVnd: commission, refundVnd: debit, refundedBeforeVnd: refundedBefore, returnedBeforeVnd: returnedBefore });
      const alreadyBack = ofOrder.some((e) => e.kind === 'refund_commission' && e.refundId === refund.refundId);
      if (back > 0 && !alreadyBack) {
        await lease.assertHeld();
        const at = existing?.at ?? refund.at;
        booked =
          !!(await this.entries.book(LEDGER_BOOKING_SCOPE, entry({ ...base, key: `refund-commission:${refund.refundId}`, kind: 'refund_commission', amountVnd: back, at }))) || booked;
      }
      return booked ? 'booked' : 'already';
    });
  }

  /** Books `sale:` and `commission:` of an order (each once). True when this call booked something. Under the lock. */
  private async bookSale(order: CompletedOrderFacts, lease: LockLease): Promise<boolean> {
    if (order.totalVnd !== order.itemsTotalVnd + order.shippingFeeVnd) {
      throw new Error(`order ${order.orderId}: total ${order.totalVnd} ≠ items ${order.itemsTotalVnd} + shipping ${order.shippingFeeVnd}`);
    }
    const base = { sellerId: order.sellerId, provinceCode: order.provinceCode, orderId: order.orderId, orderCode: order.orderCode, at: order.completedAt };
    await lease.assertHeld();
    const sale = await this.entries.book(LEDGER_BOOKING_SCOPE, entry({ ...base, key: `sale:${order.orderId}`, kind: 'sale', amountVnd: order.totalVnd }));
    const bps = this.config.PLATFORM_COMMISSION_BPS;
    const commission = commissionVnd(order.itemsTotalVnd, bps);
    let charged = false;
    if (commission > 0) {
      // Booked even when the sale existed: a crash between the two inserts is repaired by the retry.
      await lease.assertHeld();
      charged = !!(await this.entries.book(
        LEDGER_BOOKING_SCOPE,
        entry({ ...base, key: `commission:${order.orderId}`, kind: 'commission', amountVnd: -commission, commissionBps: bps }),
      ));
    }
    return !!sale || charged;
  }

  // ---- Payouts ----

  async createPayout(actor: Actor, input: CreatePayoutRequest & { note?: string }): Promise<CreatedPayout> {
    const seller = await this.sellers.forStaff(actor, input.sellerId);
    const scope = DataScope.forActor(actor);
    return this.locks.run(SELLER_LEDGER_LOCK, seller.id, async (lease) => {
      if (await this.entries.payoutWithReference(scope, seller.id, input.bankReference)) {
        throw AppError.conflict(
          'PAYOUT_DUPLICATE',
          `Đã ghi một lần chi trả với mã giao dịch ${input.bankReference} cho người bán này`,
          `A payout with bank reference ${input.bankReference} is already recorded for this seller`,
        );
      }
      const balance = await this.entries.sum(scope, seller.id);
      if (input.amountVnd > balance) {
        throw AppError.conflict(
          'PAYOUT_EXCEEDS_BALANCE',
          `Số tiền chi trả vượt quá số dư (${balance} đồng)`,
          `The payout exceeds the balance (${balance} VND)`,
        );
      }
      const payoutId = new Types.ObjectId().toHexString();
      await lease.assertHeld();
      const booked = await this.entries.book(
        scope,
        entry({
          key: `payout:${payoutId}`,
          kind: 'payout',
          sellerId: seller.id,
          provinceCode: seller.provinceCode,
          amountVnd: -input.amountVnd,
          at: new Date(),
          payoutId,
          bankReference: input.bankReference,
          note: input.note?.length ? input.note : null,
          actorUserId: actor.userId,
        }),
      );
      if (!booked) throw new Error(`payout ${payoutId} collided with an existing key`);
      return { ...payoutView(booked, seller), balanceAfterVnd: balance - input.amountVnd };
    });
  }

  async listPayouts(actor: Actor, query: { sellerId?: string; page: number; pageSize: number }): Promise<Page<Payout>> {
    const scope = DataScope.forActor(actor);
    const filter = { kind: 'payout', ...(query.sellerId ? { sellerId: query.sellerId } : {}) };
    const { items, total } = await this.entries.page(scope, filter, query.page, query.pageSize);
    const names = new Map<string, CatalogSeller | null>();
    for (const id of new Set(items.map((e) => e.sellerId))) names.set(id, await this.sellers.find(id));
    return { items: items.map((e) => payoutView(e, names.get(e.sellerId) ?? null)), total, page: query.page, pageSize: query.pageSize };
  }

  // ---- Reads ----

  /** The seller-side ledger (the seller, or its managing agent naming it). */
  async sellerLedger(actor: Actor, query: { sellerId?: string; kind?: LedgerEntryKind; page: number; pageSize: number }): Promise<SellerLedger> {
    const seller = await this.sellers.forSellerSide(actor, query.sellerId);
    return this.ledgerOf(actor, seller, query);
  }

  /** A seller's ledger for staff of its province and admins. */
  async staffLedger(actor: Actor, sellerId: string, query: { kind?: LedgerEntryKind; page: number; pageSize: number }): Promise<SellerLedger> {
    const seller = await this.sellers.forStaff(actor, sellerId);
    return this.ledgerOf(actor, seller, query);
  }

  private async ledgerOf(actor: Actor, seller: CatalogSeller, query: { kind?: LedgerEntryKind; page: number; pageSize: number }): Promise<SellerLedger> {
    const scope = DataScope.forActor(actor);
    const filter = { sellerId: seller.id, ...(query.kind ? { kind: query.kind } : {}) };
    const [balanceVnd, { items, total }] = await Promise.all([this.entries.sum(scope, seller.id), this.entries.page(scope, filter, query.page, query.pageSize)]);
    return {
      sellerId: seller.id,
      sellerName: seller.displayName,
      balanceVnd,
      entries: { items: items.map(ledgerEntryView), total, page: query.page, pageSize: query.pageSize },
    };
  }

  /** The balance of a seller (Σ entries), for system work and tests. */
  balanceOf(sellerId: string): Promise<number> {
    return this.entries.sum(LEDGER_BOOKING_SCOPE, sellerId);
  }

  /** Every entry of a seller, oldest first, for system work and tests. */
  entriesOf(sellerId: string): Promise<LedgerEntryWithId[]> {
    return this.entries.allOf(LEDGER_BOOKING_SCOPE, sellerId);
  }
}

/** A complete entry from its parts (the optional references default to null). */
function entry(
  parts: Pick<NewLedgerEntry, 'key' | 'kind' | 'sellerId' | 'provinceCode' | 'amountVnd' | 'at'> & Partial<NewLedgerEntry>,
): NewLedgerEntry {
  return {
    orderId: null,
    orderCode: null,
    refundId: null,
    payoutId: null,
    bankReference: null,
    note: null,
    commissionBps: null,
    actorUserId: null,
    ...parts,
    monthVn: vnMonthKey(parts.at),
  };
}

function payoutView(e: LedgerEntryWithId, seller: CatalogSeller | null): Payout {
  return {
    id: e.payoutId ?? String(e._id),
    sellerId: e.sellerId,
    sellerName: seller?.displayName ?? '',
    provinceCode: e.provinceCode,
    amountVnd: -e.amountVnd,
    bankReference: e.bankReference ?? '',
    note: e.note,
    createdByUserId: e.actorUserId ?? '',
    at: e.at.toISOString(),
  };
}
