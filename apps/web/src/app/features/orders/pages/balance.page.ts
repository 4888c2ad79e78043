import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, PagerComponent, PriceComponent } from '@nss/web-ui';
import { LedgerApi } from '../data/ledger.api';
import type { LedgerEntry } from '../data/orders.models';
import { StatementViewComponent, monthLabel, recentMonths, saveFile, signedVnd } from '../ui/statement-view.component';

export { recentMonths } from '../ui/statement-view.component';

/**
 * `/nguoi-ban/so-du` (seller; an agent adds `?sellerId=` of a household it manages): what the platform owes the
 * seller (the sum of the ledger entries), the entries, and a monthly statement with its CSV file.
 */
@Component({
  selector: 'nss-balance-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, PagerComponent, PriceComponent, StatementViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  template: `
    <nss-page-header [title]="'ord.balance.title' | t" [subtitle]="ledger.value()?.sellerName">
      <a class="btn" routerLink="/nguoi-ban/don-hang" [queryParams]="{ sellerId: sellerId() ?? null }">{{ 'ord.list.title.seller' | t }}</a>
    </nss-page-header>
    @if (ledger.error()) { <nss-error-box [error]="asError(ledger.error())" /> }
    @if (ledger.hasValue()) {
      @let l = ledger.value();
      <section class="card">
        <p class="between total"><span>{{ 'ord.balance.current' | t }}</span>
          <span data-testid="balance-amount"><nss-price [amount]="l.balanceVnd" /></span></p>
        <p class="small muted">{{ 'ord.balance.explain' | t }}</p>
      </section>
      <section class="card">
        <h2>{{ 'ord.balance.entries' | t }}</h2>
        @if (!l.entries.items.length) { <p class="muted" data-testid="ledger-empty">{{ 'ord.balance.noEntries' | t }}</p> }
        <ul class="lines">
          @for (e of l.entries.items; track e.id) {
            <li style="grid-template-columns: 1fr" data-testid="ledger-entry" [attr.data-kind]="e.kind">
              <span class="between"><span>{{ describe(e) }}</span>
                <strong [class.muted]="e.amountVnd < 0">{{ signed(e.amountVnd) }}</strong></span>
              <span class="small muted">{{ time(e.at) }} · {{ 'ord.ledger.' + e.kind | t }}</span>
            </li>
          }
        </ul>
        <nss-pager [page]="l.entries.page" [pageSize]="l.entries.pageSize" [total]="l.entries.total" (pageChange)="page.set($event)" />
      </section>
    }
    <section class="card">
      <h2>{{ 'ord.statement.title' | t }}</h2>
      <div class="field">
        <label for="statement-month">{{ 'ord.statement.month' | t }}</label>
        <select id="statement-month" data-testid="statement-month" (change)="pickMonth($event)">
          @for (m of months; track m) { <option [value]="m" [selected]="m === month()">{{ monthLabel(m) }}</option> }
        </select>
      </div>
      @if (statement.error()) { <nss-error-box [error]="asError(statement.error())" /> }
      @if (statement.hasValue()) { <nss-statement-view [statement]="statement.value()" /> }
      <nss-error-box [error]="csvError()" />
      <button type="button" class="btn" data-testid="statement-csv" [disabled]="downloading()" (click)="downloadCsv()">
        {{ 'ord.statement.csv' | t }}</button>
    </section>
  `,
})
export class BalancePage {
  private readonly api = inject(LedgerApi);
  private readonly i18n = inject(I18n);
  /** Query `?sellerId=` (agents). */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly months = recentMonths(new Date());
  protected readonly month = signal(this.months[0]);
  protected readonly page = signal(1);
  protected readonly downloading = signal(false);
  protected readonly csvError = signal<ApiError | null>(null);

  protected readonly ledger = rxResource({
    params: () => ({ sellerId: this.sellerId(), page: this.page() }),
    stream: ({ params }) => this.api.ledger(params),
  });
  protected readonly statement = rxResource({
    params: () => ({ month: this.month(), sellerId: this.sellerId() }),
    stream: ({ params }) => this.api.statement(params.month, params.sellerId),
  });
  protected readonly en = computed(() => this.i18n.lang() === 'en');

  protected pickMonth(event: Event): void {
    this.month.set((event.target as HTMLSelectElement).value);
  }

  protected describe(e: LedgerEntry): string {
    return this.en() ? e.descriptionEn : e.description;
  }

  protected signed(amount: number): string {
    return signedVnd(amount);
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected monthLabel(month: string): string {
    return monthLabel(this.i18n, month);
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }

  /** The CSV needs the bearer token, so it is fetched and handed to the browser as a file. */
  protected downloadCsv(): void {
    this.downloading.set(true);
    this.csvError.set(null);
    const month = this.month();
    this.api.statementCsv(month, this.sellerId()).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        saveFile(blob, `sao-ke-${month}.csv`);
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.csvError.set(toApiError(err));
      },
    });
  }
}
