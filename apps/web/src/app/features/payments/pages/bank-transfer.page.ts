import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnd } from '@nss/util-vn';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, PriceComponent, StatusChipComponent } from '@nss/web-ui';
import { Subscription } from 'rxjs';
import { IdempotentAttempt } from '../../orders/data/idempotency';
import { PAYMENT_POLL_MS } from '../data/poll-interval';
import { PaymentsApi } from '../data/payments.api';
import type { PaymentIntent } from '../data/payments.models';
import { isSettled, pollPayment, rememberPayment } from '../data/payment-status';
import { bankName } from '../ui/banks';
import { VietqrCodeComponent } from '../ui/vietqr-code.component';

/**
 * `/thanh-toan/chuyen-khoan/:checkoutId`: the VietQR code with amount, bank, account and purpose, and the payment's
 * status read every few seconds until the bank feed confirms it (or it is cancelled or sent to staff).
 */
@Component({
  selector: 'nss-bank-transfer-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, PriceComponent, StatusChipComponent,
    VietqrCodeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payments.css',
  template: `
    <nss-page-header [title]="'pay.transfer.title' | t" />
    <nss-error-box [error]="error()" />
    @if (error()) {
      <button type="button" class="btn" data-testid="transfer-retry" (click)="start()">{{ 'common.retry' | t }}</button>
    }
    @if (intent(); as p) {
      <p class="status" role="status" aria-live="polite" data-testid="payment-status" [attr.data-status]="p.status">
        <nss-status-chip [status]="p.status" [label]="'pay.status.' + p.status | t" [tone]="tone(p.status)" />
        @if (!settled()) { <small class="muted">{{ 'pay.transfer.waiting' | t }}</small> }
      </p>
      @if (p.status === 'succeeded') {
        <section class="card notice" data-testid="transfer-done">
          <p>{{ 'pay.transfer.done' | t: { code: p.checkoutCode } }}</p>
          <a class="btn" routerLink="/don-hang">{{ 'pay.common.myOrders' | t }}</a>
        </section>
      } @else if (qr(); as q) {
        <section class="card qr" [attr.aria-label]="'pay.transfer.scan' | t">
          <p>{{ 'pay.transfer.scan' | t }}</p>
          <nss-vietqr-code [payload]="q.payload" [alt]="'pay.transfer.qrAlt' | t: { amount: vnd(q.amountVnd), purpose: q.purpose }" />
          <dl class="facts">
            <dt>{{ 'pay.transfer.amount' | t }}</dt>
            <dd data-testid="transfer-amount"><nss-price [amount]="q.amountVnd" /></dd>
            <dt>{{ 'pay.transfer.bank' | t }}</dt>
            <dd data-testid="transfer-bank">{{ bank(q.bankBin) }}</dd>
            <dt>{{ 'pay.transfer.account' | t }}</dt>
            <dd data-testid="transfer-account">{{ q.accountNumber }}
              <button type="button" class="link-btn" (click)="copy(q.accountNumber)">{{ 'pay.transfer.copy' | t }}</button></dd>
            <dt>{{ 'pay.transfer.accountName' | t }}</dt>
            <dd>{{ q.accountName }}</dd>
            <dt>{{ 'pay.transfer.purpose' | t }}</dt>
            <dd data-testid="transfer-purpose"><strong>{{ q.purpose }}</strong>
              <button type="button" class="link-btn" (click)="copy(q.purpose)">{{ 'pay.transfer.copy' | t }}</button></dd>
          </dl>
          <p class="muted small">{{ 'pay.transfer.purposeHint' | t: { purpose: q.purpose } }}</p>
          @if (copied()) { <p class="small" role="status">{{ 'pay.transfer.copied' | t }}</p> }
        </section>
      } @else if (p.status === 'requires_review') {
        <p class="card">{{ 'pay.result.review' | t }}</p>
      } @else if (p.status === 'canceled') {
        <p class="card">{{ 'pay.result.canceled' | t }}</p>
      }
    } @else if (!error()) {
      <p role="status">{{ 'common.loading' | t }}</p>
    }
  `,
})
export class BankTransferPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pollMs = inject(PAYMENT_POLL_MS);
  /** Route parameter `:checkoutId`. */
  readonly checkoutId = input.required<string>();

  protected readonly intent = signal<PaymentIntent | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly copied = signal(false);
  protected readonly settled = computed(() => {
    const p = this.intent();
    return p !== null && isSettled(p.status);
  });
  protected readonly qr = computed(() => {
    const action = this.intent()?.nextAction;
    return action?.type === 'vietqr' && !this.settled() ? action : null;
  });
  private readonly attempt = new IdempotentAttempt();
  private polling: Subscription | null = null;

  ngOnInit(): void {
    this.start();
  }

  /** Asks for the checkout's payment (the server keeps one per checkout), then follows its status. */
  protected start(): void {
    this.error.set(null);
    const body = { checkoutId: this.checkoutId() };
    this.api
      .create(body, this.attempt.keyFor(body))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (intent) => {
          this.attempt.settle(null);
          this.intent.set(intent);
          rememberPayment(intent.checkoutId, intent.id);
          this.follow(intent.id);
        },
        error: (err: unknown) => {
          const error = toApiError(err);
          this.attempt.settle(error);
          this.error.set(error);
        },
      });
  }

  protected bank(bin: string): string {
    return bankName(bin);
  }

  protected vnd(amount: number): string {
    return formatVnd(amount);
  }

  protected tone(status: PaymentIntent['status']): 'ok' | 'warn' | 'bad' | 'neutral' {
    return status === 'succeeded' ? 'ok' : status === 'canceled' ? 'bad' : 'warn';
  }

  protected copy(text: string): void {
    navigator.clipboard?.writeText(text).then(
      () => this.copied.set(true),
      () => undefined,
    );
  }

  private follow(id: string): void {
    this.polling?.unsubscribe();
    if (this.settled()) return;
    this.polling = pollPayment(() => this.api.get(id), this.pollMs)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((intent) => this.intent.set({ ...intent, nextAction: intent.nextAction ?? this.intent()?.nextAction ?? null }));
  }
}
