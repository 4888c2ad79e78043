import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnd } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent, PriceComponent } from '@nss/web-ui';
import { Observable, map, of, switchMap } from 'rxjs';
import { BrowserLocation, PaymentsApi } from '../../../payments/data/payments.api';
import { rememberPayment } from '../../../payments/data/payment-status';
import { CartStore } from '../../data/cart.store';
import { IdempotentAttempt } from '../../data/idempotency';
import { OrdersApi } from '../../data/orders.api';
import {
  MAX_SELLER_NOTE,
  PAYMENT_METHODS,
  type Address,
  type AddressInput,
  type CheckoutBody,
  type CheckoutResult,
  type PaymentMethod,
} from '../../data/orders.models';
import { AddressFieldsComponent, EMPTY_ADDRESS, addressText } from '../../ui/address-fields.component';

/**
 * `/thanh-toan`: address (saved or new), payment method, then "Đặt hàng". The server prices everything and
 * answers with one order per seller (shipping included); the page then shows that answer and goes on to pay:
 * VNPay → the gateway, bank transfer → the VietQR page, COD → done.
 */
@Component({
  selector: 'nss-checkout-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent, PriceComponent, AddressFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../ui/orders.css',
  styles: `.seller-group { padding: 8px 0; border-top: 1px solid #eceee9; } .seller-group:first-of-type { border-top: 0; }`,
  template: `
    <nss-page-header [title]="'ord.checkout.title' | t" />
    @if (result(); as r) {
      <section class="card" data-testid="checkout-result" [attr.data-checkout-id]="r.checkoutId">
        <h2>{{ (r.paymentMethod === 'cod' ? 'ord.checkout.placedCod' : 'ord.checkout.placed') | t: { code: r.code } }}</h2>
        <ul class="lines">
          @for (o of r.orders; track o.id) {
            <li class="between" data-testid="checkout-order">
              <span><a [routerLink]="['/don-hang', o.id]">{{ o.code }}</a>
                @if (o.sellerName) { · {{ o.sellerName }} }<br />
                <small class="muted">{{ 'ord.checkout.items' | t }} {{ vnd(o.itemsTotalVnd) }} ·
                  {{ 'ord.checkout.shipping' | t }} <span data-testid="order-shipping">{{ o.shippingFeeVnd ? vnd(o.shippingFeeVnd) : ('ord.checkout.freeShipping' | t) }}</span></small></span>
              <nss-price [amount]="o.totalVnd" />
            </li>
          }
        </ul>
        <p class="between total"><span>{{ 'ord.checkout.total' | t }}</span>
          <span data-testid="checkout-total"><nss-price [amount]="r.totalVnd" /></span></p>
        <nss-error-box [error]="payError()" />
        @if (r.paymentMethod === 'vnpay') {
          <p class="muted small">{{ 'ord.checkout.vnpayHint' | t }}</p>
          <button type="button" class="btn btn-primary btn-block" data-testid="pay-vnpay" [disabled]="paying()"
            (click)="payVnpay(r)">{{ (paying() ? 'ord.checkout.redirecting' : 'ord.checkout.payVnpay') | t }}</button>
        } @else if (r.paymentMethod === 'bank_transfer') {
          <a class="btn btn-primary btn-block" data-testid="pay-transfer"
            [routerLink]="['/thanh-toan/chuyen-khoan', r.checkoutId]">{{ 'ord.checkout.showQr' | t }}</a>
        } @else {
          <p class="notice" data-testid="cod-confirmed">{{ 'ord.checkout.codDone' | t }}</p>
          <a class="btn btn-block" routerLink="/don-hang" data-testid="go-orders">{{ 'ord.checkout.myOrders' | t }}</a>
        }
      </section>
    } @else {
      <nss-error-box [error]="error()" [shownPaths]="shownPaths()" />
      @if (error()?.code === 'CART_CHANGED' || error()?.code === 'OUT_OF_STOCK') {
        <p><a class="btn" routerLink="/gio-hang" data-testid="back-to-cart">{{ 'ord.checkout.reviewCart' | t }}</a></p>
      }
      @if (store.loaded() && store.lineCount() === 0) {
        <section class="card" data-testid="checkout-empty">
          <p>{{ 'ord.cart.empty' | t }}</p>
          <a class="btn" routerLink="/search">{{ 'ord.cart.browse' | t }}</a>
        </section>
      } @else {
        <form (submit)="$event.preventDefault(); place()" novalidate>
          <fieldset data-testid="address-choice">
            <legend>{{ 'ord.checkout.address' | t }}</legend>
            @if (addresses.isLoading()) {
              <p role="status" data-testid="addresses-loading">{{ 'common.loading' | t }}</p>
            } @else {
              @for (a of savedAddresses(); track a.id) {
                <label class="choice">
                  <input type="radio" name="address" [value]="a.id" [checked]="addressChoice() === a.id"
                    data-testid="saved-address" (change)="chosen.set(a.id)" />
                  <span><strong>{{ a.recipientName }}</strong> · {{ a.phone }}
                    @if (a.isDefault) { <small class="muted">({{ 'ord.addresses.default' | t }})</small> }<br />
                    <small>{{ text(a) }}</small></span>
                </label>
              }
              @if (savedAddresses().length) {
                <label class="choice">
                  <input type="radio" name="address" value="new" [checked]="addressChoice() === 'new'"
                    data-testid="new-address" (change)="chosen.set('new')" />
                  <span>{{ 'ord.checkout.newAddress' | t }}</span>
                </label>
              }
              @if (addressChoice() === 'new') {
                <nss-address-fields [(value)]="newAddress" [error]="error()" />
                <label class="choice">
                  <input type="checkbox" [checked]="saveAddress()" data-testid="save-address"
                    (change)="saveAddress.set(!saveAddress())" />
                  <span>{{ 'ord.checkout.saveAddress' | t }}</span>
                </label>
              }
              <a class="small" routerLink="/tai-khoan/dia-chi" data-testid="manage-addresses">{{ 'ord.checkout.manageAddresses' | t }}</a>
            }
          </fieldset>

          <fieldset data-testid="payment-choice">
            <legend>{{ 'ord.checkout.payment' | t }}</legend>
            @for (m of methods; track m) {
              <label class="choice">
                <input type="radio" name="method" [value]="m" [checked]="method() === m"
                  [attr.data-testid]="'method-' + m" (change)="method.set(m)" />
                <span><strong>{{ 'ord.method.' + m | t }}</strong><br />
                  <small class="muted">{{ 'ord.methodHint.' + m | t }}</small></span>
              </label>
            }
          </fieldset>

          <section class="card" [attr.aria-label]="'ord.checkout.summary' | t">
            <h2>{{ 'ord.checkout.summary' | t }}</h2>
            @for (g of store.cart().groups; track g.sellerId) {
              <div class="seller-group" data-testid="seller-group" [attr.data-seller-id]="g.sellerId">
                <p class="between"><span>{{ g.sellerName }} ({{ g.lines.length }})</span><nss-price [amount]="g.subtotalVnd" /></p>
                <div class="field">
                  <label [for]="'note-' + g.sellerId">{{ 'ord.checkout.noteFor' | t: { name: g.sellerName } }}</label>
                  <textarea [id]="'note-' + g.sellerId" rows="2" data-testid="seller-note" [attr.maxlength]="maxNote"
                    [attr.aria-describedby]="'note-' + g.sellerId + '-hint note-' + g.sellerId + '-error'"
                    [placeholder]="'ord.checkout.notePlaceholder' | t" [value]="noteOf(g.sellerId)"
                    (input)="setNote(g.sellerId, $event)"></textarea>
                  <span class="hint" [id]="'note-' + g.sellerId + '-hint'">
                    {{ 'ord.checkout.noteHint' | t: { n: noteOf(g.sellerId).length, max: maxNote } }}</span>
                  <nss-field-error [id]="'note-' + g.sellerId + '-error'" [error]="error()" [path]="'notes.' + g.sellerId" />
                </div>
              </div>
            }
            <p class="between total"><span>{{ 'ord.cart.itemsTotal' | t }}</span><nss-price [amount]="store.cart().itemsTotalVnd" /></p>
            <p class="muted small">{{ 'ord.checkout.shippingNote' | t }}</p>
          </section>
          <button type="submit" class="btn btn-primary btn-block" data-testid="place-order"
            [disabled]="submitting() || store.cart().hasIssues">
            {{ (submitting() ? 'ord.checkout.placing' : 'ord.checkout.place') | t }}</button>
        </form>
      }
    }
  `,
})
export class CheckoutPage implements OnInit {
  protected readonly store = inject(CartStore);
  private readonly orders = inject(OrdersApi);
  private readonly payments = inject(PaymentsApi);
  private readonly location = inject(BrowserLocation);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  protected readonly methods = PAYMENT_METHODS;
  protected readonly maxNote = MAX_SELLER_NOTE;
  /** The buyer's note to each seller, by seller id (sent only when not blank, for sellers still in the cart). */
  protected readonly notes = signal<Record<string, string>>({});
  protected readonly shownPaths = computed(() => [
    'address.recipientName',
    'address.phone',
    'address.street',
    'address.provinceCode',
    'address.communeCode',
    ...this.store.cart().groups.map((g) => `notes.${g.sellerId}`),
  ]);
  protected readonly addresses = rxResource({ stream: () => this.orders.addresses() });
  protected readonly savedAddresses = computed(() => (this.addresses.hasValue() ? this.addresses.value() : []));
  protected readonly chosen = signal<string | null>(null);
  /** The saved address picked, or 'new'; the first saved address by default. */
  protected readonly addressChoice = computed(() => this.chosen() ?? this.savedAddresses()[0]?.id ?? 'new');
  protected readonly newAddress = signal<AddressInput>(EMPTY_ADDRESS);
  protected readonly saveAddress = signal(true);
  protected readonly method = signal<PaymentMethod>('vnpay');
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly result = signal<CheckoutResult | null>(null);
  protected readonly paying = signal(false);
  protected readonly payError = signal<ApiError | null>(null);

  private readonly checkoutAttempt = new IdempotentAttempt();
  private readonly paymentAttempt = new IdempotentAttempt();

  ngOnInit(): void {
    this.store.reload();
  }


  protected place(): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.error.set(null);
    this.addressPart()
      .pipe(
        switchMap((address) => {
          const notes = this.notesToSend();
          const body: CheckoutBody = { ...address, paymentMethod: this.method(), ...(notes ? { notes } : {}) };
          const key = this.checkoutAttempt.keyFor(body);
          return this.orders.checkout(body, key);
        }),
      )
      .subscribe({
        next: (result) => {
          this.checkoutAttempt.settle(null);
          this.submitting.set(false);
          this.store.clearLocal();
          this.store.reload();
          if (result.paymentMethod === 'bank_transfer') {
            void this.router.navigate(['/thanh-toan/chuyen-khoan', result.checkoutId]);
            return;
          }
          this.result.set(result);
          // Cash on delivery: the payment record (processing until the seller records the cash). Best effort: the
          // order stands without it, and payments creates nothing twice for a checkout.
          if (result.paymentMethod === 'cod') this.startCodPayment(result.checkoutId);
        },
        error: (err: unknown) => {
          const error = toApiError(err);
          this.checkoutAttempt.settle(error);
          this.submitting.set(false);
          this.error.set(error);
          if (error.code === 'CART_CHANGED' || error.code === 'OUT_OF_STOCK') this.store.reload();
        },
      });
  }

  protected payVnpay(result: CheckoutResult): void {
    this.paying.set(true);
    this.payError.set(null);
    const body = { checkoutId: result.checkoutId, locale: this.i18n.lang() === 'en' ? ('en' as const) : ('vn' as const) };
    this.payments.create(body, this.paymentAttempt.keyFor(body)).subscribe({
      next: (intent) => {
        this.paymentAttempt.settle(null);
        rememberPayment(intent.checkoutId, intent.id);
        if (intent.nextAction?.type === 'redirect') {
          this.location.assign(intent.nextAction.url);
        } else {
          this.paying.set(false);
          void this.router.navigate(['/thanh-toan/ket-qua'], { queryParams: { checkout: result.checkoutId } });
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

  private startCodPayment(checkoutId: string): void {
    const body = { checkoutId };
    this.payments.create(body, this.paymentAttempt.keyFor(body)).subscribe({
      next: (intent) => {
        this.paymentAttempt.settle(null);
        rememberPayment(checkoutId, intent.id);
      },
      error: (err: unknown) => this.paymentAttempt.settle(toApiError(err)),
    });
  }

  protected noteOf(sellerId: string): string {
    return this.notes()[sellerId] ?? '';
  }

  protected setNote(sellerId: string, event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.notes.update((notes) => ({ ...notes, [sellerId]: text }));
  }

  /** The non-blank notes of the sellers in the cart now, or nothing. */
  private notesToSend(): Record<string, string> | null {
    const entries = this.store
      .cart()
      .groups.map((g) => [g.sellerId, this.noteOf(g.sellerId).trim()] as const)
      .filter(([, text]) => text.length > 0);
    return entries.length ? Object.fromEntries(entries) : null;
  }

  protected text(a: Address): string {
    return addressText(a);
  }

  protected vnd(amount: number): string {
    return formatVnd(amount);
  }

  /** `{addressId}` for a saved address (a new one is saved first when asked), or the new address itself. */
  private addressPart(): Observable<{ addressId: string } | { address: AddressInput }> {
    const choice = this.addressChoice();
    if (choice !== 'new') return of({ addressId: choice });
    const address = this.newAddress();
    if (!this.saveAddress()) return of({ address });
    return this.orders.createAddress(address).pipe(
      map((saved) => {
        // A retry uses the saved address instead of saving it again.
        this.chosen.set(saved.id);
        this.addresses.reload();
        return { addressId: saved.id };
      }),
    );
  }
}
