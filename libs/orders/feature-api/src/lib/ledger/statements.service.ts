import { Injectable } from '@nestjs/common';
import type { SellerStatement } from '@nss/contracts';
import type { CatalogSeller } from '@nss/onboarding-api';
import { Actor, DataScope } from '@nss/server-core';
import { LedgerEntriesRepository } from './ledger-entries.repository';
import { ledgerEntryView } from './ledger-entry-view';
import { buildStatement, vnMonthRange } from './ledger-math';
import { LedgerSellers } from './ledger-sellers';

/**
 * A seller's monthly statement: the balance at the first instant of the month (Vietnam time), the month's entries
 * with the running balance, the totals by kind and the closing balance. Opening and closing are sums of entries, so
 * the statement of a month always continues the previous one.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly entries: LedgerEntriesRepository,
    private readonly sellers: LedgerSellers,
  ) {}

  /** The seller's own statement, or that of a seller its agent manages (`requestedSellerId`). */
  async statement(actor: Actor, month: string, requestedSellerId: string | undefined): Promise<SellerStatement> {
    return this.statementOf(actor, await this.sellers.forSellerSide(actor, requestedSellerId), month);
  }

  /** Any seller's statement for staff of its province and admins (another province's seller: 404). */
  async staffStatement(actor: Actor, sellerId: string, month: string): Promise<SellerStatement> {
    return this.statementOf(actor, await this.sellers.forStaff(actor, sellerId), month);
  }

  private async statementOf(actor: Actor, seller: CatalogSeller, month: string): Promise<SellerStatement> {
    const scope = DataScope.forActor(actor);
    const { from, to } = vnMonthRange(month);
    const [opening, entries] = await Promise.all([this.entries.sum(scope, seller.id, from), this.entries.between(scope, seller.id, from, to)]);
    const built = buildStatement(opening, entries);
    return {
      sellerId: seller.id,
      sellerName: seller.displayName,
      provinceCode: seller.provinceCode,
      month,
      from: from.toISOString(),
      to: to.toISOString(),
      openingBalanceVnd: opening,
      closingBalanceVnd: built.closingBalanceVnd,
      totals: built.totals,
      entries: built.lines.map((l) => ({ ...ledgerEntryView(l.entry), balanceAfterVnd: l.balanceAfterVnd })),
    };
  }
}
