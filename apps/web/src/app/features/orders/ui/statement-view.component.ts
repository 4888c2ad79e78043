import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatVnDateTime, formatVnd, vnMonthKey } from '@nss/util-vn';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { PriceComponent } from '@nss/web-ui';
import type { LedgerEntryKind, SellerStatement, StatementEntry } from '../data/orders.models';

export const LEDGER_KINDS = ['sale', 'commission', 'refund', 'refund_commission', 'payout'] as const satisfies readonly LedgerEntryKind[];

/** The last twelve Vietnam-time months, newest first ("2026-12", "2026-11", …). */
export function recentMonths(now: Date, count = 12): string[] {
  const months: string[] = [];
  let [year, month] = vnMonthKey(now).split('-').map(Number);
  for (let i = 0; i < count; i++) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

/** "Tháng 11/2026" / "November 2026" for "2026-11". */
export function monthLabel(i18n: I18n, month: string): string {
  const [y, m] = month.split('-');
  return i18n.t('ord.statement.monthLabel', { month: Number(m), year: y });
}

/** An amount with its sign: "+95.000 ₫", "−9.500 ₫", "0 ₫". */
export function signedVnd(amount: number): string {
  if (amount === 0) return formatVnd(0);
  return `${amount < 0 ? '−' : '+'}${formatVnd(Math.abs(amount))}`;
}

/** Hands a file the API generated (a CSV statement, fetched with the bearer token) to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A monthly statement: opening balance, the month's totals by kind, closing balance, and (with `showEntries`) every
 * entry with the balance after it. Used by the seller's balance page and the staff statements page.
 */
@Component({
  selector: 'nss-statement-view',
  imports: [TranslatePipe, PriceComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './orders.css',
  template: `
    @let s = statement();
    <dl class="facts" data-testid="statement">
      <dt>{{ 'ord.statement.opening' | t }}</dt><dd data-testid="statement-opening"><nss-price [amount]="s.openingBalanceVnd" /></dd>
      @for (k of kinds; track k) {
        <dt>{{ 'ord.ledger.' + k | t }}</dt><dd [attr.data-testid]="'statement-total-' + k">{{ signed(s.totals[k]) }}</dd>
      }
      <dt>{{ 'ord.statement.closing' | t }}</dt><dd data-testid="statement-closing"><nss-price [amount]="s.closingBalanceVnd" /></dd>
    </dl>
    <p class="small muted">{{ 'ord.statement.count' | t: { n: s.entries.length } }}</p>
    @if (showEntries()) {
      <h3>{{ 'ord.statement.entries' | t }}</h3>
      @if (!s.entries.length) { <p class="muted" data-testid="statement-no-entries">{{ 'ord.statement.noEntries' | t }}</p> }
      <ul class="lines">
        @for (e of s.entries; track e.id) {
          <li style="grid-template-columns: 1fr" data-testid="statement-entry" [attr.data-kind]="e.kind">
            <span class="between"><span>{{ describe(e) }}</span>
              <strong [class.muted]="e.amountVnd < 0">{{ signed(e.amountVnd) }}</strong></span>
            <span class="small muted">{{ time(e.at) }} · {{ 'ord.ledger.' + e.kind | t }}
              · {{ 'ord.statement.balanceAfter' | t: { amount: vnd(e.balanceAfterVnd) } }}</span>
          </li>
        }
      </ul>
    }
  `,
})
export class StatementViewComponent {
  private readonly i18n = inject(I18n);
  readonly statement = input.required<SellerStatement>();
  readonly showEntries = input(false);

  protected readonly kinds = LEDGER_KINDS;
  private readonly en = computed(() => this.i18n.lang() === 'en');

  protected describe(e: StatementEntry): string {
    return this.en() ? e.descriptionEn : e.description;
  }

  protected signed(amount: number): string {
    return signedVnd(amount);
  }

  protected vnd(amount: number): string {
    return formatVnd(amount);
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}
