import type { LedgerEntryKind, LedgerTotals } from '@nss/contracts';
import { vnDayStart } from '@nss/util-vn';

/**
 * The seller ledger's arithmetic, pure and in whole đồng. Every amount is an integer; products of large amounts are
 * taken in BigInt so that nothing rounds silently above 2^53.
 *
 * Rounding rule (one rule, in the seller's favour): the platform never takes a fraction of a đồng.
 * - Commission of a sale = ⌊items total × bps / 10 000⌋ (rounded down; shipping carries no commission).
 * - Commission given back with a refund = ⌊commission × refund / sale⌋ (rounded down, pro rata of the money
 *   refunded out of the money credited), except that the refund which brings the order's refunds up to the whole
 *   sale gives back everything not yet given back. So any sequence of partial refunds that ends in a full refund
 *   returns exactly the commission taken, and a partial sequence never returns more than it.
 */

export const BPS_DENOMINATOR = 10_000;

function assertWholeDong(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole non-negative number of đồng, got ${value}`);
}

/** ⌊a × b / c⌋ for non-negative safe integers, exactly. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError('division by a non-positive number');
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** The platform's commission on a sale's items total, rounded down. */
export function commissionVnd(itemsTotalVnd: number, bps: number): number {
  assertWholeDong('itemsTotalVnd', itemsTotalVnd);
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS_DENOMINATOR) throw new RangeError(`bps must be 0–10000, got ${bps}`);
  return mulDivFloor(itemsTotalVnd, bps, BPS_DENOMINATOR);
}

/** The part of a refund that is debited: never more than what is left of the credited sale. */
export function debitableRefundVnd(input: { saleVnd: number; refundedBeforeVnd: number; refundVnd: number }): number {
  assertWholeDong('saleVnd', input.saleVnd);
  assertWholeDong('refundedBeforeVnd', input.refundedBeforeVnd);
  assertWholeDong('refundVnd', input.refundVnd);
  return Math.max(0, Math.min(input.refundVnd, input.saleVnd - input.refundedBeforeVnd));
}

/**
 * Commission given back with a refund (see the rounding rule above). `refundVnd` is the debited part (see
 * `debitableRefundVnd`); `refundedBeforeVnd` and `returnedBeforeVnd` are what the order's earlier refunds debited and
 * gave back.
 */
export function commissionBackVnd(input: {
  saleVnd: number;
  commissionVnd: number;
  refundVnd: number;
  refundedBeforeVnd: number;
  returnedBeforeVnd: number;
}): number {
  const { saleVnd, commissionVnd: commission, refundVnd, refundedBeforeVnd, returnedBeforeVnd } = input;
  for (const [name, value] of Object.entries(input)) assertWholeDong(name, value);
  const left = Math.max(0, commission - returnedBeforeVnd);
  if (saleVnd === 0 || left === 0) return 0;
  if (refundedBeforeVnd + refundVnd >= saleVnd) return left;
  return Math.min(left, mulDivFloor(commission, refundVnd, saleVnd));
}

/** Σ amounts. The one definition of a balance. */
export function balanceOf(entries: ReadonlyArray<{ amountVnd: number }>): number {
  let sum = 0;
  for (const e of entries) sum += e.amountVnd;
  if (!Number.isSafeInteger(sum)) throw new RangeError('balance out of the safe integer range');
  return sum;
}

export function emptyTotals(): LedgerTotals {
  return { sale: 0, commission: 0, refund: 0, refund_commission: 0, payout: 0 };
}

export function totalsByKind(entries: ReadonlyArray<{ kind: LedgerEntryKind; amountVnd: number }>): LedgerTotals {
  const totals = emptyTotals();
  for (const e of entries) totals[e.kind] += e.amountVnd;
  return totals;
}

/** The instants a Vietnam-time month "2026-11" runs between: [from, to). */
export function vnMonthRange(month: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: vnDayStart(`${month}-01`), to: vnDayStart(`${next}-01`) };
}

export interface StatementLine<E> {
  entry: E;
  balanceAfterVnd: number;
}

/**
 * A month's statement from the opening balance and the month's entries in order: running balance per entry, totals
 * by kind and the closing balance (= opening + Σ entries, by construction and checked).
 */
export function buildStatement<E extends { kind: LedgerEntryKind; amountVnd: number }>(
  openingBalanceVnd: number,
  entries: readonly E[],
): { lines: Array<StatementLine<E>>; totals: LedgerTotals; closingBalanceVnd: number } {
  let running = openingBalanceVnd;
  const lines = entries.map((entry) => {
    running += entry.amountVnd;
    return { entry, balanceAfterVnd: running };
  });
  const totals = totalsByKind(entries);
  const closingBalanceVnd = openingBalanceVnd + balanceOf(entries);
  if (closingBalanceVnd !== running) throw new Error('statement does not add up');
  return { lines, totals, closingBalanceVnd };
}
