import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { formatVnDateTime } from '@nss/util-vn';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, PagerComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { OrdersApi } from '../data/orders.api';
import { ORDER_STATES, type OrderState } from '../data/orders.models';
import { ORDER_DETAIL_BASE, type OrderMode } from '../ui/order-mode';
import { stateTone } from '../ui/order-rules';

/**
 * `/don-hang` (buyer), `/nguoi-ban/don-hang` (seller or agent), `/quan-ly/don-hang` (province staff): the orders the
 * API lets the caller see, newest first, filtered by state (`?status=`) and paged (`?page=`), both kept in the URL.
 */
@Component({
  selector: 'nss-order-list-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, PagerComponent, PriceComponent, StatusChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  template: `
    <nss-page-header [title]="'ord.list.title.' + mode() | t">
      @if (mode() === 'seller') {
        <a class="btn" routerLink="/nguoi-ban/so-du" data-testid="nav-balance">{{ 'ord.balance.title' | t }}</a>
      }
    </nss-page-header>
    <div class="field">
      <label for="order-status">{{ 'ord.list.filter' | t }}</label>
      <select id="order-status" data-testid="order-status-filter" (change)="filter($event)">
        <option value="" [selected]="!status()">{{ 'ord.list.all' | t }}</option>
        @for (s of states; track s) {
          <option [value]="s" [selected]="status() === s">{{ 'ord.state.' + s | t }}</option>
        }
      </select>
    </div>
    @if (orders.error()) {
      <nss-error-box [error]="error()" />
      <button type="button" class="btn" (click)="orders.reload()">{{ 'common.retry' | t }}</button>
    }
    @if (orders.isLoading()) {
      <p role="status">{{ 'common.loading' | t }}</p>
    }
    @if (orders.hasValue()) {
      @let list = orders.value();
      @if (!list.items.length) {
        <p class="card muted" data-testid="orders-empty">{{ 'ord.list.empty' | t }}</p>
      }
      <ul class="lines">
        @for (o of list.items; track o.id) {
          <li class="card" style="display:block">
            <a class="list-item" [routerLink]="[base(), o.id]" data-testid="order-row" [attr.data-state]="o.state"
              [attr.data-code]="o.code">
              <span class="between"><strong>{{ o.code }}</strong>
                <nss-status-chip [status]="o.state" [label]="'ord.state.' + o.state | t" [tone]="tone(o.state)" /></span>
              <span class="between small">
                <span>{{ mode() === 'buyer' ? o.sellerName : ('ord.list.items' | t: { n: o.itemCount }) }}
                  · {{ 'ord.method.' + o.paymentMethod | t }}</span>
                <nss-price [amount]="o.totalVnd" /></span>
              <span class="small muted">{{ time(o.createdAt) }}
                @if (mode() !== 'buyer') { · {{ o.sellerName }} }</span>
            </a>
          </li>
        }
      </ul>
      <nss-pager [page]="list.page" [pageSize]="list.pageSize" [total]="list.total" testid="orders-pager"
        (pageChange)="goTo($event)" />
    }
  `,
})
export class OrderListPage {
  private readonly api = inject(OrdersApi);
  private readonly router = inject(Router);
  /** Route data `mode`. */
  readonly mode = input<OrderMode>('buyer');
  /** Query `?status=` and `?page=`. */
  readonly status = input<string | undefined>(undefined);
  readonly page = input<string | undefined>(undefined);

  protected readonly states = ORDER_STATES;
  protected readonly base = computed(() => ORDER_DETAIL_BASE[this.mode()]);
  protected readonly orders = rxResource({
    params: () => ({ status: this.validStatus(), page: Math.max(1, Number(this.page()) || 1) }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly error = computed(() => (this.orders.error() ? toApiError(this.orders.error()) : null));

  protected filter(event: Event): void {
    const status = (event.target as HTMLSelectElement).value || null;
    void this.router.navigate([], { queryParams: { status, page: null }, queryParamsHandling: 'merge' });
  }

  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page }, queryParamsHandling: 'merge' });
  }

  protected tone(state: OrderState) {
    return stateTone(state);
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  private validStatus(): OrderState | undefined {
    const s = this.status();
    return (ORDER_STATES as readonly string[]).includes(s ?? '') ? (s as OrderState) : undefined;
  }
}
