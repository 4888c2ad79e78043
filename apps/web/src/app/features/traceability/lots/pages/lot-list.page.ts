import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, PagerComponent, StatusChipComponent } from '@nss/web-ui';
import { LotsApi } from '../data/lots.api';
import { LOT_STATUSES, type Lot, type LotStatus } from '../data/lots.models';
import { formatDay } from '../data/vn-time';
import { formatAmount } from '../ui/lot-amount';

/**
 * `/nguoi-ban/lo-hang` (seller; an agent adds `?sellerId=` of a household it manages): the lots, newest first, with
 * a status filter and the way to a new lot.
 */
@Component({
  selector: 'nss-lot-list-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, PagerComponent, StatusChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/lots.css',
  template: `
    <nss-page-header [title]="(sellerId() ? 'lot.list.titleHousehold' : 'lot.list.title') | t" [subtitle]="'lot.list.subtitle' | t">
      <a class="btn btn-primary" routerLink="moi" [queryParams]="{ sellerId: sellerId() ?? null }" data-testid="lot-add">{{ 'lot.list.add' | t }}</a>
    </nss-page-header>
    <div class="field">
      <label for="lot-status-filter">{{ 'lot.list.status' | t }}</label>
      <select id="lot-status-filter" data-testid="lot-status-filter" (change)="pickStatus($event)">
        <option value="">{{ 'lot.list.all' | t }}</option>
        @for (s of statuses; track s) { <option [value]="s" [selected]="s === status()">{{ 'lot.status.' + s | t }}</option> }
      </select>
    </div>
    @if (lots.error()) { <nss-error-box [error]="asError(lots.error())" /> }
    @if (lots.isLoading()) { <p role="status">{{ 'lot.common.loading' | t }}</p> }
    @if (lots.hasValue()) {
      @let page = lots.value();
      <ul class="list">
        @for (lot of page.items; track lot.id) {
          <li class="card" data-testid="lot-item" [attr.data-lot-id]="lot.id">
            <a class="lot-link" [routerLink]="lot.id" [queryParams]="{ sellerId: sellerId() ?? null }">
              <span class="row" style="justify-content: space-between">
                <span class="lot-code">{{ lot.code }}</span>
                <nss-status-chip [status]="lot.status" [tone]="lot.status === 'open' ? 'ok' : 'neutral'" [label]="'lot.status.' + lot.status | t" />
              </span>
              <span>{{ lot.productName }}</span><br />
              <span class="muted small">{{ 'lot.list.producedOn' | t: { date: day(lot.producedOn) } }} · {{ amount(lot) }} · {{ lot.communeName }}</span>
            </a>
          </li>
        } @empty {
          <li class="muted" data-testid="lot-empty">{{ 'lot.list.empty' | t }}</li>
        }
      </ul>
      <nss-pager [page]="page.page" [pageSize]="page.pageSize" [total]="page.total" testid="lot-pager" (pageChange)="page$.set($event)" />
    }
  `,
})
export class LotListPage {
  private readonly api = inject(LotsApi);
  private readonly i18n = inject(I18n);
  /** Query `?sellerId=` (agents). */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly statuses = LOT_STATUSES;
  protected readonly status = signal<LotStatus | null>(null);
  protected readonly page$ = signal(1);
  protected readonly lots = rxResource({
    params: () => ({ sellerId: this.sellerId(), status: this.status(), page: this.page$() }),
    stream: ({ params }) => this.api.list(params),
  });

  protected pickStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.status.set(value ? (value as LotStatus) : null);
    this.page$.set(1);
  }

  protected day(day: string): string {
    return formatDay(day);
  }

  protected amount(lot: Lot): string {
    return formatAmount(lot.quantity, this.i18n.t(`lot.unit.${lot.unit}`), this.i18n.lang());
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }
}
