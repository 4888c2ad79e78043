import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnDateTime, formatVnd } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { Observable } from 'rxjs';
import { BrowserLocation, PaymentsApi } from '../../payments/data/payments.api';
import { rememberPayment } from '../../payments/data/payment-status';
import { IdempotentAttempt } from '../data/idempotency';
import { OrdersApi, type BuyerAction } from '../data/orders.api';
import type { Order } from '../data/orders.models';
import { ORDER_DETAIL_BASE, type OrderMode } from '../ui/order-mode';
import { buyerActions, canReview, sellerActions, stateTone, type SellerStep } from '../ui/order-rules';
import { OrderTimelineComponent } from '../ui/order-timeline.component';
import { ReviewFormComponent } from '../ui/review-form.component';
import { formatWeight } from '../../../shared/format';
import { LotsApi } from '../../traceability/lots/data/lots.api';
import type { Lot } from '../../traceability/lots/data/lots.models';

/** Carriers sellers use most; "other" lets them type any name. */
export const CARRIERS = ['GHN', 'GHTK', 'Viettel Post', 'VNPost', 'J&T Express', 'Ninja Van', 'SPX Express'] as const;

type Pending = SellerStep | BuyerAction;

/** Serials pasted one per line (or separated by commas or semicolons); a serial may be written in groups with spaces. */
export function pastedSerials(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `/don-hang/:id` (buyer: tracking, cancel, confirm received, refund request, reviews), `/nguoi-ban/don-hang/:id`
 * (seller or agent: accept, pack, ship with carrier and tracking code, delivered, cash collected, cancel with a
 * reason) and `/quan-ly/don-hang/:id` (staff: read only). The buttons follow the state machine; the API has the
 * last word (409 when the order moved meanwhile, then the page shows the order as it is now).
 */
@Component({
  selector: 'nss-order-detail-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent, PriceComponent,
    StatusChipComponent, OrderTimelineComponent, ReviewFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  templateUrl: './order-detail.page.html',
})
export class OrderDetailPage {
  private readonly api = inject(OrdersApi);
  private readonly payments = inject(PaymentsApi);
  private readonly lotsApi = inject(LotsApi);
  private readonly location = inject(BrowserLocation);
  private readonly i18n = inject(I18n);
  private readonly paymentAttempt = new IdempotentAttempt();
  /** Route parameter `:id` and route data `mode`. */
  readonly id = input.required<string>();
  readonly mode = input<OrderMode>('buyer');

  protected readonly carriers = CARRIERS;
  protected readonly order = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly loadError = computed(() => (this.order.error() ? toApiError(this.order.error()) : null));
  protected readonly listLink = computed(() => ORDER_DETAIL_BASE[this.mode()]);

  /** The action whose form is open (ship, cancel, refund request) or running. */
  protected readonly pending = signal<Pending | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly carrier = signal<string>(CARRIERS[0]);
  protected readonly otherCarrier = signal('');
  protected readonly trackingCode = signal('');
  /** The seller's open lots (for the ship form), and per order line (by product) the lot chosen and the serials pasted. */
  protected readonly lots = signal<Lot[]>([]);
  protected readonly lineLot = signal<Record<string, string>>({});
  protected readonly lineSerials = signal<Record<string, string>>({});
  protected readonly paying = signal(false);
  protected readonly payError = signal<ApiError | null>(null);

  protected readonly actions = computed<Pending[]>(() => {
    if (!this.order.hasValue()) return [];
    const o = this.order.value();
    if (this.mode() === 'buyer') return buyerActions(o);
    if (this.mode() === 'seller') return sellerActions(o);
    return [];
  });
  protected readonly reviewable = computed(() => this.mode() === 'buyer' && this.order.hasValue() && canReview(this.order.value()));

  /** Actions that need a form first (a reason, the shipment); the others run at once. */
  protected start(action: Pending): void {
    this.error.set(null);
    this.done.set(null);
    if (action === 'ship' || action === 'cancel' || action === 'refund-request') {
      this.reason.set('');
      this.pending.set(action);
      if (action === 'ship') this.loadLots();
      return;
    }
    this.submit(action);
  }

  protected submit(action: Pending): void {
    const order = this.order.value();
    if (!order) return;
    this.busy.set(true);
    this.error.set(null);
    this.call(order, action).subscribe({
      next: () => {
        this.busy.set(false);
        this.pending.set(null);
        this.done.set(`ord.done.${action}`);
        this.order.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const error = toApiError(err);
        this.error.set(error);
        // The order moved meanwhile: show it as it is now. A stamp refused (sold, void) leaves the ship form open to fix.
        if (error.statusCode === 409 && !error.code.startsWith('STAMP_')) {
          this.pending.set(null);
          this.order.reload();
        }
      },
    });
  }

  /** The order's seller's open lots, to record which lot each line is shipped from (optional: none is fine). */
  private loadLots(): void {
    const order = this.order.value();
    this.lineLot.set({});
    this.lineSerials.set({});
    if (!order) return;
    this.lotsApi.list({ sellerId: order.sellerId, status: 'open', pageSize: 100 }).subscribe({
      next: (page) => this.lots.set(page.items),
      error: () => this.lots.set([]),
    });
  }

  protected lotsOf(productId: string): Lot[] {
    return this.lots().filter((l) => l.productId === productId);
  }

  protected setLine(target: 'lineLot' | 'lineSerials', productId: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this[target].update((all) => ({ ...all, [productId]: value }));
  }

  /** The `lines` of the ship body: the order lines given a lot, with their pasted serials (if any). */
  private shipLines(order: Order): Array<{ productId: string; lotId: string; serials?: string[] }> {
    return order.lines.flatMap((l) => {
      const lotId = this.lineLot()[l.productId];
      if (!lotId) return [];
      const serials = pastedSerials(this.lineSerials()[l.productId] ?? '');
      return [{ productId: l.productId, lotId, ...(serials.length ? { serials } : {}) }];
    });
  }

  /** A VNPay checkout still waiting: a new attempt at the gateway (the server adds it to the same payment). */
  protected payAgain(order: Order): void {
    this.paying.set(true);
    this.payError.set(null);
    const body = { checkoutId: order.checkoutId, locale: this.i18n.lang() === 'en' ? ('en' as const) : ('vn' as const) };
    this.payments.create(body, this.paymentAttempt.keyFor(body)).subscribe({
      next: (intent) => {
        this.paymentAttempt.settle(null);
        rememberPayment(intent.checkoutId, intent.id);
        if (intent.nextAction?.type === 'redirect') this.location.assign(intent.nextAction.url);
        else {
          this.paying.set(false);
          this.order.reload();
        }
      },
      error: (err: unknown) => {
        const error = toApiError(err);
        this.paymentAttempt.settle(error);
        this.paying.set(false);
        this.payError.set(error);
      },
    });
  }

  protected set(target: 'reason' | 'otherCarrier' | 'trackingCode' | 'carrier', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this[target].set(value);
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected vnd(amount: number): string {
    return formatVnd(amount);
  }

  protected weight(grams: number): string {
    return formatWeight(grams);
  }

  protected tone(o: Order) {
    return stateTone(o.state);
  }

  private call(order: Order, action: Pending): Observable<unknown> {
    const reason = this.reason().trim();
    switch (action) {
      case 'collect':
        return this.payments.codCollected(order.id);
      case 'ship': {
        const carrier = this.carrier() === 'other' ? this.otherCarrier().trim() : this.carrier();
        const lines = this.shipLines(order);
        return this.api.transition(order.id, 'ship', { carrier, trackingCode: this.trackingCode().trim(), ...(lines.length ? { lines } : {}) });
      }
      case 'cancel':
        // A buyer may cancel without a reason; a seller must give one (the API says so if missing).
        return this.api.transition(order.id, 'cancel', reason || this.mode() === 'seller' ? { reason } : {});
      case 'refund-request':
        return this.api.transition(order.id, 'refund-request', { reason });
      default:
        return this.api.transition(order.id, action);
    }
  }
}
