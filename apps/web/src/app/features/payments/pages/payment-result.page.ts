import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@nss/web-data-access';
import { PageHeaderComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { PAYMENT_POLL_MS } from '../data/poll-interval';
import { PaymentsApi } from '../data/payments.api';
import type { PaymentIntent } from '../data/payments.models';
import { isSettled, pollPayment, rememberedPayment } from '../data/payment-status';

/** How long the page waits for the gateway's IPN to reach the API before saying "still processing". */
const MAX_POLLS = 30;

/**
 * `/thanh-toan/ket-qua?checkout=…&status=…`: where the API's VNPay return redirect lands. The query only says what
 * the gateway told the browser; the page shows the payment's real status from the API (the IPN may arrive a moment
 * later, so it reads again for a while).
 */
@Component({
  selector: 'nss-payment-result-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, PriceComponent, StatusChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payments.css',
  template: `
    <nss-page-header [title]="'pay.result.title' | t" />
    @if (intent(); as p) {
      <section class="card" data-testid="payment-result" [attr.data-status]="p.status" role="status" aria-live="polite">
        <p class="status">
          <nss-status-chip [status]="p.status" [label]="'pay.status.' + p.status | t"
            [tone]="p.status === 'succeeded' ? 'ok' : p.status === 'canceled' ? 'bad' : 'warn'" />
          <span>{{ 'pay.result.checkout' | t: { code: p.checkoutCode } }}</span>
        </p>
        <p class="between"><span>{{ 'pay.transfer.amount' | t }}</span><nss-price [amount]="p.amountVnd" /></p>
        <p data-testid="payment-result-text">{{ message(p) | t }}</p>
      </section>
    } @else if (unknown()) {
      <section class="card" data-testid="payment-result" [attr.data-status]="'unknown'" role="status">
        <p>{{ ('pay.result.gateway.' + gatewayStatus()) | t }}</p>
        <p class="muted small">{{ 'pay.result.checkOrders' | t }}</p>
      </section>
    } @else {
      <p role="status">{{ 'common.loading' | t }}</p>
    }
    <p class="row">
      <a class="btn" routerLink="/don-hang" data-testid="result-orders">{{ 'pay.common.myOrders' | t }}</a>
      <a class="btn" routerLink="/">{{ 'shell.home' | t }}</a>
    </p>
  `,
})
export class PaymentResultPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pollMs = inject(PAYMENT_POLL_MS);
  /** Query `?checkout=` (the checkout id) and `?status=` (the gateway's answer as the API read it). */
  readonly checkout = input<string | undefined>(undefined);
  readonly status = input<string | undefined>(undefined);
  /** Query `?payment=`: the payment id, when the API's redirect gives it. */
  readonly payment = input<string | undefined>(undefined);

  protected readonly intent = signal<PaymentIntent | null>(null);
  protected readonly unknown = signal(false);
  /** The API's return redirect says `succeeded`, `review`, `failed` or `invalid` (a forged or unknown return). */
  protected readonly gatewayStatus = computed(() => {
    const status = this.status();
    return status === 'succeeded' || status === 'review' ? status : 'other';
  });

  ngOnInit(): void {
    const checkoutId = this.checkout();
    const paymentId = this.payment() ?? (checkoutId ? rememberedPayment(checkoutId) : null);
    if (!paymentId) {
      this.unknown.set(true);
      return;
    }
    pollPayment(() => this.api.get(paymentId), Math.max(1000, this.pollMs / 2), MAX_POLLS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (intent) => this.intent.set(intent),
        complete: () => {
          if (!this.intent()) this.unknown.set(true);
        },
      });
  }

  protected message(p: PaymentIntent): string {
    if (p.status === 'succeeded') return 'pay.result.succeeded';
    if (p.status === 'canceled') return 'pay.result.canceled';
    if (p.status === 'requires_review') return 'pay.result.review';
    return isSettled(p.status) ? 'pay.result.canceled' : 'pay.result.pending';
  }
}
