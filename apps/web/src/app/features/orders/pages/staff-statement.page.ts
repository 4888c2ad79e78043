import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';
import { of } from 'rxjs';
import { StaffApi } from '../../staff/staff.api';
import { LedgerApi } from '../data/ledger.api';
import { StatementViewComponent, monthLabel, recentMonths, saveFile } from '../ui/statement-view.component';

/**
 * `/quan-ly/sao-ke?sellerId=&month=` (province staff: the province's sellers; admins: any): pick a seller (searched by
 * name) and a month, read the statement with every entry, download its CSV. The choice stays in the address, so a
 * statement can be bookmarked or sent to a colleague.
 */
@Component({
  selector: 'nss-staff-statement-page',
  imports: [TranslatePipe, ErrorBoxComponent, PageHeaderComponent, StatementViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  styles: `
    .search { display: flex; gap: 8px; }
    .search input { flex: 1; min-width: 0; }
    .pickers { display: grid; gap: 12px; }
    @media (min-width: 560px) { .pickers { grid-template-columns: 2fr 1fr; } }
  `,
  template: `
    <nss-page-header [title]="'ord.staffStatement.title' | t" [subtitle]="'ord.staffStatement.subtitle' | t" />
    <section class="card">
      <form role="search" class="field" (submit)="$event.preventDefault(); search()">
        <label for="seller-q">{{ 'ord.staffStatement.find' | t }}</label>
        <div class="search">
          <input id="seller-q" type="search" data-testid="seller-q" autocomplete="off" [value]="draft()"
            (input)="setDraft($event)" />
          <button type="submit" class="btn" data-testid="seller-search">{{ 'ord.staffStatement.search' | t }}</button>
        </div>
      </form>
      @if (sellers.error()) { <nss-error-box [error]="asError(sellers.error())" /> }
      <div class="pickers">
        <div class="field">
          <label for="statement-seller">{{ 'ord.staffStatement.seller' | t }}</label>
          <select id="statement-seller" data-testid="statement-seller" [attr.aria-busy]="sellers.isLoading()" (change)="pickSeller($event)">
            <option value="" [selected]="!seller()">{{ 'ord.common.choose' | t }}</option>
            @for (s of sellerList(); track s.id) {
              <option [value]="s.id" [selected]="s.id === seller()">{{ s.displayName }} · {{ s.communeName }}</option>
            }
          </select>
          @if (sellers.hasValue() && !sellerList().length) {
            <span class="hint" data-testid="no-sellers">{{ 'ord.staffStatement.noSellers' | t }}</span>
          }
        </div>
        <div class="field">
          <label for="statement-month">{{ 'ord.statement.month' | t }}</label>
          <select id="statement-month" data-testid="statement-month" (change)="pickMonth($event)">
            @for (m of months; track m) { <option [value]="m" [selected]="m === chosenMonth()">{{ label(m) }}</option> }
          </select>
        </div>
      </div>
    </section>

    @if (!seller()) {
      <p class="muted" data-testid="statement-pick">{{ 'ord.staffStatement.pick' | t }}</p>
    } @else {
      <section class="card">
        @if (statement.error()) { <nss-error-box [error]="asError(statement.error())" /> }
        @if (statement.isLoading()) { <p role="status">{{ 'common.loading' | t }}</p> }
        @if (statement.hasValue()) {
          @let s = statement.value();
          <h2 data-testid="statement-heading">{{ 'ord.staffStatement.heading' | t: { name: s.sellerName, month: label(s.month) } }}</h2>
          <nss-statement-view [statement]="s" [showEntries]="true" />
        }
        <nss-error-box [error]="csvError()" />
        <button type="button" class="btn btn-block" data-testid="statement-csv" [disabled]="downloading()" (click)="downloadCsv()">
          {{ 'ord.statement.csv' | t }}</button>
      </section>
    }
  `,
})
export class StaffStatementPage {
  private readonly ledger = inject(LedgerApi);
  private readonly staff = inject(StaffApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  /** Query `?sellerId=&month=`. */
  readonly sellerId = input<string | undefined>(undefined);
  readonly month = input<string | undefined>(undefined);

  protected readonly months = recentMonths(new Date());
  protected readonly seller = linkedSignal(() => this.sellerId() || null);
  /** The month from the address when it is one of the list, else the current month. */
  protected readonly chosenMonth = linkedSignal(() => {
    const month = this.month();
    return month && this.months.includes(month) ? month : (this.months[0] as string);
  });
  protected readonly draft = signal('');
  private readonly query = signal('');
  protected readonly downloading = signal(false);
  protected readonly csvError = signal<ApiError | null>(null);

  protected readonly sellers = rxResource({ params: () => this.query(), stream: ({ params }) => this.staff.findSellers(params) });
  protected readonly sellerList = computed(() => (this.sellers.hasValue() ? this.sellers.value().items : []));
  protected readonly statement = rxResource({
    params: () => ({ sellerId: this.seller(), month: this.chosenMonth() }),
    stream: ({ params }) => (params.sellerId ? this.ledger.staffStatement(params.sellerId, params.month) : of(undefined)),
  });

  protected setDraft(event: Event): void {
    this.draft.set((event.target as HTMLInputElement).value);
  }

  protected search(): void {
    this.query.set(this.draft().trim());
  }

  protected pickSeller(event: Event): void {
    this.seller.set((event.target as HTMLSelectElement).value || null);
    this.remember();
  }

  protected pickMonth(event: Event): void {
    this.chosenMonth.set((event.target as HTMLSelectElement).value);
    this.remember();
  }

  protected label(month: string): string {
    return monthLabel(this.i18n, month);
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }

  protected downloadCsv(): void {
    const sellerId = this.seller();
    if (!sellerId) return;
    const month = this.chosenMonth();
    this.downloading.set(true);
    this.csvError.set(null);
    this.ledger.staffStatementCsv(sellerId, month).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        saveFile(blob, `sao-ke-${month}-${sellerId}.csv`);
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.csvError.set(toApiError(err));
      },
    });
  }

  /** Keeps the choice in the address (replacing the history entry: picking is not navigating). */
  private remember(): void {
    void this.router.navigate([], { queryParams: { sellerId: this.seller(), month: this.chosenMonth() }, replaceUrl: true });
  }
}
